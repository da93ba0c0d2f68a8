"""Preflight of a layout: text size, contrast and empty panels (K1xx); image resolution (A005) and
the safe zone (L005) come from the build's own checks."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from brochure.checks.findings import Findings
from brochure.checks.printed import FIELD, PAPER, Run, text_runs
from brochure.checks.source import SourceText
from brochure.diagnostics import Location, Severity
from brochure.layout.model import OWN_TEXTS, Layout
from brochure.load.model import Content

#: Notes, captions and sources may be smaller than body text, but never below this (points).
MIN_NOTE_SIZE = 6.0
NOTE_STYLES = ("note", "caption")
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

    def at(self, run: Run) -> Location:
        """Where a run's block starts, or for the engine's own text the `meta:` field it shows
        (`title:` for the title), else `meta:`."""
        if run.block is not None:
            return run.block.location
        return self.content.meta.location_of(OWN_TEXTS.get(run.style, ("", ""))[1])

    def theme_value(self, key: str) -> Location:
        return self.source.value_of(key, self.content.theme.location)


def preflight(context: Context, findings: Findings) -> None:
    """Run every layout check, adding K1xx findings."""
    runs = list(text_runs(context.layout))
    text_sizes(context, runs, findings)
    contrast(context, runs, findings)
    empty_panels(context, findings)
    sparse_flows(context, findings)


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
            context.theme_value("body-size") if chosen else context.at(run),
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
            f"{pair}: contrast {math.floor(ratio * 100) / 100:.2f}:1, where WCAG AA asks {need:g}:1 for "
            f"{'large' if large else 'normal'} text",
            context.theme_value(keys[0]) if keys else context.at(run),
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


#: A flow whose every panel is filled less than this looks empty when the leaflet is opened.
SPARSE = 0.2


def sparse_flows(context: Context, findings: Findings) -> None:
    """K106, a note: a flow of the sheet (the inside) whose panels are all nearly empty, its
    blocks at the top of each (no `align` chosen)."""
    fold = context.layout.document.fold
    for name, slots in fold.flows.items():
        given = context.content.panel(name)
        panels = sorted(
            (p for page in context.layout.pages for p in page.panels if p.slot in slots),
            key=lambda panel: slots.index(panel.slot),
        )
        filled = [any(item.block is not None for item in panel.items) for panel in panels]
        # An empty panel among them is K105's to say; a flow placed on purpose (`align`) is meant.
        if given is None or given.align != "top" or len(panels) < 2 or not all(filled):
            continue
        if max(panel.fill for panel in panels) >= SPARSE:
            continue
        shares = [f"{panel.fill:.0%}" for panel in panels]
        fewer = ", or a fold with fewer panels ('fold: half')" if len(panels) > 2 else ""
        findings.add(
            "K106",
            f"the '{name}' panels are only {', '.join(shares[:-1])} and {shares[-1]} full: "
            "the leaflet will look empty there",
            given.location,
            hint=f"add text or a picture, set 'align: centre' on '{name}' to centre its blocks{fewer}",
            severity=Severity.INFO,
        )


def empty_panels(context: Context, findings: Findings) -> None:
    """K105: panels the content names (or a flow reaches) that end up with none of its blocks,
    one warning for each panel or flow of the content."""
    content, fold = context.content, context.layout.document.fold
    empty: dict[str, tuple[Location, list[str]]] = {}
    for page in context.layout.pages:
        for panel in page.panels:
            findings.fact(f"panel {panel.slot}: {panel.fill:.0%} full")
            if panel.slot == "cover" or any(item.block is not None for item in panel.items):
                continue
            flow = next((name for name, slots in fold.flows.items() if panel.slot in slots), "")
            given = content.panel(panel.slot) or content.panel(flow)
            if given is not None:  # not in the content at all: layout reports L004
                empty.setdefault(given.name, (given.location, []))[1].append(panel.slot)
    for name, (location, slots) in empty.items():
        several = len(slots) > 1
        named = " and ".join(f"'{slot}'" for slot in slots)
        ends = f"the flow '{name}' ends before {'them' if several else 'it'}"
        reason = "it has no blocks" if name in slots else ends
        findings.add(
            "K105",
            f"panel{'s' if several else ''} {named} stay{'' if several else 's'} empty: {reason}",
            location,
            hint="add blocks, or a '- break' in the flow to start a block on this panel",
        )
