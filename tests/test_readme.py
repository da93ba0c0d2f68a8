"""The README says what the program does: its command reference is the parser's own help, and its
two commands are the ones CI runs (in a virtual environment, never pip on the system Python).

After changing an option, print the reference to paste: `python -m tests.test_readme`."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

from brochure.cli.main import parser

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- command reference: python -m tests.test_readme -->", "<!-- end of command reference -->"


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    top = parser()
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


def _option(action: argparse.Action) -> str:
    if not action.option_strings:
        return f"`{action.metavar or action.dest.upper()}`"
    takes = action.nargs != 0 and not isinstance(action, argparse._StoreConstAction)
    metavar = f" {action.metavar or action.dest.upper()}" if takes else ""
    if action.choices and not action.metavar:
        metavar = " {" + ",".join(map(str, action.choices)) + "}"
    return ", ".join(f"`{option}{metavar}`" for option in action.option_strings)


def _help(action: argparse.Action) -> str:
    text = (action.help or "").replace("%(default)s", str(action.default))
    return text.replace("|", "\\|")


def reference() -> str:
    """The command reference as the README shows it, made from the parser."""
    top = parser()
    lines = [START, "", "| command | option | what it does |", "| --- | --- | --- |"]
    for action in top._actions:
        if action.option_strings and action.help != argparse.SUPPRESS:
            lines.append(f"| `brochure` | {_option(action)} | {_help(action)} |")
    for name, command in _subcommands().items():
        for action in command._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            lines.append(f"| `brochure {name}` | {_option(action)} | {_help(action)} |")
    return "\n".join([*lines, "", END])


def test_the_readme_command_reference_is_the_help() -> None:
    """Every option of every command, with its help text, stands in the README, and nothing else."""
    text = README.read_text(encoding="utf-8")
    assert START in text and END in text
    written = text[text.index(START) : text.index(END) + len(END)]
    assert written == reference(), "run `python -m tests.test_readme` and paste its output"


def test_every_option_in_help_is_in_the_reference() -> None:
    """The same check from the other side: the option strings printed by --help."""
    text = README.read_text(encoding="utf-8")
    written = text[text.index(START) : text.index(END)]
    for name, command in _subcommands().items():
        for option in re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", command.format_help()):
            assert f"`brochure {name}` | " in written
            assert f"`{option}" in written, (name, option)


def _readme_command(marker: str) -> str:
    text = README.read_text(encoding="utf-8")
    block = text.split(f"<!-- {marker} -->", 1)[1]
    return block.split("```", 2)[1].split("\n", 1)[1].strip()


def test_the_two_commands_install_into_a_virtual_environment_and_ci_runs_them() -> None:
    """pip on the system Python fails on current Debian and Ubuntu: both commands make and use
    `.venv`; .ci/run reads them from the README under their markers, so CI runs them as written."""
    for marker in ("build-command", "test-command"):
        command = _readme_command(marker)
        steps = [shlex.split(step) for step in command.split("&&")]
        assert steps[0] == ["python3", "-m", "venv", ".venv"]
        assert all(step[0].startswith(".venv/bin/") for step in steps[1:]), command
        assert any("pip" in step and "install" in step for step in steps)
        assert f"readme_command {marker}" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _readme_command("test-command").endswith(".venv/bin/python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-eq 5" in ci  # pytest's "no tests collected" is a failure


if __name__ == "__main__":
    print(reference())


def test_every_diagnostic_code_the_package_raises_has_a_row_in_the_readme() -> None:
    """An author who meets a code finds what it means in the README's table."""
    raised = {
        code
        for path in (ROOT / "brochure").rglob("*.py")
        for code in re.findall(r'"([ACDKLM]\d{3})"', path.read_text(encoding="utf-8"))
    }
    text = README.read_text(encoding="utf-8")
    assert len(raised) > 80 and sorted(code for code in raised if f"| {code} |" not in text) == []
