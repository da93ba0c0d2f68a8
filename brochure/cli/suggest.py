"""Did-you-mean for usage errors: a mistyped command, option or choice, matched to the known ones."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable, Sequence


def suggestion(message: str, parser: argparse.ArgumentParser, words: Sequence[str]) -> str:
    """'did you mean …?' for an argparse error message, or '' when nothing is close."""
    import difflib  # only on this path

    choice = re.search(r"invalid choice: '([^']*)'", message)
    if choice:
        found = difflib.get_close_matches(choice.group(1), list(_choices(parser)), n=1, cutoff=0.5)
        return f"did you mean '{found[0]}'?" if found else ""
    listed = re.search(r"unknown \w+ '?([^' ,]+)'? \(choose from ([^)]*)\)", message)
    if listed:
        names = [name.strip() for name in listed.group(2).split(",")]
        found = difflib.get_close_matches(listed.group(1), names, n=1, cutoff=0.5)
        return f"did you mean '{found[0]}'?" if found else ""
    command = command_parser(parser, words)
    options = [o for action in command._actions for o in action.option_strings]
    unknown = re.search(r"unrecognized arguments: (.*)", message)
    # An unknown option may also be what left a required one missing (`--too de` for `--to de`).
    typed = unknown.group(1).split() if unknown else words
    for word in typed:
        name = word.split("=")[0]
        if name.startswith("-") and name.strip("-") and name not in options:
            found = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
            if found:
                return f"did you mean '{found[0]}'? (see '{command.prog} --help')"
    return f"see '{command.prog} --help'" if unknown else ""


def _choices(parser: argparse.ArgumentParser) -> Iterable[str]:
    for action in parser._actions:
        if action.choices:
            yield from (str(choice) for choice in action.choices)


def command_parser(parser: argparse.ArgumentParser, words: Sequence[str]) -> argparse.ArgumentParser:
    """The subcommand's parser named in `words`, or `parser` itself."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for word in words:
                if word in action.choices:
                    chosen: argparse.ArgumentParser = action.choices[word]
                    return chosen
    return parser
