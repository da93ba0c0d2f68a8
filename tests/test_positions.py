"""Where each character of a YAML text is written: every scalar style, escapes, folding, runs."""

from __future__ import annotations

import pytest
import yaml

from brochure.diagnostics import Location
from brochure.load.positions import TextPositions
from brochure.load.scalars import value_positions

SCALARS = """\
plain: Bel ons ☎ gerust.
plain-lines: een twee
  drie vier

  na een witregel
single: 'it''s here, ''quoted'''
single-lines: 'over
  twee   regels'
double: "caf\\u00e9 \\x41 \\"zo\\" tab\\there \\\\ end"
double-lines: "een \\
   doorlopende regel
  en een tweede"
literal: |
  eerste regel
    meer ingesprongen
  laatste
folded: >-
  Twee **regels**
  met ✈ erin.

  Nieuwe alinea.
kept: |+
  houdt

flow: [een, "twee ☃", 'drie']
"""


def scalars(text: str) -> list[yaml.ScalarNode]:
    found, stack = [], [yaml.compose(text)]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            found.append(node)
        elif isinstance(node, yaml.MappingNode):
            stack += [value for _, value in node.value]
        else:
            stack += node.value
    return [n for n in found if n.value]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_every_character_of_every_value_points_at_itself_in_the_file(newline: str) -> None:
    """For each character of each value, the file holds that character at the position given
    (or the escape or doubled quote that makes it); whitespace points at whitespace. Windows
    line ends change nothing."""
    text = SCALARS.replace("\n", newline)
    lines = text.split(newline)
    for node in scalars(text):
        positions = value_positions(node, "c.yaml")
        assert positions.runs, node.value
        for offset, char in enumerate(node.value):
            where = positions(offset)
            assert where.file == "c.yaml"
            written = lines[where.line - 1][where.column - 1 :]
            if char.isspace():
                assert written[:1].isspace() or written[:1] in ("\\", "") or written.startswith("\\t")
            elif not written.startswith(char):
                assert written.startswith(("\\", "''")), (node.value, offset, char, where)


def test_single_line_texts_are_one_run_and_folded_ones_a_run_per_line() -> None:
    """Plain text on one line is a single run; a folded text starts a run on each line."""
    by_value = {n.value: value_positions(n, "c.yaml") for n in scalars(SCALARS)}
    assert by_value["Bel ons ☎ gerust."].runs == ((0, 1, 8),)
    folded = by_value["Twee **regels** met ✈ erin.\nNieuwe alinea."]
    assert [line for _, line, _ in folded.runs] == [18, 19, 21]
    assert folded(folded.runs[1][0] + 4) == Location("c.yaml", 19, 7)  # the ✈


def test_a_value_that_does_not_match_its_source_maps_to_the_start() -> None:
    """A scalar made up while reading (its marks span other text, or less of it, or an escape
    that makes another character), or one without a source buffer, maps every offset to where
    it starts rather than to a wrong place."""
    for source, value, style in (
        ("a: {b: c}\n", "other", '"'),
        ("a: xy\n", "xyz", None),
        ('a: "\\t"\n', "x", '"'),
    ):
        node = scalars(source)[0]
        made = yaml.ScalarNode("tag:yaml.org,2002:str", value, node.start_mark, node.end_mark, style)
        start = Location("c.yaml", 1, node.start_mark.column + 1)
        assert value_positions(made, "c.yaml") == TextPositions(start)
    mark = yaml.Mark("c.yaml", 0, 2, 4, None, None)
    bare = yaml.ScalarNode("tag:yaml.org,2002:str", "x", mark, mark)
    assert value_positions(bare, "c.yaml")(3) == Location("c.yaml", 3, 5)


def test_positions_map_runs_and_keep_their_place_when_picked_and_joined() -> None:
    """Offsets within a run advance the column; a new run starts a new line; a text without
    runs maps everything to its start; picking and joining keep each character's place."""
    start = Location("c.yaml", 3, 9)
    places = [Location("c.yaml", 3, 9 + n) for n in range(4)]
    places += [Location("c.yaml", 4, 5 + n) for n in range(3)]
    positions = TextPositions.of(start, places)
    assert positions.runs == ((0, 3, 9), (4, 4, 5))
    assert [positions(n) for n in range(7)] == places
    assert positions.pick([1, 5]) == TextPositions.of(start, [places[1], places[5]])
    joined = positions.joined(2, positions.pick([4, 5, 6]), 3)
    assert [joined(n) for n in range(5)] == places[:2] + places[4:]
    assert positions.pick([6, 0, 5, 6]).runs == ((0, 4, 7), (1, 3, 9), (2, 4, 6))
    blank = TextPositions(start)
    assert blank(5) == start and blank.pick([2]) is blank
    assert [blank.joined(2, positions, 2)(n) for n in range(4)] == [start, start, *places[:2]]
