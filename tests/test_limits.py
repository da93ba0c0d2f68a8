"""Hostile input: each is a located error with a code, in bounded time and memory, never exit 3."""

from __future__ import annotations

import io
import signal
import struct
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

from brochure.cli.main import main
from brochure.diagnostics import BuildError, Diagnostic, Diagnostics, Location, escaped
from brochure.load.content import load
from brochure.load.data import read_data
from brochure.load.limits import MAX_TEXT, MAX_URL, QR_CAPACITY_BYTES
from brochure.resolve.fonts import default_font_files, font_file_problem
from tests.conftest import MINIMAL

T = TypeVar("T")


@contextmanager
def bounded(seconds: float, megabytes: float = 200) -> Iterator[None]:
    """Fail (not hang) when the block runs longer than `seconds` or allocates more than
    `megabytes` at its peak (traced by tracemalloc). The times are guards against hangs on a
    loaded machine (tracing makes the YAML reader about three times slower), not benchmarks:
    the former hangs took 50 to 400 s."""

    def stop(*_: object) -> None:
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    tracemalloc.start()
    try:
        yield
        peak = tracemalloc.get_traced_memory()[1]
        assert peak < megabytes * 1_000_000, f"peak {peak / 1e6:.0f} MB"
    finally:
        tracemalloc.stop()
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*argv, "-e", "print"], out=out, err=err)
    return code, err.getvalue()


def errors(call: Callable[[], object]) -> list[tuple[str, int, int]]:
    """(code, line, column) of the errors a load raises."""
    with pytest.raises(BuildError) as raised:
        call()
    return [(d.code, d.location.line, d.location.column) for d in raised.value.diagnostics if d.is_error]


def content(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "content.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def laughs(levels: int, *, row: bool = False) -> str:
    """A "billion laughs" file: nine references per level, 9**levels strings (342 bytes at 9)."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, levels):
        name, before = chr(97 + n), chr(96 + n)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{before}"] * 9) + "]")
    text = "\n".join(lines) + "\n"
    return "- " + text.replace("\n", "\n  ", levels - 1) if row else text


def test_a_billion_laughs_file_is_refused_at_its_first_anchor(tmp_path: Path) -> None:
    """Nine levels took 338 s of CPU; anchors are refused, so it stops at once (C009 at line 1)."""
    path = content(tmp_path, laughs(9))
    with bounded(20, 20):
        assert errors(lambda: load(path)) == [("C009", 1, 4)]


def test_a_recursive_alias_is_refused_not_a_crash(tmp_path: Path) -> None:
    """`meta: &m {..., self: *m}` was a node that contains itself (RecursionError, exit 3)."""
    path = content(tmp_path, "meta: &m {title: T, language: en, self: *m}\npanels: {}\n")
    with bounded(20, 20):
        assert errors(lambda: load(path)) == [("C009", 1, 7)]
    code, err = run("build", str(path))
    assert code == 1 and "error[C009]" in err and "Traceback" not in err


def test_the_same_limits_hold_for_yaml_data(tmp_path: Path) -> None:
    """One reader for content and data: a bomb or a deep nesting in --data is D007 at its place."""
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(laughs(8, row=True), encoding="utf-8")
    deep = tmp_path / "deep.yaml"
    deep.write_text("- a: " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    with bounded(20, 20):
        assert errors(lambda: read_data(bomb)) == [("D007", 1, 6)]
        assert errors(lambda: read_data(deep)) == [("D007", 1, 44)]


@pytest.mark.parametrize("depth", [41, 492, pytest.param(5000, marks=pytest.mark.slow)])
def test_deep_nesting_is_c008_not_a_recursion_error(tmp_path: Path, depth: int) -> None:
    """Brackets nested 492 deep raised RecursionError (exit 3); the limit is 40 levels."""
    path = content(tmp_path, "meta: " + "[" * depth + "]" * depth + "\npanels: {}\n")
    with bounded(20, 50):
        assert errors(lambda: load(path)) == [("C008", 1, 46)]


def test_dev_zero_stops_at_the_size_limit() -> None:
    """`brochure build /dev/zero` grew to 24 GB; it reads 500 kB and stops."""
    with bounded(20, 20):
        code, err = run("build", "/dev/zero")
    assert code == 1
    assert err.startswith("/dev/zero: error[C007]: the file is larger than 500 kB")


def test_a_data_file_of_endless_bytes_stops_at_its_limit(tmp_path: Path) -> None:
    """A data file is read up to 20 MB (D006); /dev/zero behind a .csv name shows it."""
    data = tmp_path / "rows.csv"
    data.symlink_to("/dev/zero")
    with bounded(20, 60):
        assert errors(lambda: read_data(data)) == [("D006", 0, 0)]


def test_a_50_mb_paragraph_is_refused_fast(tmp_path: Path) -> None:
    """A 50 MB paragraph ran 400 s at 2.5 GB: the file is over the size limit (C007)."""
    path = tmp_path / "content.yaml"
    with path.open("w", encoding="utf-8") as stream:
        stream.write(MINIMAL.replace("Binnen.", "Binnen "))
        stream.write("lang " * 10_000_000)
    with bounded(20, 5):
        assert errors(lambda: load(path)) == [("C007", 0, 0)]


@pytest.mark.slow
def test_a_file_of_many_small_values_stops_at_the_node_limit(tmp_path: Path) -> None:
    """40,000 text blocks (950 kB) took 54 s to load; under the size limit, 2,000 blocks are
    6,000 values, and the reader stops at the 5,001st (C010)."""
    blocks = "".join(f"    - text: regel {n}\n" for n in range(2_000))
    path = content(tmp_path, MINIMAL.replace("    - text: Achter.\n", blocks))
    with bounded(20, 100):
        (problem,) = errors(lambda: load(path))
    assert problem[0] == "C010" and problem[1] > 1_600


def test_a_text_over_the_field_limit_is_c113_also_from_a_data_row(tmp_path: Path) -> None:
    """A text field holds at most 10,000 characters, also when a placeholder fills it."""
    long = "woord " * (MAX_TEXT // 6 + 1)
    path = content(tmp_path, MINIMAL.replace("Binnen.", long))
    with bounded(20):
        assert errors(lambda: load(path)) == [("C113", 11, 13)]
    filled = content(tmp_path, MINIMAL.replace("Binnen.", '"{{ tekst }}"'))
    with bounded(20):
        assert errors(lambda: load(filled, {"tekst": "x" * 5_000_000})) == [("C113", 11, 13)]
    assert errors(lambda: load(filled, {"tekst": "x" * (MAX_TEXT + 1)}))[0][0] == "C113"
    load(filled, {"tekst": "woord " * (MAX_TEXT // 7)})


def test_an_unbroken_5000_character_url_is_refused_fast(tmp_path: Path) -> None:
    """Breaking a 5,000-character address over lines took 72 s (2,000: 20 s); over 500 it is C114."""
    url = "https://example.org/" + "a" * 4980
    path = content(tmp_path, MINIMAL.replace("Binnen.", f"Lees {url} nu."))
    with bounded(20):
        code, err = run("build", str(path))
    assert code == 1
    assert (
        f"{path}:11:18: error[C114]: the address 'https://example.org/aaaaaaaaaaaaaaaaaaaa…' is 5,000" in err
    )
    at_limit = "https://example.org/" + "a" * (MAX_URL - 20)
    load(content(tmp_path, MINIMAL.replace("Binnen.", f"Lees {at_limit} nu.")))


def test_a_qr_address_over_the_capacity_is_refused_before_encoding(tmp_path: Path) -> None:
    """A QR address of 2,400 characters crashed segno (exit 3); now C114 at the address. The
    limit keeps every address within a QR code's capacity, even in four-byte characters."""
    import segno

    url = "https://example.org/" + "a" * 2380
    path = content(tmp_path, MINIMAL.replace("- text: Achter.", f"- qr: {url}"))
    with bounded(20):
        code, err = run("build", str(path))
    assert code == 1 and f"{path}:13:11: error[C114]" in err and "Traceback" not in err
    assert MAX_URL * 4 <= QR_CAPACITY_BYTES
    segno.make(b"a" * QR_CAPACITY_BYTES, error="m", micro=False, boost_error=False)
    with pytest.raises(segno.DataOverflowError):
        segno.make(b"a" * (QR_CAPACITY_BYTES + 1), error="m", micro=False, boost_error=False)


def test_a_nul_in_an_image_name_is_c115_from_the_file_or_a_csv_cell(tmp_path: Path) -> None:
    """`assets/photo.png\\0.jpg` raised ValueError deep in the path code (exit 3)."""
    image = '- image: {file: "assets/photo.png\\0.jpg", alt: Foto}'
    path = content(tmp_path, MINIMAL.replace("- text: Achter.", image))
    assert errors(lambda: load(path)) == [("C115", 13, 21)]
    template = content(
        tmp_path, MINIMAL.replace("- text: Achter.", '- image: {file: "{{ foto }}", alt: Foto}')
    )
    data = tmp_path / "rows.csv"
    data.write_text('naam,foto\nDe Linde,"assets/a\x00.png"\n', encoding="utf-8")
    code, err = run("build", str(template), "--data", str(data))
    assert code == 1 and "error[C115]" in err and "Traceback" not in err


def test_a_truncated_font_is_a004_before_use(tmp_path: Path) -> None:
    """A TTF cut to half raised struct.error (exit 3); at nine tenths it was taken and failed
    while embedding. The table directory must lie inside the file."""
    whole = Path(default_font_files()[0]).read_bytes()
    for share in (0.5, 0.9, 0.001):
        font = tmp_path / f"cut-{share}.ttf"
        font.write_bytes(whole[: int(len(whole) * share)])
        problem = font_file_problem(font)
        assert problem is not None and problem[0].startswith(("is damaged (", "is not a usable")), problem
    folder = tmp_path / "fonts"
    folder.mkdir()
    (folder / "Half.ttf").write_bytes(whole[: len(whole) // 2])
    path = content(tmp_path, MINIMAL.replace("panels:", "theme:\n  font: fonts/Half.ttf\npanels:"))
    code, err = run("build", str(path))
    assert code == 1 and f"{path}:5:9: error[A004]: font file 'fonts/Half.ttf' is damaged" in err


def test_a_font_table_directory_past_the_end_is_named() -> None:
    """The table that ends past the file's end is named, with both sizes."""
    from brochure.resolve.fonts import table_problem

    record = struct.pack(">4sIII", b"glyf", 0, 28, 100)
    assert table_problem(b"\x00\x01\x00\x00" + struct.pack(">H", 1) + bytes(6) + record) == (
        "the file ends inside its 'glyf' table: it is 28 bytes, 128 needed"
    )
    assert table_problem(b"\x00\x01") == "too short to be a font"
    assert table_problem(b"\x00\x01\x00\x00" + struct.pack(">H", 9) + bytes(6)) == (
        "its table directory is cut short"
    )


@pytest.mark.slow
def test_an_image_file_over_50_mb_is_a007_without_being_read(tmp_path: Path) -> None:
    """A sparse 60 MB file: refused from its size, in no time and no memory."""
    assets = tmp_path / "assets"
    assets.mkdir()
    with (assets / "huge.png").open("wb") as stream:
        stream.truncate(60_000_000)
    path = content(tmp_path, MINIMAL.replace("- text: Achter.", "- image: {file: assets/huge.png, alt: x}"))
    with bounded(20, 20):
        code, err = run("build", str(path))
    assert code == 1 and f"{path}:13:7: error[A007]: image file is 60 MB" in err


def test_a_stray_quote_in_row_12_of_20_is_an_error_at_its_row_and_column(tmp_path: Path) -> None:
    """It folded rows 13-20 into one cell and eight schools vanished; now nothing is built and
    the error names the quote and the rows it would swallow."""
    rows = ["naam,plaats"] + [f"School {n},Plaats {n}" for n in range(1, 21)]
    rows[12] = 'De "Linde,Plaats 12'.replace('De "', '"De ')
    data = tmp_path / "rows.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        read_data(data)
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.format() == (
        f"{data}:13:1: error[D008]: a quote opens a cell here and is not closed at the end of the row: "
        "lines 14 to 21 (8 rows) would be read into this one cell\n"
        '  = hint: a cell that starts with " must end with "; '
        'a " inside a cell is written "" (or leave it out)'
    )
    rows[15] = 'School 15,Plaats 15"'
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert errors(lambda: read_data(data)) == [("D008", 13, 1)]
    rows[15], rows[12] = "School 15,Plaats 15", '"De" Linde,Plaats 12'
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert errors(lambda: read_data(data)) == [("D008", 13, 5)]


def test_a_multi_line_cell_that_is_meant_stays_one_cell(tmp_path: Path) -> None:
    """Spreadsheets quote a cell with a line break; that is not a stray quote."""
    data = tmp_path / "rows.csv"
    data.write_text(
        'naam,adres\nDe Linde,"Dorpsstraat 1\n1234 AB Ergens"\nHet Baken,Weg 2\n', encoding="utf-8"
    )
    assert [row.values["adres"] for row in read_data(data).rows] == ["Dorpsstraat 1\n1234 AB Ergens", "Weg 2"]


def test_the_version_and_author_go_through_the_glyph_check(tmp_path: Path) -> None:
    """The colophon prints the version and (without an organisation) the author: a character
    the font lacks there printed as an empty box with exit 0."""
    for field in ("version", "author"):
        path = content(tmp_path, MINIMAL.replace("  language: nl", f"  language: nl\n  {field}: '1 \u4e2d'"))
        code, err = run("build", str(path))
        assert code == 1 and "error[A010]: the font has no glyph for '中'" in err, field


SOURCE = (
    "sources:\n  - {id: w, title: Sexting, publisher: Wikipedia, url: 'https://nl.wikipedia.org'}\npanels:"
)


@pytest.mark.parametrize(
    ("edit", "line"),
    [
        (("  language: nl", "  language: nl\n  subtitle: '1 \u4e2d'"), 4),
        (("panels:", SOURCE.replace("title: Sexting", "title: '1 \u4e2d'")), 5),
        (("panels:", SOURCE.replace("Wikipedia", "'1 \u4e2d'")), 5),
        (("- text: Achter.", "- sources: '1 \u4e2d'"), 13),
        (("- text: Achter.", "- sources: {title: '1 \u4e2d'}"), 13),
        (("- text: Achter.", "- qr: {url: 'https://example.org/a', label: '1 \u4e2d'}"), 13),
    ],
    ids=["subtitle", "source-title", "source-publisher", "sources-heading", "sources-title", "qr-label"],
)
def test_every_printed_text_goes_through_the_glyph_check(
    tmp_path: Path, edit: tuple[str, str], line: int
) -> None:
    """A source's title and the sources' heading printed empty boxes with exit 0."""
    text = MINIMAL.replace(*edit)
    if "sources:" in edit[1] and "- sources" not in text:
        text = text.replace("- text: Achter.", "- sources:")
    path = content(tmp_path, text)
    code, err = run("build", str(path))
    assert code == 1 and f"{path}:{line}:" in err and "error[A010]: the font has no glyph for '中'" in err, (
        err
    )


def test_control_characters_are_shown_escaped_in_every_message(tmp_path: Path) -> None:
    """ESC and BEL from the content reached the terminal raw (escape injection)."""
    path = content(tmp_path, MINIMAL.replace("- text: Achter.", '- "te\\e]0;pwned\\axt": Achter.'))
    code, err = run("build", str(path))
    assert code == 1 and "\x1b" not in err and "\x07" not in err
    assert "unknown block type 'te\\x1b]0;pwned\\x07xt'" in err
    diagnostic = Diagnostic("C1", "a\u202eb\tc\x00", Location("f\x1b.yaml", 1, 1), hint="\x9b31m")
    assert diagnostic.format() == "f\\x1b.yaml:1:1: error[C1]: a\\u202eb\\tc\\x00\n  = hint: \\x9b31m"
    assert escaped(escaped("\x1b")) == "\\x1b"
    collected = Diagnostics()
    collected.error("C1", "\x07", Location("x"))
    assert next(iter(collected)).message == "\\x07"


def test_limits_leave_ordinary_files_alone(tmp_path: Path) -> None:
    """The sample's sizes are far below every limit: a full panel of text loads as before."""
    text = MINIMAL.replace("Binnen.", "woord " * 1500)
    started = time.perf_counter()
    load(content(tmp_path, text))
    assert time.perf_counter() - started < 1


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_control_characters_in_file_names_are_escaped_in_every_command_s_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file or folder name with ESC and BEL reached the terminal raw in the lines that are not
    diagnostics: check's summary, translate's and preview's `wrote`, a folder fault, serve, new."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    evil = "\x1b]0;pwned\x07"
    path = content(tmp_path, MINIMAL)
    named = tmp_path / f"c{evil}.yaml"
    named.write_text(MINIMAL.replace("Achter.", "Zie http://example.org."), encoding="utf-8")
    (tmp_path / f"o{evil}").write_text("a file", encoding="utf-8")
    commands = [
        ["check", str(named)],
        ["translate", str(named), "--to", "en"],
        ["preview", str(named), "--dpi", "10", "-e", "print", "--out", f"d{evil}"],
        ["build", str(path), "-e", "print", "--out", f"o{evil}"],
        ["build", str(path), "-e", "print", "--data", f"rows{evil}.csv"],
        ["serve", f"p{evil}"],
        ["new", f"o{evil}"],
    ]
    for argv in commands:
        out, err = io.StringIO(), Terminal()
        main(argv, out=out, err=err)
        said = out.getvalue() + err.getvalue()
        assert "\x1b]" not in said and "\x07" not in said, (argv, said)
        assert "\\x1b]0;pwned\\x07" in said, (argv, said)
    # the translator's file names its source escaped (a raw ESC in it made YAML refuse the file)
    out, err = io.StringIO(), Terminal()
    assert main(["build", str(named), "-e", "print"], out=out, err=err) == 0, err.getvalue()
    assert "\x1b[1;33mwarning\x1b[0m" in err.getvalue()  # the tool's own colours stay
