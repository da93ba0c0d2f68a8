"""`python -m brochure`, and the `brochure` program's entry: the command line, imported inside
`entry` so that Ctrl+C while it is still being imported also ends with one line and exit 130."""

from brochure.cli.exits import INTERRUPTED, INTERRUPTED_LINE


def entry() -> None:
    try:
        from brochure.cli.main import main_entry
    except KeyboardInterrupt:
        import sys

        print(INTERRUPTED_LINE, file=sys.stderr)
        raise SystemExit(INTERRUPTED) from None
    main_entry()


if __name__ == "__main__":
    entry()
