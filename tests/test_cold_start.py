"""A cold `brochure build` imports only what the leaflet and the editions asked for need."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import MINIMAL, ROOT

#: Modules a plain office build of a leaflet without QR codes must not import, and why they
#: are left out: QR encoding (segno pulls in urllib, http and e-mail parsing), previews and
#: `brochure watch`, font dehinting (phone edition only), the phone layout, the proof commands.
NOT_NEEDED = (
    "segno",
    "urllib.request",
    "pypdfium2",
    "watchdog",
    "fontTools",
    "brochure.layout.phone",
    "brochure.proof.check",
    "brochure.proof.preview",
    "brochure.batch.rows",
)


def test_an_office_build_without_qr_codes_imports_nothing_it_does_not_use(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Each of these costs a cold build milliseconds (segno alone about 17 ms) and is imported
    where it is used: checked in a fresh interpreter, since the test run has imported them all."""
    content = tmp_path / "content.yaml"
    content.write_text(MINIMAL, encoding="utf-8")
    probe = (
        "import sys\n"
        "from brochure.cli.main import main\n"
        f"assert main(['build', {str(content)!r}, '-e', 'print', '-q']) == 0\n"
        f"print(' '.join(m for m in {NOT_NEEDED!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split() == []
    assert (tmp_path / "out" / f"{tmp_path.name}-nl-print.pdf".lower().replace("_", "-")).is_file()


def test_qr_codes_are_encoded_without_segno_s_writers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The sample (two QR codes) builds without importing segno's package, whose writers pull in
    urllib, http, ssl and e-mail parsing; the codes are module for module what `segno.make`
    makes, for addresses of several lengths (checked in a fresh interpreter)."""
    probe = (
        "import sys\n"
        "from brochure.cli.main import main\n"
        "from brochure.layout.qr import modules\n"
        f"sample = {str(ROOT / 'content.yaml')!r}\n"
        "assert main(['build', sample, '-e', 'print', '-q', '-o', sys.argv[1]]) == 0\n"
        "print(' '.join(m for m in ('segno', 'urllib.request', 'ssl', 'http.client') if m in sys.modules))\n"
        "urls = ['https://www.iwf.org.uk/', 'mailto:hulp@school.nl', 'https://x.nl/' + 'a' * 400]\n"
        "ours = [modules(url) for url in urls]\n"
        "import segno\n"
        "made = [segno.make(url, error='m', micro=False).matrix_iter(border=4) for url in urls]\n"
        "print(ours == [tuple(tuple(bool(m) for m in row) for row in code) for code in made])\n"
    )
    argv = [sys.executable, "-c", probe, str(tmp_path)]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["", "True"]
