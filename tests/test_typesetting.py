"""Typesetting rules, each tested on the built PDF: what a typesetter would never let through."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from brochure.diagnostics import BuildError
from brochure.pipeline import build_pdfs
from brochure.resolve.fold import make_fold
from tests import corpus
from tests.conftest import MINIMAL, SAMPLE
from tests.leaflets import quoted

SHY = "\u00ad"
#: PDFium must never run on two threads at once.
PDFIUM = threading.Lock()
FILLER = "Dit is een zin die de regel vult met gewone woorden van een leaflet."


def panel_lines(pdf: bytes, fold_kind: str = "roll", paper: str = "a4") -> dict[str, list[str]]:
    """Slot -> the text lines PDFium reads in that panel, top to bottom (the sheet's two sides).

    Characters are grouped by panel (their centre's x), then into lines by baseline."""
    fold = make_fold(fold_kind, paper)
    found: dict[str, dict[float, list[tuple[float, str]]]] = {}
    with PDFIUM:
        document = pdfium.PdfDocument(pdf)
        try:
            for number, page in enumerate(document):
                offset = (page.get_width() - fold.paper.width) / 2  # the press edition's bleed
                text = page.get_textpage()
                for index in range(text.count_chars()):
                    char = text.get_text_range(index, 1).replace("\ufffe", SHY)  # PDFium's hyphenation mark
                    if char in ("\r", "\n", ""):
                        continue
                    left, bottom, right, _ = text.get_charbox(index, loose=True)
                    x = (left + right) / 2 - offset
                    slot = next((p.slot for p in fold.side_panels(number + 1) if p.x <= x < p.right), None)
                    if slot is not None:
                        found.setdefault(slot, {}).setdefault(round(bottom), []).append((left, char))
        finally:
            document.close()
    return {
        slot: ["".join(c for _, c in sorted(chars)) for _, chars in sorted(lines.items(), reverse=True)]
        for slot, lines in found.items()
    }


def build(path: Path, editions: tuple[str, ...] = ("print",)) -> dict[str, bytes]:
    return build_pdfs(path, editions)[0]


def written(tmp_path: Path, text: str, name: str = "content.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def inside(blocks: str, extra: str = "") -> str:
    """MINIMAL with its inside flow replaced by `blocks` (YAML list items at four spaces)."""
    return MINIMAL.replace(
        "  inside:\n    - heading: Kop\n    - text: Binnen.\n", f"  inside:\n{extra}{blocks}"
    )


def texts(pdf: bytes) -> Iterator[str]:
    for lines in panel_lines(pdf).values():
        yield from lines


TITLES = ["Cyberprzemoc", "Cybermobbing", "cyberharcèlement"]
FOLDS = [(kind, paper) for kind in ("roll", "z", "half") for paper in ("a4", "letter")]


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize(("kind", "paper"), FOLDS)
def test_a_title_word_wider_than_the_cover_is_an_error_and_fit_shrink_sets_it_smaller(
    tmp_path: Path, title: str, kind: str, paper: str
) -> None:
    """Before: the title ran out of the cover (clipped on paper, cut at the trim, partly lost from
    the text layer) with exit 0, and `fit: shrink` changed nothing. Now it is L104 naming the
    word; with `fit: shrink` on the cover the title is set smaller and lies inside the cover."""
    from brochure.layout.kinds import layout
    from brochure.load.content import load
    from brochure.resolve.document import resolve

    text = (
        f"meta:\n  title: {title}\n  language: nl\nfold:\n  kind: {kind}\n  paper: {paper}\n"
        "panels:\n  cover:\n    - illustration: phone\n  back:\n    - text: Achter.\n"
    )
    document, _ = resolve(load(written(tmp_path, text))[0])
    if kind == "half":  # an A5 (or half-letter) cover is wide enough
        assert "L104" not in [w.code for w in layout(document)[1]]
    else:
        with pytest.raises(BuildError) as error:
            layout(document)
        (found,) = [d for d in error.value.diagnostics if d.code == "L104"]
        assert f"'{title}'" in found.message and "fit: shrink" in found.hint
        assert found.location.line == 2  # the `title:` line, not `meta:`
    shrink = text.replace(
        "  cover:\n    - illustration: phone\n", "  cover:\n    fit: shrink\n    blocks: []\n"
    )
    document, _ = resolve(load(written(tmp_path, shrink, "shrink.yaml"))[0])
    sheet, warnings = layout(document)
    assert ("L102" in [w.code for w in warnings]) == (kind != "half")
    cover = sheet.panel("cover")
    (title_item,) = [item for item in cover.items if item.role == "H1"]
    area = cover.area
    assert area is not None
    for line in title_item.lines():
        assert area.x - 0.01 <= line.box.x and line.box.right <= area.right + 0.01
    assert "".join(line.text for line in title_item.lines()).strip() == title


def test_a_shrunk_cover_title_reaches_the_text_layer_whole(tmp_path: Path) -> None:
    """The shrunk title is on the cover, whole, in every edition's text."""
    text = MINIMAL.replace("  title: Test", "  title: cyberharcèlement").replace(
        "  cover:\n    - illustration: phone\n", "  cover:\n    fit: shrink\n    blocks: []\n"
    )
    pdfs = build(written(tmp_path, text), ("print", "press", "phone"))
    for name in ("print", "press"):
        assert panel_lines(pdfs[name])["cover"][0] == "cyberharcèlement", name


def test_no_break_spaces_wider_than_the_column_break_there_and_squeeze_no_letters(tmp_path: Path) -> None:
    """A chain of words joined by no-break spaces that is wider than the column ends a line at a
    no-break space: no letter is squeezed onto another (before: "zdzieckiem?")."""
    chain = "\u00a0".join(["Jak", "rozmawiać", "z", "dzieckiem", "o", "bezpieczeństwie", "w", "sieci"] * 2)
    text = inside(f"    - text: {quoted(f'{chain}? Pytania i odpowiedzi dla rodziców.')}\n").replace(
        "language: nl", "language: pl"
    )
    pdf = build(written(tmp_path, text))["print"]
    lines = [line for line in panel_lines(pdf)["inside-left"] if line.strip()]
    joined = "".join(lines).replace("\u00a0", " ")
    assert "z dzieckiem" in joined and "zdzieckiem" not in joined
    _assert_letters_do_not_overlap(pdf)


def test_a_dash_never_overprints_the_letter_before_it(tmp_path: Path) -> None:
    """Dashes between words and figures advance like any letter: no glyph starts before the
    one in front of it has ended (before: a dash overprinted the previous letter)."""
    words = (
        "Van 2010\u20132020 waren er \u2013 volgens de ouders \u2013 steeds meer meldingen\u2014ook online."
    )
    text = inside("".join(f"    - text: {quoted(' '.join([words] * n))}\n" for n in range(1, 5)))
    _assert_letters_do_not_overlap(build(written(tmp_path, text))["print"])


def _assert_letters_do_not_overlap(pdf: bytes) -> None:
    with PDFIUM:
        document = pdfium.PdfDocument(pdf)
        try:
            for page in document:
                text = page.get_textpage()
                previous: tuple[float, float, float] | None = None
                for index in range(text.count_chars()):
                    char = text.get_text_range(index, 1)
                    if not char.strip() or char == SHY:
                        previous = None
                        continue
                    left, bottom, right, _ = text.get_charbox(index, loose=True)
                    if previous is not None and abs(previous[2] - bottom) < 0.5:
                        assert left >= previous[1] - 0.6, (char, left, previous)
                    previous = (left, right, bottom)
        finally:
            document.close()


def test_a_line_that_ends_in_a_citation_keeps_its_space_in_the_text_layer(tmp_path: Path) -> None:
    """Wherever a citation mark ends a line, the next word is not glued to it (before:
    "source[1]or" in the text layer)."""
    sentence = "Dit staat in een bron.[@a] En dit in nog een andere bron.[@b] Einde."
    sources = "sources:\n  - {id: a, title: A, url: 'https://a.example'}\n  - {id: b, title: B, url: 'https://b.example'}\n"
    blocks = "".join(f"    - text: {quoted(' '.join([sentence] * n))}\n" for n in range(2, 9))
    text = sources + inside(blocks) + "  back:\n    - sources: Bronnen\n"
    text = text.replace("  back:\n    - text: Achter.\n", "")
    pdf = build(written(tmp_path, text))["print"]
    from tests.pdfread import reader

    extracted = " ".join(page.extract_text() for page in reader(pdf).pages)
    assert re.search(r"\]\n?[A-Za-z]", extracted.replace("\n", "")) is None
    assert extracted.count("[1]") >= 14


def test_with_letter_paper_no_line_has_a_hyphen_followed_by_a_space(tmp_path: Path) -> None:
    """With only `paper: letter` changed, the sample printed "pornografische si- tes." (a hyphen
    and a space in the middle of a line, read as "si tes"). No line, in print or press, has a
    hyphen (soft or typed) followed by a space unless the author wrote one there."""
    source = SAMPLE.read_text(encoding="utf-8")
    text = source.replace("fold: roll", "fold:\n  kind: roll\n  paper: letter")
    path = written(tmp_path, text)
    for asset in (SAMPLE.parent / "assets").glob("*"):
        (tmp_path / "assets").mkdir(exist_ok=True)
        (tmp_path / "assets" / asset.name).write_bytes(asset.read_bytes())
    pdfs = build(path, ("print", "press"))
    for name, pdf in pdfs.items():
        for line in texts(pdf):
            for match in re.finditer(r"(\w+)[-\u00ad] (\w+)", line.strip()):
                assert f"{match.group(1)}- {match.group(2)}" in source, (name, line)
            assert SHY not in line.strip()[:-1], (name, line)


def test_no_word_is_hyphenated_across_a_fold_or_at_the_foot_of_a_panel(tmp_path: Path) -> None:
    """A paragraph split between panels never ends the first panel in a hyphen (before:
    "blo- / ckieren"), in a flow balanced evenly and in one too long to keep paragraphs whole."""
    long = (
        "Een gelijkwaardige relatie en onafhankelijke hulpverleningsinstanties ondersteunen "
        "internetveiligheidsvoorlichting en slachtofferhulporganisaties in gemeentelijke "
        "samenwerkingsverbanden met jeugdgezondheidszorgmedewerkers en vertrouwenspersonen. "
    ) * 3
    for extra, count in (("    balance: even\n    blocks:\n", 5), ("", 6)):
        items = "".join(f"{'  ' if extra else ''}    - text: {quoted(long.strip())}\n" for _ in range(count))
        pdf = build(written(tmp_path, inside(items, extra), f"c{count}.yaml"))["print"]
        lines = panel_lines(pdf)
        for slot in ("inside-left", "inside-middle"):
            assert lines[slot], slot
            assert not lines[slot][-1].rstrip().endswith((SHY, "-")), (slot, lines[slot][-1])


def test_a_short_flow_is_not_cut_across_the_fold(tmp_path: Path) -> None:
    """A short English leaflet: before, a paragraph was cut across the fold after two lines,
    leaving three panels a quarter full. Now the inside fills from its first panel in whole
    paragraphs."""
    paragraphs = [
        "Cyberbullying is bullying with digital technology: on social media, in messaging apps, "
        "in games and on phones. It is repeated behaviour, aimed at scaring, angering or shaming.",
        "Talk to someone you trust: a parent, a teacher or a friend. You do not have to face it "
        "alone, and it is never your fault.",
        "Keep the messages as evidence, block the person, and report them to the platform.",
    ]
    blocks = "    - heading: What is it?\n" + "".join(f"    - text: {quoted(p)}\n" for p in paragraphs)
    text = inside(blocks).replace("language: nl", "language: en")
    pdf = build(written(tmp_path, text))["print"]
    lines = panel_lines(pdf)
    shown = {slot: " ".join(lines.get(slot, [])) for slot in ("inside-left", "inside-middle", "inside-right")}
    assert "What is it?" in shown["inside-left"]
    for paragraph in paragraphs:
        first, last = paragraph.split()[0], paragraph.split()[-1]
        holding = [slot for slot, words in shown.items() if first in words or last in words]
        assert len(holding) == 1, (paragraph[:30], holding)


def test_a_single_short_paragraph_stays_whole_in_the_first_inside_panel(tmp_path: Path) -> None:
    """One heading and one five-line paragraph inside: before, balancing cut the paragraph over
    two panels (the shallowest depth held only part of it, so it counted as taller than a panel);
    now a paragraph that fits a whole panel is never split, and the flow starts at the left."""
    paragraph = (
        "Sexting is het versturen of delen van seksueel getinte berichtjes, foto's of filmpjes via "
        "een smartphone. Zolang de beelden binnen een gelijkwaardige relatie blijven, geeft het geen "
        "problemen; maar als ze gedeeld worden, zijn de gevolgen niet te overzien."
    )
    blocks = f"    - heading: Wat is sexting?\n    - text: {quoted(paragraph)}\n"
    pdf = build(written(tmp_path, inside(blocks)))
    lines = panel_lines(pdf["print"])
    left = " ".join(lines["inside-left"])
    assert "Wat is sexting?" in left and "Sexting is" in left and "overzien." in left, left
    assert not lines.get("inside-middle") and not lines.get("inside-right"), lines


def test_at_most_two_hyphenated_line_ends_in_a_row(tmp_path: Path) -> None:
    """In narrow columns of long compounds, never three hyphenated lines one after another
    (before: 5 in a row, 11 of 26 lines of a panel)."""
    from tests.test_hyphenation import COMPOUNDS

    text = inside("".join(f"    - text: {quoted(COMPOUNDS)}\n" for _ in range(3)))
    pdf = build(written(tmp_path, text))["print"]
    hyphenated = 0
    for slot, lines in panel_lines(pdf).items():
        row = 0
        for line in lines:
            row = row + 1 if line.rstrip().endswith((SHY, "-")) else 0
            hyphenated += line.rstrip().endswith(SHY)
            assert row <= 2, (slot, line)
    assert hyphenated >= 3  # the text does need hyphens


def test_no_line_breaks_inside_a_number_with_its_unit_or_a_phone_number(tmp_path: Path) -> None:
    """ "0800 / 1111", "88 %" and "12 jaar" stay on one line wherever the sentence falls."""
    sentence = "Bel de Kindertelefoon op 0800 / 1111 of kijk online: 88 % van de kinderen onder 12 jaar belt."
    blocks = "".join(
        f"    - text: {quoted(' '.join(FILLER.split()[:n]) + ' ' + sentence)}\n" for n in range(12)
    )
    pdf = build(written(tmp_path, inside(blocks)))["print"]
    for line in texts(pdf):
        stripped = line.strip()
        assert not stripped.endswith(("0800", "0800 /", "/", " 88", " 12")), line
        assert not stripped.startswith(("/ 1111", "1111", "%", "jaar")), line


def test_one_word_last_lines_are_avoided_where_a_better_break_exists() -> None:
    """Of the sample's paragraphs of three lines or more, none ends in a line of one word."""
    from brochure.layout.kinds import layout
    from brochure.load.content import load
    from brochure.resolve.document import resolve

    sheet, _ = layout(resolve(load(SAMPLE)[0])[0])
    checked = 0
    for page in sheet.pages:
        for panel in page.panels:
            for item in panel.items:
                for part in item.parts:
                    if part.role == "P" and len(part.lines) >= 3:
                        checked += 1
                        assert " " in part.lines[-1].text.strip(), part.lines[-1].text
    assert checked >= 5


def test_a_title_word_too_wide_even_at_the_smallest_shrink_says_it_cannot(tmp_path: Path) -> None:
    """With `fit: shrink` on the cover, a title word wider than the cover even at the smallest
    size shrinking allows is L104 at the title's line, saying so, with no hint to shrink."""
    from brochure.layout.kinds import layout
    from brochure.load.content import load
    from brochure.resolve.document import resolve

    word = "Kinderschutzbeauftragtenausbildungsverordnungsnovellierungsgesetz"
    text = MINIMAL.replace("  title: Test", f"  title: {word}").replace(
        "  cover:\n    - illustration: phone\n", "  cover:\n    fit: shrink\n    blocks: []\n"
    )
    document, _ = resolve(load(written(tmp_path, text))[0])
    with pytest.raises(BuildError) as error:
        layout(document)
    (found,) = [d for d in error.value.diagnostics if d.code == "L104"]
    assert f"'{word}'" in found.message and "the smallest 'fit: shrink' allows" in found.message
    assert found.location.line == 2 and "fit: shrink" not in found.hint


@pytest.mark.slow
@pytest.mark.parametrize("name", [leaflet.name for leaflet in corpus.WITH_SAMPLE])
def test_the_colophon_never_breaks_inside_its_version_or_date(name: str) -> None:
    """'… wersja 1.0 · 12 / października 2026' was set with the day and its month on two lines:
    the version and the date are each on one line, and no line starts with the separator."""
    built = corpus.built(name)
    words = built.layouts["sheet"].document.words
    pieces = [piece for piece in (words.version, words.date) if piece]
    for kind, laid_out in built.layouts.items():
        (colophon,) = [
            part
            for page in laid_out.pages
            for panel in page.panels
            for item in panel.items
            if item.block is None
            for part in item.parts
            if words.date and words.date.replace(" ", "") in part.text.replace(" ", "").replace("\u00a0", "")
        ]
        lines = [line.text.replace("\u00a0", " ").strip() for line in colophon.lines]
        assert all(any(piece in line for line in lines) for piece in pieces), (kind, lines)
        assert not any(line.startswith("\u00b7") for line in lines), (kind, lines)
