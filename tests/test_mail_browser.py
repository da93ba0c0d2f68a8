"""The e-mail's HTML part as Chromium shows it: the PDF's text in the PDF's order, every picture
loaded, the language and direction set, readable in light and in dark mode."""

from __future__ import annotations

import base64
import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

from brochure.cli.main import main
from brochure.messages import message
from brochure.resolve.theme import Colour
from tests.conftest import SAMPLE, TRANSLATED
from tests.pdfread import squash
from tests.tagged import marked_content, open_pdf, structure, tree_text

#: The e-mail's HTML is checked in Chromium only: the editor, not the e-mail, is what is tested in both.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.parametrize("browser", ["chromium"], indirect=True),
]

#: For each element that holds text: its colour and the first background behind it that is not
#: transparent, as Chromium computes them.
COLOURS = """() => {
  const opaque = (el) => {
    for (; el; el = el.parentElement) {
      const bg = getComputedStyle(el).backgroundColor;
      if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
    }
    return 'rgb(255, 255, 255)';
  };
  return [...document.querySelectorAll('body *')]
    .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
    .map(el => [el.tagName, getComputedStyle(el).color, opaque(el), el.textContent.trim().slice(0, 30)]);
}"""


@pytest.fixture(scope="module")
def sample_draft(tmp_path_factory: pytest.TempPathFactory) -> EmailMessage:
    folder = tmp_path_factory.mktemp("mail")
    assert main(["mail", str(SAMPLE), "--out", str(folder), "-q"]) == 0
    message = BytesParser(policy=policy.default).parsebytes((folder / "sexting-nl-phone.eml").read_bytes())
    assert isinstance(message, EmailMessage)
    return message


def as_mail_program_shows_it(message: EmailMessage) -> str:
    """The HTML part with each cid: picture put in as a data: URL, as a mail program resolves it."""
    html = message.get_body(("html",))
    assert html is not None
    page = str(html.get_content())
    for part in message.walk():
        if part.get_content_maintype() == "image":
            data = base64.b64encode(part.get_payload(decode=True)).decode()  # type: ignore[arg-type]
            cid = str(part["Content-ID"]).strip("<>")
            page = page.replace(f"cid:{cid}", f"data:{part.get_content_type()};base64,{data}")
    assert "cid:" not in page
    return page


def rgb(css: str) -> Colour:
    red, green, blue = (int(v) / 255 for v in re.findall(r"\d+", css)[:3])
    return Colour(red, green, blue)


@pytest.fixture(scope="module")
def page(browser: Any, sample_draft: EmailMessage) -> Any:
    opened = browser.new_page(viewport={"width": 420, "height": 900})
    opened.set_content(as_mail_program_shows_it(sample_draft))
    yield opened
    opened.close()


def test_the_html_part_has_the_pdfs_text_in_the_pdfs_order(page: Any, sample_draft: EmailMessage) -> None:
    """What Chromium shows between the greeting and the closing is, word for word and in order,
    the text of the phone PDF as a screen reader meets it (its structure tree)."""
    pdf = open_pdf(next(sample_draft.iter_attachments()).get_content())
    tree = squash(tree_text(structure(pdf), marked_content(pdf)).replace("\u2022", ""))
    shown = squash(page.inner_text(".leaflet"))
    assert shown == re.sub(r"\d+\.(?=\D)", "", tree)  # an <ol>'s numbers are not text in HTML
    letter = page.inner_text("body")
    assert letter.startswith("Beste ouders en verzorgers,\n")
    assert letter.rstrip().endswith("Preventiewerkgroep")


def test_pictures_load_and_headings_and_lists_are_real(page: Any) -> None:
    images = page.eval_on_selector_all(
        "img",
        "els => els.map(e => [e.naturalWidth, +e.getAttribute('width'), e.width, e.getAttribute('alt')])",
    )
    assert len(images) == 3
    for natural, asked, shown, alt in images:
        assert natural == 2 * asked and 0 < shown <= asked  # sharp, and never wider than the screen
        assert alt == ""  # the sample's illustrations are decorative
    assert page.eval_on_selector_all("h1", "els => els.length") == 1
    assert page.eval_on_selector_all("h2", "els => els.map(e => e.textContent)") == [
        "Wat is sexting?",
        "Gevolgen voor de verzender",
        "Het verspreiden van naaktfoto’s of blootfilmpjes is strafbaar",
        "Meer weten?",
    ]
    links = page.eval_on_selector_all("ol a", "els => els.map(e => e.href)")
    assert links == ["https://nl.wikipedia.org/wiki/Sexting", "https://www.iwf.org.uk/"]
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["nl", "ltr"]
    assert page.evaluate("document.querySelector('.column').lang") == "nl"
    assert page.evaluate("document.body.scrollWidth") <= 420  # nothing wider than a phone


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_is_readable_in_light_and_dark_mode(page: Any, scheme: str) -> None:
    """WCAG AA (4.5:1) for every piece of text against what is behind it, in both schemes."""
    page.emulate_media(color_scheme=scheme)
    found = page.evaluate(COLOURS)
    assert len(found) > 20
    backgrounds = {bg for _, _, bg, _ in found}
    if scheme == "dark":
        assert "rgb(18, 18, 18)" in backgrounds and "rgb(255, 255, 255)" not in backgrounds
    for tag, colour, background, text in found:
        ratio = rgb(colour).contrast(rgb(background))
        assert ratio >= 4.5, f"{tag} '{text}': {colour} on {background} is {ratio:.1f}:1"


def test_a_screenshot_of_the_message(page: Any, tmp_path: Path) -> None:
    """The message renders to pixels at phone width (a smoke test that Chromium paints it)."""
    page.emulate_media(color_scheme="light")
    shot = page.screenshot(full_page=True)
    assert shot[:8] == b"\x89PNG\r\n\x1a\n" and len(shot) > 10_000


MIRRORED = str.maketrans("«»()", "»«)(")


@pytest.fixture(scope="module")
def translated_drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, EmailMessage]:
    """The drafts of the test project that holds one leaflet in seven languages, by language."""
    folder = tmp_path_factory.mktemp("translated")
    assert main(["mail", str(TRANSLATED), "--out", str(folder), "-q"]) == 0
    drafts = {}
    for path in folder.glob("*.eml"):
        message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
        assert isinstance(message, EmailMessage)
        drafts[str(message["Content-Language"])] = message
    return drafts


@pytest.mark.parametrize("language", ["nl", "en", "tr", "pl", "uk", "ar", "he"])
def test_each_languages_draft_reads_in_its_language_and_direction(
    browser: Any, translated_drafts: dict[str, EmailMessage], language: str
) -> None:
    """Every language's HTML part, as Chromium shows it, carries its phone PDF's text in the PDF's
    reading order, the catalogue's greeting first, `lang` and `dir` set; a right-to-left letter
    stands against the right edge with its callout bar on the right."""
    draft = translated_drafts[language]
    assert next(draft.iter_attachments()).get_filename() == f"translated-{language}-phone.pdf"
    data = next(draft.iter_attachments()).get_content()
    if language in (
        "ar",
        "he",
    ):  # glyphs stand in visual order: read them back as PDFium puts them in logical order
        read = "".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(data))
        read = read.translate(MIRRORED)  # PDFium keeps a mirrored bracket's visual glyph
    else:
        pdf = open_pdf(data)
        read = tree_text(structure(pdf), marked_content(pdf))
    opened = browser.new_page(viewport={"width": 420, "height": 900})
    try:
        opened.set_content(as_mail_program_shows_it(draft))
        expected = re.sub(r"\d+\.(?=\D)", "", squash(read.replace("\u2022", "")))
        assert squash(opened.inner_text(".leaflet")) == expected
        direction = "rtl" if language in ("ar", "he") else "ltr"
        assert opened.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
            language,
            direction,
        ]
        assert opened.inner_text("body").startswith(message(language, "greeting") + "\n")
        sides = opened.evaluate(
            """() => {
              const p = document.querySelector('.leaflet p'), r = p.getBoundingClientRect();
              const c = getComputedStyle(document.querySelector('.callout td'));
              return [getComputedStyle(p).textAlign, getComputedStyle(p).direction,
                      parseFloat(c.borderLeftWidth), parseFloat(c.borderRightWidth)];
            }"""
        )
        align, shown_direction, left_bar, right_bar = sides
        assert shown_direction == direction
        if language in ("ar", "he"):
            assert align in ("start", "right") and right_bar > 0 and left_bar == 0
        else:
            assert left_bar > 0 and right_bar == 0
    finally:
        opened.close()
