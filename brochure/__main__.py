"""`python -m brochure`: the same as the `brochure` command."""

from brochure.cli import entry

entry()
