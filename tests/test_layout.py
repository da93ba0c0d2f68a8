"""Layout: panel geometry, keeping rules, overflow and fit policies, balance of the flow."""

from __future__ import annotations

import ast
import dataclasses
from collections import Counter

import pytest

from brochure.diagnostics import BuildError
from brochure.layout.kinds import layout
from brochure.layout.model import Layout
from brochure.load.content import load
from brochure.load.model import Callout, Heading
from brochure.resolve.document import resolve
from brochure.units import mm
from tests.conftest import MINIMAL, SAMPLE
from tests.leaflets import evenly_balanced, sample_assets

INSIDE = ("inside-left", "inside-middle", "inside-right")
LONG = ("Dit is een lange zin die steeds weer terugkomt om een paneel te vullen met tekst. " * 6).strip()


def lay(path) -> tuple[Layout, tuple]:  # type: ignore[no-untyped-def]
    content, warnings = load(path)
    document, more = resolve(content)
    result, laid = layout(document)
    return result, warnings + more + laid


def test_blocks_stay_inside_their_panel_and_clear_of_edges_and_folds(sample_layout: Layout) -> None:
    """Every placed block lies in its panel's text area: 9 mm from folds and paper edges,
    never within the printer's 5 mm."""
    for page in sample_layout.pages:
        for panel in page.panels:
            geometry = panel.geometry
            for item in panel.items:
                box = item.box
                assert box.x >= geometry.x + mm(9) - 0.01
                assert box.right <= geometry.right - mm(9) + 0.01
                assert box.y >= mm(9) - 0.01 and box.top <= page.height - mm(9) + 0.01


def test_every_slot_has_content_and_no_heading_ends_a_panel(sample_layout: Layout) -> None:
    """The sample fills all six panels; a heading is never the last block of a panel."""
    for slot in sample_layout.reading_order:
        panel = sample_layout.panel(slot)
        assert panel.items, slot
        body = [i for i in panel.items if i.block is not None]
        assert not body or not isinstance(body[-1].block, Heading), slot


@pytest.mark.parametrize("kind", ["roll", "z"])
def test_a_short_flow_never_leaves_a_heading_alone_at_the_top_of_a_panel(write_content, kind: str) -> None:  # type: ignore[no-untyped-def]
    """Two short sections over the inside panels: balancing the flow never puts a heading alone
    in one panel and its paragraph in the next (before: the shortest balanced depth held just
    the heading); each heading stands in the panel of its paragraph."""
    sections = "".join(
        f"    - heading: Kop {n}\n    - text: {LONG[: 40 * (n + 3)].rsplit(' ', 1)[0]}.\n" for n in range(2)
    )
    text = MINIMAL.replace("    - heading: Kop\n    - text: Binnen.\n", sections)
    if kind == "z":
        text = text.replace("panels:\n", "fold: z\npanels:\n").replace("  flap:\n", "  outside:\n")
    result, _ = lay(write_content(text))
    slots = {"roll": INSIDE, "z": ("inside-left", "inside-right")}[kind]
    holding = [[type(item.block).__name__ for item in result.panel(slot).items] for slot in slots]
    assert [roles for roles in holding if roles] == [["Heading", "Paragraph"]] * 2, holding


def test_inside_flow_is_balanced_in_whole_paragraphs(sample_layout: Layout) -> None:
    """The sample's inside fits its three panels without splitting a paragraph between them, so
    none is split (a reader unfolding the leaflet never meets half a paragraph); balanced in
    whole paragraphs, the panels are filled to within 25 % of each other."""
    fills = [sample_layout.panel(s).fill for s in INSIDE]
    assert max(fills) - min(fills) < 0.25, fills
    assert min(fills) > 0.4
    blocks = [id(item.block) for slot in INSIDE for item in sample_layout.panel(slot).items if item.block]
    assert len(blocks) == len(set(blocks)), "a block was split between panels"


def test_balance_even_splits_paragraphs_to_even_the_panels(write_content) -> None:  # type: ignore[no-untyped-def]
    """With `balance: even` the inside panels are filled to within 15 % of each other, paragraphs
    split between them as needed (the behaviour before whole paragraphs became the default)."""
    path = write_content(evenly_balanced(SAMPLE))
    sample_assets(path.parent)
    result, _ = lay(path)
    fills = [result.panel(s).fill for s in INSIDE]
    assert max(fills) - min(fills) < 0.15, fills


def test_the_title_is_the_first_item_in_reading_order(sample_layout: Layout) -> None:
    """The cover title is the document's H1, met first."""
    roles = [item.role for item in sample_layout.items_in_reading_order()]
    assert roles[0] == "H1" and roles.count("H1") == 1


def test_split_paragraphs_leave_no_widow_or_orphan(write_content) -> None:  # type: ignore[no-untyped-def]
    """A paragraph split over two panels keeps at least two lines on each side."""
    blocks = "".join(f"      - text: {LONG}\n" for _ in range(8))
    text = MINIMAL.replace(
        "  inside:\n    - heading: Kop\n    - text: Binnen.\n",
        f"  inside:\n    balance: even\n    blocks:\n{blocks}",
    )
    result, _ = lay(write_content(text))
    pieces: dict[int, list] = {}
    for slot in ("inside-left", "inside-middle", "inside-right"):
        for item in result.panel(slot).items:
            pieces.setdefault(id(item.block), []).append(item)
    split = [p for p in pieces.values() if len(p) > 1]
    assert split, "the test content should split a paragraph"
    for parts in split:
        for part in parts:
            assert len(part.lines()) >= 2


def test_callouts_are_never_split(write_content) -> None:  # type: ignore[no-untyped-def]
    """A callout that does not fit at the foot of a panel moves whole to the next one."""
    blocks = "".join(f"    - text: {LONG}\n" for _ in range(2)) + f"    - callout: {LONG}\n"
    text = MINIMAL.replace("    - text: Binnen.\n", blocks * 3)
    result, _ = lay(write_content(text))
    callouts = Counter(
        id(item.block)
        for s in ("inside-left", "inside-middle", "inside-right")
        for item in result.panel(s).items
        if isinstance(item.block, Callout)
    )
    assert len(callouts) == 3 and set(callouts.values()) == {1}


def test_overflow_names_panel_block_line_millimetres_and_words(write_content) -> None:  # type: ignore[no-untyped-def]
    """Too much text on the back is an error at the first block that does not fit."""
    text = MINIMAL.replace("    - text: Achter.\n", "".join(f"    - text: {LONG}\n" for _ in range(5)))
    with pytest.raises(BuildError) as raised:
        lay(write_content(text))
    (error,) = [d for d in raised.value.diagnostics if d.is_error]
    assert error.code == "L101"
    assert error.location.line >= 13
    assert error.message.startswith("the 'back' panel is ") and " mm too long" in error.message
    assert "words)" in error.message
    millimetres = float(error.message.split("panel is ")[1].split(" mm")[0])
    assert 5 < millimetres < 200


def test_fit_shrink_makes_text_fit_and_says_the_size(write_content) -> None:  # type: ignore[no-untyped-def]
    """With `fit: shrink` slightly too long text is set smaller, never below 8.5 pt, with a warning."""
    blocks = "".join(f"        - text: {LONG}\n" for _ in range(4))
    text = MINIMAL.replace(
        "  back:\n    - text: Achter.\n", f"  back:\n    fit: shrink\n    blocks:\n{blocks}"
    )
    result, warnings = lay(write_content(text))
    (shrunk,) = [w for w in warnings if w.code == "L102"]
    size = float(shrunk.message.split("smaller to fit: ")[1].split(" pt")[0])
    assert 8.5 <= size < 10.5
    assert result.panel("back").used_height <= result.panel("back").content_box.height + 0.01


def test_far_too_long_text_still_errors_with_shrink(write_content) -> None:  # type: ignore[no-untyped-def]
    """Shrinking stops at the minimum size; what still does not fit is an error."""
    blocks = "".join(f"        - text: {LONG}\n" for _ in range(12))
    text = MINIMAL.replace(
        "  back:\n    - text: Achter.\n", f"  back:\n    fit: shrink\n    blocks:\n{blocks}"
    )
    with pytest.raises(BuildError) as raised:
        lay(write_content(text))
    assert [d.code for d in raised.value.diagnostics if d.is_error] == ["L101"]


def test_panel_backgrounds_give_colour_fields_and_white_text_on_colour(write_content) -> None:  # type: ignore[no-untyped-def]
    """The cover is a theme-colour field by default; `background: tint` gives a tint field;
    `background: none` on the cover leaves paper and dark text."""
    text = MINIMAL.replace(
        "  back:\n    - text: Achter.\n", "  back:\n    background: tint\n    blocks: [text: Achter.]\n"
    )
    result, _ = lay(write_content(text))
    document = result.document
    palette = document.theme.palette
    assert result.panel("cover").field is not None
    assert result.panel("cover").field.colour == palette.primary
    assert result.panel("back").field is not None
    assert result.panel("back").field.colour == palette.tint
    assert result.panel("flap").field is None
    title = result.panel("cover").items[0]
    assert title.lines()[0].runs[0].colour.astuple() == (1, 1, 1)

    plain = MINIMAL.replace(
        "  cover:\n    - illustration: phone\n",
        "  cover:\n    background: none\n    blocks: [illustration: phone]\n",
    )
    result, _ = lay(write_content(plain, name="plain.yaml"))
    assert result.panel("cover").field is None
    assert result.panel("cover").items[0].lines()[0].runs[0].colour.astuple() != (1, 1, 1)


def test_blocks_after_a_break_stand_at_the_foot_of_a_panel(write_content) -> None:  # type: ignore[no-untyped-def]
    """In a single panel, `break` sends the blocks after it to the foot, above the colophon."""
    text = MINIMAL.replace(
        "  back:\n    - text: Achter.\n",
        "  back:\n    - text: Boven.\n    - break\n    - text: Onder.\n",
    ).replace("  language: nl\n", "  language: nl\n  organisation: School\n")
    result, _ = lay(write_content(text))
    back = result.panel("back")
    by_text = {item.text: item.box for item in back.items if item.text}
    outer_top = back.geometry.height - mm(9)
    assert by_text["Boven."].top == pytest.approx(outer_top, abs=0.5)
    assert by_text["Onder."].y < mm(40)  # at the foot, not under "Boven."
    assert by_text["School"].y < by_text["Onder."].y  # the colophon stays last


#: Leaflets with every block type, shaped right-to-left glyphs and the sample's SVG drawings.
PLAIN_DATA = ("sample", "en-every-block", "ar-tanammur")


@pytest.mark.parametrize("name", PLAIN_DATA)
@pytest.mark.parametrize("kind", ["sheet", "phone"])
def test_the_layout_is_frozen_hashable_plain_data(name: str, kind: str) -> None:
    """Every record a layout holds is a frozen dataclass of numbers, texts and tuples (the
    pictures and drawings it names come from resolve, left out of its hash); two layouts of the
    same content, made apart, are equal and hash alike, so render has no object state to read."""
    from tests import corpus

    def laid_out() -> Layout:
        content, _ = load(corpus.BY_NAME[name].path)
        return layout(resolve(content)[0], kind)[0]

    first, second = laid_out(), laid_out()
    kinds: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str | int | float | bool | frozenset) or value is None:
            return
        if isinstance(value, tuple):
            for item in value:
                walk(item)
            return
        assert dataclasses.is_dataclass(value) and value.__dataclass_params__.frozen, type(value)  # type: ignore[attr-defined]
        kinds.add(type(value).__name__)
        for field in dataclasses.fields(value):
            if field.hash is not False:
                walk(getattr(value, field.name))

    walk(first.pages)
    assert {"Page", "PanelLayout", "Placed", "Part", "TextLine", "Glyphs", "Box"} <= kinds
    assert first.pages == second.pages and hash(first) == hash(second)
    assert len({hash(first), hash(layout(first.document, "sheet" if kind == "phone" else "phone")[0])}) == 2


def test_no_module_uses_reportlab_paragraphs_flowables_or_frames() -> None:
    """Lines are broken by the engine's own breaker: nothing of ReportLab's platypus, whose
    flowables keep the state of their last measurement, is imported anywhere."""
    package = SAMPLE.parent / "brochure"
    found = [
        path.relative_to(package).as_posix()
        for path in sorted(package.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab.platypus"))
        or (isinstance(node, ast.Import) and any(a.name.startswith("reportlab.platypus") for a in node.names))
    ]
    assert found == []


#: What measures text: a width, a face's ascender, lines broken, a paragraph prepared.
MEASURING = {"stringWidth", "getAscentDescent", "break_lines", "prepare", "char_width", "shape"}


def test_render_and_finish_paint_the_layout_without_measuring_it_again() -> None:
    """Render and finish call nothing that measures text, apart from the press file's job sheet,
    which sets its own words (the print shop's notes), not the layout's."""
    package = SAMPLE.parent / "brochure"
    found = sorted(
        f"{path.relative_to(package).as_posix()}: {name}"
        for stage in ("render", "finish")
        for path in (package / stage).glob("*.py")
        if path.name != "jobsheet.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and (name := getattr(node.func, "attr", getattr(node.func, "id", ""))) in MEASURING
    )
    assert found == []
