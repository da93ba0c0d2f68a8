"""Fuzzing load -> build: content files drawn from the schema and mutated never crash the build.

Every example is built in this process, within a time and a memory budget, and must end with
exit 0 or 1; a failure names the file (and the line, where there is one) in a coded diagnostic,
prints no traceback and no raw control character, and leaves the files written before as they
were. CI runs a short, derandomized profile; `HYPOTHESIS_PROFILE=long` runs thousands of examples
(see "Developing" in the README).
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brochure.cli.main import main
from tests.conftest import MINIMAL
from tests.fuzzschema import content_files, dump
from tests.test_limits import bounded

settings.register_profile(
    "ci",
    max_examples=12,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
settings.register_profile(
    "long",
    max_examples=3_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")

#: Per example: seconds of wall time and megabytes of Python allocations at the peak.
SECONDS, MEGABYTES = 30, 400
EARLIER = b"%PDF-1.7 a leaflet built before\n"
LOCATED = re.compile(r"^(?P<file>\S+?)(?::\d+:\d+)?: (?:error|warning|info)\[[A-Z]\d{3}\]: ", re.MULTILINE)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def check_build(text: str, folder: Path) -> None:
    """Build `text` as a content file in `folder` and check every promise of a failed or good build."""
    path = folder / "content.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    out_dir = folder / "out"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "earlier-print.pdf").write_bytes(EARLIER)
    before = snapshot(out_dir)
    out, err = io.StringIO(), io.StringIO()
    with bounded(SECONDS, MEGABYTES):
        code = main(["build", str(path), "-e", "print"], out=out, err=err)
    report = err.getvalue()
    assert code in (0, 1), report
    assert "Traceback" not in report and "internal error" not in report, report
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", report), report
    after = snapshot(out_dir)
    assert after["earlier-print.pdf"] == EARLIER
    # the one hidden file a build keeps: which content file owns which names (brochure/output.py)
    stray = [n for n in after if n.endswith(".tmp") or (n.startswith(".") and n != ".brochure-names.json")]
    assert not stray, after
    if code == 1:
        assert after == before, "a failed build changed the output folder"
        located = LOCATED.findall(report)
        assert located and all(file == str(path) for file in located), report
    else:
        assert len(after) > len(before) or after != before


@pytest.mark.slow
@settings(settings.get_profile(PROFILE))
@given(text=content_files())
def test_any_content_file_builds_or_fails_with_located_diagnostics(
    text: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Schema documents, mutated in data and text: exit 0 or 1, never a traceback."""
    check_build(text, tmp_path_factory.mktemp("fuzz"))


@pytest.mark.slow
@settings(settings.get_profile(PROFILE), max_examples=max(settings.get_profile(PROFILE).max_examples // 3, 4))
@given(texts=st.lists(st.text(max_size=60), min_size=4, max_size=4))
def test_the_minimal_leaflet_with_any_texts_builds_or_fails_located(
    texts: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A leaflet that builds, its texts replaced by any Unicode (dumped as valid YAML): the build
    goes through layout and render too, not only the loader."""
    import yaml

    document = yaml.safe_load(MINIMAL)
    document["meta"]["title"] = texts[0] or "T"
    document["panels"]["flap"][0]["text"] = texts[1]
    document["panels"]["inside"][1]["text"] = texts[2]
    document["panels"]["back"][0]["text"] = texts[3]
    check_build(dump(document), tmp_path_factory.mktemp("fuzz"))
