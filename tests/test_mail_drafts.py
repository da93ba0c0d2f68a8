"""`brochure mail` drafts read back with the standard library's parser: the MIME structure, every
cid: resolved, the attached PDF byte for byte, the headers decoded, the size, and no "scan"."""

from __future__ import annotations

import io
import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from io import StringIO
from pathlib import Path

import pytest
from PIL import Image as PILImage

from brochure.cli.main import main
from brochure.load.content import load
from brochure.pipeline import build_content, build_pdfs
from tests.conftest import SAMPLE

pytestmark = pytest.mark.slow  # each test builds a leaflet's phone PDF and its pictures

LEAFLET = """\
meta:
  title: Sexting
  name: test
  subtitle: Wat ouders kunnen doen
  language: nl
  organisation: "{{ school }}"
  date: 2026-11-25
email:
  subject: "Sexting: wat u als ouder kunt doen — écht"
  greeting: Beste ouders van {{ school }},
  message:
    - Hierbij de folder over sexting.
    - Lees hem samen met uw kind.
  closing: Met vriendelijke groet, {{ school }}
panels:
  cover:
    - illustration: phone
  flap:
    - image: {file: photo.jpg, alt: Twee jongeren met een telefoon, caption: Samen kijken., width: 0.8}
  inside:
    - heading: Wat is sexting?
    - text: Het delen van *sexy* berichtjes, zie [de uitleg](https://example.org/uitleg).
    - list: [Praat erover, Blijf rustig]
    - qr: {url: "https://example.org/hulp", label: Scan voor hulp}
  back:
    - callout: Bel ons gerust.
"""


@pytest.fixture
def leaflet(write_content, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A leaflet with a photo, a QR code, an `email:` section and placeholders, with a data file."""
    photo = PILImage.linear_gradient("L").resize((900, 600)).convert("RGB")
    photo.save(tmp_path / "photo.jpg", quality=90)
    (tmp_path / "schools.csv").write_text(
        "school,slug,email\nDe Regenboog,regenboog,ouders@regenboog.test\n"
        'Het Baken,baken,"a@baken.test; b@baken.test"\n',
        encoding="utf-8",
    )
    path: Path = write_content(LEAFLET)
    return path


def read(path: Path) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    assert isinstance(message, EmailMessage)
    return message


def structure(part: EmailMessage) -> object:
    if part.is_multipart():
        return (part.get_content_type(), [structure(p) for p in part.iter_parts()])  # type: ignore[arg-type]
    return part.get_content_type()


def test_a_draft_per_row_with_its_own_words_and_recipients(leaflet: Path) -> None:
    """One draft per data row: subject and greeting from the `email:` section with the row's
    values, the row's addresses in Bcc, the school's PDF attached under its real name."""
    out = StringIO()
    code = main(
        [
            "mail",
            str(leaflet),
            "--data",
            str(leaflet.parent / "schools.csv"),
            "--name",
            "slug",
            "--to",
            "email",
            "--from",
            "Werkgroep Één <werkgroep@school.test>",
        ],
        out=out,
        err=StringIO(),
    )
    assert code == 0
    drafts = sorted((leaflet.parent / "out").glob("*.eml"))
    assert [p.name for p in drafts] == ["test-baken-nl-phone.eml", "test-regenboog-nl-phone.eml"]
    baken = read(drafts[0])
    head = drafts[0].read_bytes().split(b"\r\n\r\n", 1)[0]
    assert head.isascii() and b"From: Werkgroep =?utf-8?b?w4nDqW4=?= <werkgroep@school.test>" in head
    assert baken["Bcc"] == "a@baken.test, b@baken.test"
    assert baken["To"] == "Werkgroep Één <werkgroep@school.test>"
    text = baken.get_body(("plain",))
    assert text is not None
    content = text.get_content().replace("\r\n", "\n")
    assert content.startswith("Beste ouders van Het Baken,\n\nHierbij de folder over sexting.\n\n")
    assert content.rstrip().endswith("Met vriendelijke groet, Het Baken")
    attachment = next(baken.iter_attachments())
    assert attachment.get_filename() == "test-baken-nl-phone.pdf"
    assert "dry run: nothing is sent" in out.getvalue()


def test_the_draft_is_a_standard_message_that_parses_back_whole(leaflet: Path) -> None:
    """mixed [ related [ alternative [ plain, html ], pictures ], pdf ]; every cid: resolves to a
    picture and every picture is used; the PDF is the phone edition's bytes; headers decode."""
    assert (
        main(["mail", str(leaflet), "--data", str(leaflet.parent / "schools.csv"), "--name", "slug", "-q"])
        == 0
    )
    path = leaflet.parent / "out" / "test-regenboog-nl-phone.eml"
    raw = path.read_bytes()
    message = read(path)
    assert structure(message) == (
        "multipart/mixed",
        [
            (
                "multipart/related",
                [("multipart/alternative", ["text/plain", "text/html"]), "image/png", "image/jpeg"],
            ),
            "application/pdf",
        ],
    )
    related = next(message.iter_parts())
    assert related.get_param("type") == "multipart/alternative"

    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()  # RFC 2047 encoded words, not raw UTF-8
    assert b"=?utf-8?" in head
    assert message["Subject"] == "Sexting: wat u als ouder kunt doen — écht"
    assert message["MIME-Version"] == "1.0" and message["X-Unsent"] == "1"
    assert message["Content-Language"] == "nl" and message["Date"] is not None
    assert re.fullmatch(r"<[0-9a-f]{32}@brochure\.invalid>", message["Message-ID"])
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78

    html = message.get_body(("html",))
    assert html is not None and html["Content-Language"] == "nl"
    page = html.get_content()
    pictures = {
        p["Content-ID"].strip("<>"): p for p in related.iter_parts() if p.get_content_maintype() == "image"
    }
    assert set(re.findall(r'src="cid:([^"]+)"', page)) == set(pictures)
    for cid, part in pictures.items():
        assert part.get_content_disposition() == "inline"
        pixels = PILImage.open(io.BytesIO(part.get_content()))
        width = int(re.search(rf'src="cid:{re.escape(cid)}"[^>]*width="(\d+)"', page)[1])  # type: ignore[index]
        assert pixels.width == 2 * width  # two pixels per CSS pixel: sharp on phones
    assert 'alt="Twee jongeren met een telefoon"' in page and 'alt=""' in page

    pdf_part = next(message.iter_attachments())
    assert pdf_part.get_filename() == "test-regenboog-nl-phone.pdf"
    content, found = load(leaflet, {"school": "De Regenboog", "slug": "regenboog", "email": ""})
    assert pdf_part.get_content() == build_content(content, found, ("phone",)).pdfs["phone"]


def test_the_sample_draft_carries_the_phone_pdf_byte_for_byte_under_100_kb(tmp_path: Path) -> None:
    """The sample's draft: its attachment is the phone PDF that `build` writes, the rest of the
    message (text, HTML, pictures, encoded) stays under 100 kB, and the same input gives the same
    bytes (SOURCE_DATE_EPOCH fixes the date)."""
    env_out = tmp_path / "a"
    assert main(["mail", str(SAMPLE), "--out", str(env_out), "-q"]) == 0
    raw = (env_out / "sexting-nl-phone.eml").read_bytes()
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    pdf = build_pdfs(SAMPLE, ("phone",))[0]["phone"]
    attachment = next(message.iter_attachments())
    assert attachment.get_content() == pdf
    encoded_pdf = attachment.as_bytes()
    assert len(raw) - len(encoded_pdf) < 100_000
    assert (
        message["Subject"] == "Sexting: Als het uitgaat of gedeeld wordt is het niet meer leuk of spannend!"
    )
    text = message.get_body(("plain",))
    assert text is not None
    assert (
        text.get_content().replace("\r\n", "\n").startswith("Beste ouders en verzorgers,\n\nIn de bijlage:")
    )


def test_the_same_input_gives_the_same_draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795564800")
    for name in ("a", "b"):
        assert main(["mail", str(SAMPLE), "--out", str(tmp_path / name), "-q"]) == 0
    first, second = ((tmp_path / n / "sexting-nl-phone.eml").read_bytes() for n in ("a", "b"))
    assert first == second and b"Date: Wed, 25 Nov 2026 00:00:00 +0000" in first


def test_the_e_mail_never_asks_to_scan(leaflet: Path) -> None:
    """A phone has no QR code to point a camera at: the QR block becomes a link whose text does
    not speak of scanning, in the HTML and in the plain text."""
    assert (
        main(["mail", str(leaflet), "--data", str(leaflet.parent / "schools.csv"), "--name", "slug", "-q"])
        == 0
    )
    message = read(leaflet.parent / "out" / "test-baken-nl-phone.eml")
    for kind in ("plain", "html"):
        body = message.get_body((kind,))
        assert body is not None
        content = body.get_content()
        assert not re.search(r"scan|QR", content, re.IGNORECASE), kind
        assert "Meer informatie" in content and "https://example.org/hulp" in content
    html = message.get_body(("html",))
    assert html is not None and '<a href="https://example.org/hulp"' in html.get_content()


def test_without_an_email_section_the_words_come_in_the_leaflets_language(write_content) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import MINIMAL

    path = write_content(MINIMAL.replace("language: nl", "language: de\n  name: test"))
    assert main(["mail", str(path), "-q"]) == 0
    message = read(path.parent / "out" / "test-de-phone.eml")
    assert message["Subject"] == "Test" and message["Content-Language"] == "de" and message["From"] is None
    text = message.get_body(("plain",))
    assert text is not None
    assert (
        text.get_content()
        .replace("\r\n", "\n")
        .startswith("Liebe Eltern und Erziehungsberechtigte,\n\nIm Anhang:")
    )


def test_recipient_problems_point_at_their_rows(write_content, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_content()
    (tmp_path / "p.csv").write_text("name,mail\nA,a@x.test\nB,not-an-address\nC,\nD,A@X.test\n")
    err = StringIO()
    code = main(
        ["mail", str(path), "--recipients", str(tmp_path / "p.csv"), "--to", "mail"], out=StringIO(), err=err
    )
    assert code == 1
    text = err.getvalue()
    assert f"{tmp_path / 'p.csv'}:3:1: error[M102]: not an e-mail address: 'not-an-address'" in text
    err = StringIO()
    assert main(["mail", str(path), "--recipients", str(tmp_path / "p.csv"), "--to", "email"], err=err) == 1
    assert "error[M101]: the data file has no column 'email'" in err.getvalue()
    assert "did you mean 'mail'?" in err.getvalue()
    (tmp_path / "p.csv").write_text("name,mail\nA,a@x.test\nC,\nD,A@X.test\n")
    err, out = StringIO(), StringIO()
    assert (
        main(["mail", str(path), "--recipients", str(tmp_path / "p.csv"), "--to", "mail"], out=out, err=err)
        == 0
    )
    assert "warning[M103]: row 2 has no address in 'mail'" in err.getvalue()
    assert "warning[M104]: 'A@X.test' appears again (first in row 1)" in err.getvalue()
    assert out.getvalue().count("(Bcc)") == 1


def test_the_email_section_is_checked_like_the_rest_of_the_content(tmp_path: Path) -> None:
    """Unknown keys get a did-you-mean at their line; a subject over several lines is one line;
    a message may be one paragraph or a list."""
    from brochure.diagnostics import BuildError
    from brochure.load.content import load_text
    from tests.conftest import MINIMAL

    path = tmp_path / "content.yaml"
    content, _ = load_text(
        MINIMAL + "email:\n  subject: |\n    Twee\n    regels\n  message: Eén alinea.\n", path
    )
    assert content.mail is not None
    assert (content.mail.subject, content.mail.message, content.mail.greeting) == (
        "Twee regels",
        ("Eén alinea.",),
        "",
    )
    with pytest.raises(BuildError) as raised:
        load_text(MINIMAL + "email:\n  subjct: Hallo\n  message: [[a]]\n", path)
    found = [(d.code, d.location.line, d.hint) for d in raised.value.diagnostics]
    assert found[0][:2] == ("C101", 15) and "subject" in found[0][2]
    assert len(found) == 2 and found[1][1] == 16
    with pytest.raises(BuildError):
        load_text(MINIMAL + "email: Hallo\n", path)


def test_one_draft_per_language_of_a_leaflet_with_translations(write_content, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A leaflet with a translation gives a draft per language, named as the build names its
    files, each in its language with the tool's words in it; `--language` picks one, and sending
    asks which."""
    from tests.conftest import MINIMAL

    dutch = write_content(MINIMAL.replace("language: nl", "language: nl\n  name: test"))
    (tmp_path / "content.en.yaml").write_text("language: en\ntexts:\n  flap.1: Flap in English.\n", "utf-8")
    assert main(["mail", str(dutch), "-q"]) == 0
    names = sorted(p.name for p in (tmp_path / "out").glob("*.eml"))
    assert names == ["test-en-phone.eml", "test-nl-phone.eml"]
    english = read(tmp_path / "out" / "test-en-phone.eml")
    assert english["Content-Language"] == "en"
    html = english.get_body(("html",))
    assert html is not None
    assert (
        '<html lang="en" dir="ltr">' in html.get_content()
        and "Dear parents and carers," in html.get_content()
    )
    assert "Flap in English." in html.get_content()
    attachment = next(part for part in english.iter_attachments())
    assert attachment.get_filename() == "test-en-phone.pdf"
    dutch_html = read(tmp_path / "out" / "test-nl-phone.eml").get_body(("html",))
    assert dutch_html is not None and "Beste ouders en verzorgers," in dutch_html.get_content()

    for old in (tmp_path / "out").glob("*.eml"):
        old.unlink()
    assert main(["mail", str(dutch), "--language", "en", "-q"]) == 0
    assert [p.name for p in (tmp_path / "out").glob("*.eml")] == ["test-en-phone.eml"]
    err = StringIO()
    assert main(["mail", str(dutch), "--language", "pl"], err=err) == 1
    assert "M005" in err.getvalue() and "no leaflet in 'pl'" in err.getvalue()
    err = StringIO()
    assert main(["mail", str(dutch), "--recipients", "x.csv", "--to", "email"], err=err) == 2
    assert "choose the one to send with --language" in err.getvalue()


def test_what_cannot_work_together_is_said_before_anything_is_built(write_content, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Usage errors (exit 2, one line, nothing written): several leaflets for one send, two
    sources of addresses, sending without the address column, `--to` without any addresses."""
    path = write_content()
    csv = tmp_path / "p.csv"
    csv.write_text("mail\na@x.test\n", encoding="utf-8")
    cases = [
        (["mail", str(path), str(path), "--to", "mail"], "send one leaflet at a time"),
        (["mail", str(path), "--recipients", str(csv), "--data", str(csv), "--to", "mail"], "not both"),
        (["mail", str(path), "--send"], "name the column of addresses with --to"),
    ]
    for argv, said in cases:
        err = StringIO()
        assert main(argv, out=StringIO(), err=err) == 2, argv
        assert said in err.getvalue() and len(err.getvalue().strip().splitlines()) == 1
    err = StringIO()
    assert main(["mail", str(path), "--to", "mail"], out=StringIO(), err=err) == 1
    assert "M101" in err.getvalue() and "--to needs --recipients FILE or --data FILE" in err.getvalue()
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.eml"))


def test_a_failing_translation_or_row_is_named_and_the_others_are_written(
    write_content, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A translation with a markup error, or a data row without its name, fails alone: the
    command names it with its diagnostics, writes the other drafts and exits 1."""
    from tests.conftest import MINIMAL

    path = write_content(MINIMAL.replace("language: nl", "language: nl\n  name: test"))
    (tmp_path / "content.de.yaml").write_text("language: de\ntexts:\n  flap.1: Was ist **Mobbing\n", "utf-8")
    err = StringIO()
    assert main(["mail", str(path), "-q"], out=StringIO(), err=err) == 1
    assert f"{tmp_path / 'content.de.yaml'}: error: this translation failed" in err.getvalue()
    assert [p.name for p in (tmp_path / "out").glob("*.eml")] == ["test-nl-phone.eml"]
    (tmp_path / "content.de.yaml").unlink()

    rows = tmp_path / "rows.csv"
    rows.write_text("slug,school\na,A\n,B\n", encoding="utf-8")
    err = StringIO()
    code = main(["mail", str(path), "--data", str(rows), "--name", "slug", "-q"], out=StringIO(), err=err)
    assert code == 1 and "D005" in err.getvalue()
    assert sorted(p.name for p in (tmp_path / "out").glob("*.eml")) == [
        "test-a-nl-phone.eml",
        "test-nl-phone.eml",
    ]


def test_verbose_names_the_parts_of_each_draft(tmp_path: Path) -> None:
    out = StringIO()
    assert main(["mail", str(SAMPLE), "--out", str(tmp_path), "--verbose"], out=out, err=StringIO()) == 0
    wrote, parts = out.getvalue().splitlines()[:2]
    assert wrote.startswith(f"wrote {tmp_path / 'sexting-nl-phone.eml'} (")
    assert re.fullmatch(r"  plain \d+ kB, html \d+ kB, 3 pictures \d+ kB, pdf \d+ kB", parts), parts
