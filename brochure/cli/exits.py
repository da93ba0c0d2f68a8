"""Exit codes of every command: 0 ok, 1 errors in the input, 2 usage, 3 internal error."""

OK, ERRORS, USAGE, INTERNAL = 0, 1, 2, 3
