"""Preflight of a layout: text size, contrast, image resolution, safe area, empty panels (K1xx)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from brochure.content.model import Block, Content
from brochure.diagnostics import Location
from brochure.fold import MM
from brochure.layout.model import Layout
from brochure.proof.findings import Findings
from brochure.proof.printed import FIELD, PAPER, Run, pictures, placed_blocks, text_runs
from brochure.proof.source import SourceText

#: Notes, captions and sources may be smaller than body text, but never below this (points).
MIN_NOTE_SIZE = 6.0
NOTE_STYLES = ("note", "caption")
#: Pixels per inch at the placed size that each edition needs; other editions need DEFAULT_PPI.
MIN_PPI = {"press": 300.0}
DEFAULT_PPI = 150.0
#: WCAG AA contrast for normal and for large text (18 pt, or 14 pt bold).
AA_NORMAL, AA_LARGE = 4.5, 3.0
STYLE_WORDS = {
    "body": "body text",
    "bullet": "list items",
    "callout": "callout text",
    "callout_title": "callout titles",
    "heading": "headings",
    "subheading": "subheadings",
    "slogan": "slogans",
    "title": "the title",
    "subtitle": "the subtitle",
    "cover_note": "the organisation",
    "caption": "captions",
}


@dataclass(frozen=True)
class Context:
    """What every check needs: the layout, the content it came from, and the file's text."""

    layout: Layout
    content: Content
    source: SourceText
    #: Locations already reported as overflowing (L101): not reported again as unsafe.
    overflowing: frozenset[Location] = frozenset()

    def at(self, block: Block | None) -> Location:
        """Where a block starts, or the meta section for the engine's own text (the title)."""
        return block.location if block is not None else self.content.meta.location

    def theme_value(self, key: str) -> Location:
        return self.source.value_of(key, self.content.theme.location)


def preflight(context: Context, editions: Sequence[str], findings: Findings) -> None:
    """Run every layout check, adding K1xx findings."""
    runs = list(text_runs(context.layout))
    text_sizes(context, runs, findings)
    contrast(context, runs, findings)
    resolution(context, editions, findings)
    safe_area(context, findings)
    empty_panels(context, findings)


def _words(style: str) -> str:
    return STYLE_WORDS.get(style, "notes" if style.startswith("note") else style)


def text_sizes(context: Context, runs: Iterable[Run], findings: Findings) -> None:
    """K101: text below the theme's minimum size (notes and captions below MIN_NOTE_SIZE)."""
    theme = context.layout.document.theme
    smallest: dict[bool, tuple[float, Run]] = {}
    for run in runs:
        note = run.style.startswith(NOTE_STYLES)
        if run.size < smallest.get(note, (1e9, run))[0]:
            smallest[note] = (run.size, run)
    for note, (size, run) in sorted(smallest.items()):
        floor = MIN_NOTE_SIZE if note else theme.min_body_size
        findings.fact(f"smallest {'note' if note else 'text'} size: {size:.1f} pt ({_words(run.style)})")
        if size >= floor - 0.05:
            continue
        chosen = context.content.theme.body_size and not note
        findings.add(
            "K101",
            f"{_words(run.style)} printed at {size:.1f} pt, below the minimum of {floor:g} pt",
            context.theme_value("body-size") if chosen else context.at(run.block),
            hint=f"raise 'body-size' to at least {floor:g}"
            if chosen
            else "shorten the text so that the panel need not shrink it",
        )


def contrast(context: Context, runs: Iterable[Run], findings: Findings) -> None:
    """K102: each colour pair actually printed, against WCAG AA (body on paper is C301's)."""
    document = context.layout.document
    palette, bold = document.theme.palette, (document.fonts.bold, document.fonts.bold_italic)
    pairs: dict[tuple[str, str, bool], list[Run]] = {}
    for run in runs:
        large = run.size >= 18 or (run.size >= 14 and run.font in bold)
        pairs.setdefault((run.colour.hex, run.background.hex, large), []).append(run)
    for (_, _, large), used in sorted(pairs.items()):
        run = used[0]
        if (run.colour, run.ground) == (palette.ink, PAPER):
            continue  # resolve already reports the body text colour (C301)
        ratio, need = run.colour.contrast(run.background), AA_LARGE if large else AA_NORMAL
        names = list(dict.fromkeys("links" if r.link else _words(r.style) for r in used))
        what = " and ".join(filter(None, (", ".join(names[:-1]), names[-1])))
        pair = f"{what} in {run.colour.hex} on {run.ground} ({run.background.hex})"
        findings.fact(f"contrast {ratio:.1f}:1 for {pair}")
        if ratio >= need:
            continue
        keys = _theme_keys(run, context)
        findings.add(
            "K102",
            f"{pair}: contrast {ratio:.1f}:1, where WCAG AA asks {need:g}:1 for "
            f"{'large' if large else 'normal'} text",
            context.theme_value(keys[0]) if keys else context.at(run.block),
            hint=f"choose a darker or lighter {' or '.join(repr(k) for k in keys) or 'colour'} in 'theme'",
        )


def _theme_keys(run: Run, context: Context) -> list[str]:
    """The theme settings the author gave that decide this pair's colours."""
    palette, chosen = context.layout.document.theme.palette, context.content.theme
    keys = []
    for value in (run.colour, run.background):
        if value == palette.primary and chosen.colour:
            keys.append("colour")
        elif value == palette.tint and chosen.tint:
            keys.append("tint")
        elif value == palette.ink and chosen.text_colour:
            keys.append("text-colour")
    if run.ground == FIELD and chosen.colour and "colour" not in keys:
        keys.append("colour")
    return list(dict.fromkeys(keys))


def resolution(context: Context, editions: Sequence[str], findings: Findings) -> None:
    """K103: images with fewer pixels per inch at their printed size than the editions need."""
    need = max((MIN_PPI.get(name, DEFAULT_PPI) for name in editions), default=DEFAULT_PPI)
    images = context.layout.document.images
    for picture in pictures(context.layout):
        file = picture.block.file
        if file not in images:
            continue
        pixels = images[file].width_px
        ppi = pixels / (picture.width / 72)
        findings.fact(f"image {file}: {ppi:.0f} ppi at {picture.width / MM:.0f} mm wide")
        if ppi < need - 0.5:
            wanted = round(need * picture.width / 72)
            findings.add(
                "K103",
                f"image '{file}' has {ppi:.0f} ppi at its printed width of {picture.width / MM:.0f} mm; "
                f"printing needs {need:.0f} ppi",
                picture.block.location,
                hint=f"use a version at least {wanted} pixels wide, or print it smaller with 'width'",
            )


def safe_area(context: Context, findings: Findings) -> None:
    """K104: blocks closer than the printer margin to the paper edge or to a fold."""
    margin = context.layout.document.theme.printer_margin
    reported: set[Location] = set()
    for page, placed in placed_blocks(context.layout):
        assert placed.block is not None
        location = placed.block.location
        if location in reported or location in context.overflowing:
            continue
        box = placed.box
        edges = {
            "the paper's left edge": box.x,
            "the paper's right edge": page.width - box.right,
            "the paper's bottom edge": box.y,
            "the paper's top edge": page.height - box.top,
        }
        for x in page.fold_lines:
            edges[f"the fold at {x / MM:.0f} mm"] = max(x - box.right, box.x - x)
        where, gap = min(edges.items(), key=lambda item: item[1])
        if gap < margin - 0.01:
            reported.add(location)
            findings.add(
                "K104",
                f"this {type(placed.block).__name__.lower()} comes within {max(gap, 0) / MM:.1f} mm of "
                f"{where}; keep {margin / MM:.0f} mm clear",
                location,
                hint="printers cannot print near the paper's edge and folds drift: "
                "make the block smaller or move it",
            )


def empty_panels(context: Context, findings: Findings) -> None:
    """K105: a panel the content names (or a flow reaches) that ends up with none of its blocks."""
    content, fold = context.content, context.layout.document.fold
    for page in context.layout.pages:
        for panel in page.panels:
            findings.fact(f"panel {panel.slot}: {panel.fill:.0%} full")
            if panel.slot == "cover" or any(item.block is not None for item in panel.items):
                continue
            flow = next((name for name, slots in fold.flows.items() if panel.slot in slots), "")
            given = content.panel(panel.slot) or content.panel(flow)
            if given is None:
                continue  # not in the content at all: layout reports L004
            reason = f"the flow '{flow}' ends before it" if given.name == flow else "it has no blocks"
            findings.add(
                "K105",
                f"panel '{panel.slot}' stays empty: {reason}",
                given.location,
                hint="add blocks, or a '- break' in the flow to start a block on this panel",
            )
