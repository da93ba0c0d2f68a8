"""The command line: one module per command, diagnostics printed like a compiler's, exit codes 0-3."""

import sys


def entry() -> None:
    """The `brochure` program. Ctrl+C while the command line's modules are still being imported
    ends it as Ctrl+C does later: one line and exit 130 (this module imports nothing itself)."""
    try:
        from brochure.cli.main import main_entry
    except KeyboardInterrupt:
        from brochure.cli.exits import INTERRUPTED, INTERRUPTED_LINE

        print(INTERRUPTED_LINE, file=sys.stderr)
        sys.exit(INTERRUPTED)
    main_entry()
