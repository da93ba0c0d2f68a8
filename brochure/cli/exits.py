"""Exit codes: 0 ok, 1 errors in the input, 2 usage or environment, 3 internal error, 130 Ctrl+C."""

OK, ERRORS, USAGE, INTERNAL = 0, 1, 2, 3
#: Stopped by Ctrl+C (128 + SIGINT), as shells report it.
INTERRUPTED = 130
#: The one line Ctrl+C prints.
INTERRUPTED_LINE = "interrupted: stopped (Ctrl+C); the files already written are complete"
