"""The public API of `brochure/__init__.py`: its docstring's example works as written, and the
stages called one by one give the bytes the build writes."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import brochure
from brochure.diagnostics import BuildError
from tests.conftest import SAMPLE


def test_the_stages_one_by_one_give_the_files_the_build_writes(tmp_path: Path) -> None:
    content, _ = brochure.load(SAMPLE)
    document, _ = brochure.resolve(content)
    sheet, _ = brochure.layout(document, "sheet")
    phone, _ = brochure.layout(document, "phone")
    result = brochure.build(SAMPLE, ["print", "phone"], out_dir=tmp_path)
    written = {o.edition: o.path.read_bytes() for o in result.outputs if o.path.suffix == ".pdf"}
    assert brochure.render(sheet, "print") == written["print"]
    assert brochure.render(phone, "phone") == written["phone"]
    assert brochure.render(sheet, "press").startswith(b"%PDF-")


def test_a_strict_build_raises_on_warnings(write_content, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import MINIMAL

    path = write_content(
        MINIMAL.replace("    - text: Flap.", "    - text: Flap.\n    - image: {file: x.png, alt: ''}")
    )
    with pytest.raises(BuildError) as raised:
        brochure.build(path, out_dir=tmp_path / "out", strict=True)
    assert raised.value.diagnostics and not (tmp_path / "out").exists()


@pytest.mark.slow
def test_the_docstring_example_runs_as_written(tmp_path: Path) -> None:
    """The example in the package's docstring, copied out of it and run beside a content file."""
    doc = brochure.__doc__ or ""
    lines = doc.split("::\n\n", 1)[1].splitlines()
    block = lines[: next(i for i, line in enumerate(lines) if line and not line.startswith("    "))]
    example = "\n".join(line[4:] for line in block)
    (tmp_path / "content.yaml").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "assets").symlink_to(SAMPLE.parent / "assets")
    script = example + "\nassert pdf.startswith(b'%PDF-') and result.outputs\nprint(len(result.outputs))\n"
    env = {**os.environ, "PYTHONPATH": str(SAMPLE.parent)}
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert int(run.stdout) >= 4 and (tmp_path / "out" / "sexting-nl-print.pdf").is_file()


def test_the_stage_functions_stay_functions_when_every_module_is_imported() -> None:
    """`brochure.load` and its like are the public functions even after every module of their
    packages is imported (in a fresh interpreter, the stages imported after `brochure`); the
    stage packages' `__init__` hold a docstring and nothing else."""
    probe = (
        "import importlib, pkgutil, types, brochure\n"
        "for info in pkgutil.walk_packages(brochure.__path__, 'brochure.'):\n"
        "    if not info.name.endswith('__main__'):\n"
        "        importlib.import_module(info.name)\n"
        "names = ('load', 'resolve', 'layout', 'render', 'build')\n"
        "print(' '.join(n for n in names if not isinstance(getattr(brochure, n), types.FunctionType)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == []
    package = Path(brochure.__file__).parent
    for stage in ("load", "resolve", "layout", "render"):
        body = ast.parse((package / stage / "__init__.py").read_text(encoding="utf-8")).body
        assert len(body) == 1 and isinstance(body[0], ast.Expr), stage
