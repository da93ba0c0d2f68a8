"""Hyphenation: where words and addresses break, and that the text layer keeps every word whole."""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from brochure.layout.kinds import layout
from brochure.load.content import load
from brochure.pipeline import build_pdfs
from brochure.resolve.document import resolve
from brochure.resolve.fonts import default_font_files, register_family, soft_hyphen_is_visible
from brochure.resolve.hyphenation import Hyphenator, address_breaks, make_hyphenator, protected
from tests.conftest import MINIMAL, SAMPLE
from tests.leaflets import line_widths, missing_texts, paragraphs, quoted, squeezed, with_theme
from tests.pdfread import reader

SHY = "\u00ad"
URL = "https://www.rijksoverheid.nl/onderwerpen/seksuele-intimidatie/vraag-en-antwoord/wat-kan-ik-doen?bron=folder&jaar=2026"
MAIL = "vertrouwenspersoon.preventiewerkgroep@scholengemeenschap-voorbeeld.nl"
FILLER = "Dit is een zin die de regel vult met gewone woorden van een leaflet."


#: Long Dutch compounds, as in a leaflet for parents: lines of them need hyphens to stay even.
COMPOUNDS = (
    "De jeugdgezondheidszorg en de vertrouwenspersonen van de scholengemeenschap bespreken "
    "kinderbeschermingsmaatregelen, privacyinstellingen en gedragsverwachtingen met "
    "ouderraadsvergaderingen. Zelfbeschikkingsrecht, mediawijsheidsprogramma's en "
    "preventiemedewerkers helpen bij schoolmaatschappelijk werk, leerlingbegeleiding en "
    "jongerenwerkorganisaties. Gelijkwaardige verhoudingen en onafhankelijke hulpverleningsinstanties "
    "ondersteunen internetveiligheidsvoorlichting, wraakpornografiebestrijding en "
    "slachtofferhulporganisaties in verschillende gemeentelijke samenwerkingsverbanden."
)


@pytest.fixture(scope="module")
def compound_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, str]:
    """The print PDF of a leaflet whose inside is three paragraphs of long compounds, and its
    content file's text."""
    text = MINIMAL.replace("- text: Binnen.", "\n    ".join(f"- text: {quoted(COMPOUNDS)}" for _ in range(3)))
    path = tmp_path_factory.mktemp("compounds") / "content.yaml"
    path.write_text(text, encoding="utf-8")
    pdfs, _, _ = build_pdfs(path)
    return pdfs["print"], text


def heads(hyphenator: Hyphenator, word: str) -> list[str]:
    return [head for head, _ in hyphenator(word)]


def test_the_dutch_dictionary_breaks_words_longest_head_first() -> None:
    """Dictionary breaks leave at least two letters before and three after a break."""
    assert heads(Hyphenator("nl"), "belangrijk") == ["belang", "be"]
    assert heads(Hyphenator("nl"), "verstuurde") == ["ver"]
    assert heads(Hyphenator("nl-BE"), "zedenmisdrijf") == ["zedenmis", "zeden", "ze"]


def test_a_language_without_a_dictionary_only_breaks_where_the_author_says() -> None:
    """Arabic is not hyphenated: no automatic breaks; Turkish soft hyphens replace its patterns."""
    assert heads(Hyphenator("ar"), "anlaşılmazlık") == []
    assert heads(Hyphenator("tr"), "anlaşılmazlık") == ["anlaşılmaz", "anlaşıl", "anla", "an"]
    hyphenator = make_hyphenator("tr", [f"anla{SHY}şılmazlık"])
    assert heads(hyphenator, "anlaşılmazlık") == ["anla"]


def test_soft_hyphens_replace_the_dictionary_for_that_word_everywhere() -> None:
    """A word the author hyphenated breaks only at the author's soft hyphens, in any case."""
    hyphenator = make_hyphenator("nl", [f"Bel de Preventie{SHY}werk{SHY}groep!", "iets anders"])
    assert heads(hyphenator, "Preventiewerkgroep") == ["Preventiewerk", "Preventie"]
    assert heads(hyphenator, "preventiewerkgroep") == ["preventiewerk", "preventie"]
    assert heads(hyphenator.explicit_only(), "Preventiewerkgroep") == ["Preventiewerk", "Preventie"]
    assert heads(hyphenator.explicit_only(), "belangrijk") == []


def test_compounds_break_after_their_own_hyphen_never_next_to_it() -> None:
    """`smartphone-apps` may break after the hyphen (ReportLab adds none there), never before it."""
    pairs = Hyphenator("nl")("smartphone-apps")
    assert ("smartphone-", "apps") in pairs
    assert all(not head.endswith("-") or head == "smartphone-" for head, _ in pairs)
    assert all(not tail.startswith("-") for _, tail in pairs)


def test_protected_words_are_kept_from_breaking_whole_and_in_any_case() -> None:
    """Protected words are found, also capitalised; longer words and domains are left alone."""
    text = "WhatsApp, whatsapp en WhatsAppGroep; mail info@whatsapp.com of Snapchat."
    found = [text[start:end] for start, end in protected(text, ["WhatsApp", "snapchat"])]
    assert found == ["WhatsApp", "whatsapp", "Snapchat"]
    assert protected(text, []) == []


def test_addresses_break_after_slashes_and_before_dots_and_hyphens() -> None:
    """No line ends in what reads as a full stop or a hyphenation hyphen; `://` is never split."""
    text = "https://www.iwf.org.uk/a-b?x=1&y=2"
    breaks = address_breaks(text)
    cut = [text[a:b] for a, b in zip([0, *breaks], [*breaks, len(text)], strict=True)]
    assert cut == ["https://", "www", ".iwf", ".org", ".uk/", "a", "-b?", "x=", "1&", "y=", "2"]
    mail = "jan.de.vries@school-x.nl"
    breaks = address_breaks(mail)
    cut = [mail[a:b] for a, b in zip([0, *breaks], [*breaks, len(mail)], strict=True)]
    assert cut == ["jan", ".de", ".vries", "@school", "-x", ".nl"]


def test_long_runs_in_addresses_may_break_anywhere_but_short_ones_never() -> None:
    """A token of 40 letters gets breaks (6 letters from its ends); a 20-letter word gets none."""
    token = "https://x.nl/?id=" + "A" * 40
    inside = [b for b in address_breaks(token) if b > len("https://x.nl/?id=")]
    assert inside[0] == len(token) - 40 + 6 and inside[-1] == len(token) - 6
    assert address_breaks("https://x.nl/" + "a" * 20) == [8, 9, 13]


def test_the_default_fonts_draw_the_soft_hyphen_as_a_hyphen() -> None:
    """The incidental hyphen is drawn as U+00AD only where the glyph is a visible hyphen."""
    family = register_family(default_font_files())
    for face in (family.regular, family.bold, family.italic, family.bold_italic):
        assert soft_hyphen_is_visible(face)


@pytest.mark.parametrize("which", ["sample", "compounds"])
def test_the_text_layer_keeps_hyphenated_words_whole(
    which: str, print_pdf: bytes, compound_pdf: tuple[bytes, str], tmp_path: Path
) -> None:
    """Every line break that hyphenates a word ends in U+00AD, never '-': with soft hyphens
    and line breaks taken out, every text is found character for character."""
    if which == "sample":
        content, _ = load(SAMPLE)
    else:
        (tmp_path / "content.yaml").write_text(compound_pdf[1], encoding="utf-8")
        content, _ = load(tmp_path / "content.yaml")
    pdf = print_pdf if which == "sample" else compound_pdf[0]
    document, _ = resolve(content)
    text = "\n".join(page.extract_text() for page in reader(pdf).pages)
    if which == "compounds":
        assert text.count(SHY + "\n") >= 5  # lines of long compounds do hyphenate
    # A line may end in '-' only where the author wrote one (smartphone-|apps).
    source = squeezed(content.path.read_text(encoding="utf-8").replace("\u2019", "'"))
    lines = text.replace("\u2019", "'").splitlines()
    for line, following in itertools.pairwise(lines):
        if line.endswith("-"):
            assert line.split()[-1] + following.split()[0] in source, line
    assert missing_texts(pdf, document) == []


def test_pdfium_sees_the_soft_hyphens_as_hyphenation_and_draws_a_hyphen(
    compound_pdf: tuple[bytes, str],
) -> None:
    """A viewer's text engine (PDFium, as in Chrome) reports each incidental hyphen as a
    hyphenation point, and in the rendered page the glyph box of each one holds dark pixels."""
    pdf = pdfium.PdfDocument(io.BytesIO(compound_pdf[0]))
    page = pdf[1]
    scale = 4
    image = page.render(scale=scale).to_pil().convert("L")
    height = page.get_height()
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    hyphens = [i for i, char in enumerate(text) if char in ("\ufffe", SHY)]
    assert len(hyphens) >= 5
    words = set(re.findall(r"\w+", COMPOUNDS))
    for index in hyphens:  # PDFium rejoins the word across the line break
        head = re.findall(r"\w+$", text[:index])[-1]
        tail = re.findall(r"^\w+", text[index + 1 :].lstrip("\r\n"))[0]
        assert head + tail in words, (head, tail)
    for index in hyphens:
        left, bottom, right, top = textpage.get_charbox(index)
        box = (
            int(left * scale),
            int((height - top) * scale),
            int(right * scale) + 1,
            int((height - bottom) * scale) + 1,
        )
        assert image.crop(box).getextrema()[0] < 100, f"no hyphen drawn at {box}"
        after = (box[2] + 2, box[1], box[2] + 6, box[3])
        assert image.crop(after).getextrema()[0] > 200  # and nothing right of it: the line ends
    pdf.close()


LONG_TEXT = (
    f"Kijk op {URL} voor meer. {FILLER} Mail {MAIL} of bel. "
    f"{FILLER} De Preventiewerkgroep en de Preventiewerkgroep helpen. Typ `zelfbeschikkingsrecht` "
    f"of lees [de vraag-en-antwoordpagina]({URL}). {FILLER} Nog eens {URL}."
)
LEADS = ("", "Kort. ", "Een iets langere aanloop, om alles te verschuiven. ")


@pytest.fixture(scope="module")
def address_leaflet(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A leaflet whose paragraphs are full of long addresses, protected and verbatim words."""
    folder = tmp_path_factory.mktemp("addresses")
    blocks = "".join(f"    - text: {quoted(lead + LONG_TEXT)}\n" for lead in LEADS)
    text = with_theme("no-hyphenation: [Preventiewerkgroep]").replace("    - text: Binnen.\n", blocks)
    text = text.replace("    - text: Flap.\n", f"    - callout: {quoted(LONG_TEXT)}\n")
    path = folder / "content.yaml"
    path.write_text(text, encoding="utf-8")
    content, _ = load(path)
    document, _ = resolve(content)
    laid, _ = layout(document)
    pdfs, _, _ = build_pdfs(path)
    return laid, pdfs["print"], document


def test_no_line_of_any_paragraph_is_wider_than_its_column(address_leaflet) -> None:  # type: ignore[no-untyped-def]
    """Measured glyph by glyph, every laid-out line fits the width its paragraph was given."""
    laid, _, _ = address_leaflet
    measured = 0
    for slot, paragraph in paragraphs(laid):
        for text, width, room in line_widths(paragraph):
            measured += 1
            assert width <= room + 0.01, f"{slot}: {text!r} is {width - room:.1f} pt too wide"
    assert measured > 40


def test_addresses_break_only_at_sensible_points_without_hyphens(address_leaflet) -> None:  # type: ignore[no-untyped-def]
    """Addresses come back whole from the text layer (a line break, never a hyphen, inside) and
    every line break inside one is at one of its break points."""
    _, pdf, document = address_leaflet
    assert missing_texts(pdf, document) == []  # hyphens of compounds broken after them included
    text = "\n".join(page.extract_text() for page in reader(pdf).pages)
    for address, count in ((URL, 2 * (len(LEADS) + 1)), (MAIL, len(LEADS) + 1)):
        pattern = re.compile("\n?".join(re.escape(char) for char in address))
        found = list(pattern.finditer(text))
        assert len(found) == count, address
        allowed = set(address_breaks(address))
        for match in found:
            cuts = {
                len(match.group()[:i].replace("\n", "")) for i, c in enumerate(match.group()) if c == "\n"
            }
            assert cuts <= allowed, f"{address} broken at {sorted(cuts - allowed)}"
        assert any("\n" in match.group() for match in found)  # the test does exercise breaking


def test_protected_and_verbatim_words_are_never_broken(address_leaflet, compound_pdf) -> None:  # type: ignore[no-untyped-def]
    """`no-hyphenation` words and `verbatim` text are whole on one line; other words still break."""
    _, pdf, _ = address_leaflet
    text = "\n".join(page.extract_text() for page in reader(pdf).pages)
    assert text.count("Preventiewerkgroep") == 2 * (len(LEADS) + 1)
    assert text.count("zelfbeschikkingsrecht") == len(LEADS) + 1
    compounds = "\n".join(page.extract_text() for page in reader(compound_pdf[0]).pages)
    assert re.search(r"\w\u00ad\n", compounds)  # ordinary words are still hyphenated


def test_slogans_and_headings_are_not_hyphenated_automatically(print_pdf: bytes) -> None:
    """Display text breaks between words only (unless the author typed a soft hyphen)."""
    text = "\n".join(page.extract_text() for page in reader(print_pdf).pages)
    for line in text.splitlines():
        if line.startswith(("Denk na", "Het verspreiden van naakt")):
            assert not line.endswith(SHY)


def test_a_language_without_dictionary_builds_and_honours_soft_hyphens(write_content) -> None:  # type: ignore[no-untyped-def]
    """A Turkish leaflet (pyphen has no Turkish) builds; a long word breaks at its soft hyphen."""
    word = "Çekoslovakyalılaştıramadıklarımızdanmışsınız"
    typed = f"{FILLER} Çekoslovakyalı{SHY}laştıramadıklarımızdanmışsınız en meer."
    text = MINIMAL.replace("language: nl", "language: tr").replace(
        "- text: Binnen.",
        f"- callout: {quoted(typed)}",  # a callout's column is too narrow for it
    )
    pdfs, _, _ = build_pdfs(write_content(text))
    page = reader(pdfs["print"]).pages[1].extract_text()
    assert f"Çekoslovakyalı{SHY}\nlaştıramadıklarımızdanmışsınız" in page
    assert word in page.replace(SHY + "\n", "")
