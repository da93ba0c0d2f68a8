"""`python -m brochure`: the same as the `brochure` command."""

from brochure.cli import main_entry

main_entry()
