"""QR codes: vector modules that a real decoder reads back to the URL, short URLs beside them."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf.generic import ContentStream

from brochure.layout.qr import short_url
from brochure.pipeline import build_pdfs
from tests.pdfread import fragments, link_uris, reader

CONTENT = """\
meta: {title: QR, language: nl}
sources:
  - {id: iwf, title: Internet Watch Foundation, url: "https://www.iwf.org.uk"}
  - {id: wiki, title: Sexting, url: "https://nl.wikipedia.org/wiki/Sexting"}
panels:
  cover: [illustration: phone]
  flap:
    - qr: {url: "https://example.org/meer-weten?bron=folder", label: "Meer weten?"}
  inside: [text: "Binnen [@iwf] en [@wiki]."]
  back:
    - sources: {title: Bronnen, qr: true}
"""
URLS = {
    "https://example.org/meer-weten?bron=folder",
    "https://www.iwf.org.uk",
    "https://nl.wikipedia.org/wiki/Sexting",
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    path: Path = tmp_path_factory.mktemp("qr") / "content.yaml"
    path.write_text(CONTENT, encoding="utf-8")
    return build_pdfs(path, ("print", "press"), cmyk=True)[0]


@pytest.mark.parametrize("edition", ["print", "press"])
def test_every_qr_code_decodes_to_its_url(pdfs: dict[str, bytes], edition: str) -> None:
    """Rasterised at 300 dpi, zxing-cpp finds each code (block and sources) and reads its URL,
    in the RGB office edition and in the CMYK press edition."""
    document = pdfium.PdfDocument(pdfs[edition])
    image = document[0].render(scale=300 / 72).to_pil().convert("L")
    found = {result.text for result in zxingcpp.read_barcodes(image)}
    assert found == URLS


def test_codes_are_vector_rectangles_not_images(pdfs: dict[str, bytes]) -> None:
    """No image XObject on the page: the modules are drawn as filled rectangles."""
    page = reader(pdfs["print"]).pages[0]
    assert "/XObject" not in page["/Resources"]
    operators = [op for _, op in ContentStream(page.get_contents(), reader(pdfs["print"])).operations]
    assert operators.count(b"re") > 100


def test_short_url_is_printed_beside_and_the_code_is_a_link(pdfs: dict[str, bytes]) -> None:
    """The short address is in the text, and each code is also a link for the PDF reader."""
    # Line ends carry an explicit space (for screen readers), also where an address wraps.
    text = "".join("".join(f.text for f in fragments(pdfs["print"])).split())
    for url in URLS:
        assert short_url(url) in text
    assert {uri for _, uri, _ in link_uris(pdfs["print"])} >= URLS


@pytest.mark.parametrize(
    ("url", "short"),
    [
        ("https://www.iwf.org.uk/", "iwf.org.uk"),
        ("http://example.org/a/b", "example.org/a/b"),
        ("mailto:info@example.org", "info@example.org"),
    ],
)
def test_short_url_drops_scheme_and_www(url: str, short: str) -> None:
    """What a reader would type: no scheme, no www., no trailing slash."""
    assert short_url(url) == short
