"""`python -m brochure`: the same as the `brochure` command."""

from brochure.cli.main import main_entry

main_entry()
