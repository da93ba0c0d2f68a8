"""The command line: one module per command, diagnostics printed like a compiler's, exit codes 0-3."""
