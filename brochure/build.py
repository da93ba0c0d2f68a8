"""The pipeline in one place: load, resolve, layout, render; outputs written atomically."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from brochure.content import load
from brochure.content.model import Content
from brochure.diagnostics import BuildError, Diagnostic, Severity
from brochure.document import resolve
from brochure.layout import layout
from brochure.layout.reuse import PanelCache
from brochure.render import render
from brochure.render.editions import DEFAULT_EDITIONS, EDITIONS


@dataclass(frozen=True)
class Output:
    edition: str
    path: Path
    size: int


@dataclass(frozen=True)
class BuildResult:
    outputs: tuple[Output, ...]
    #: Warnings found on the way (errors raise BuildError instead).
    diagnostics: tuple[Diagnostic, ...]


def build_pdfs(
    content_path: str | Path, editions: Sequence[str] = DEFAULT_EDITIONS, *, strict: bool = False
) -> tuple[dict[str, bytes], str, tuple[Diagnostic, ...]]:
    """Every edition's PDF bytes in memory, the file name slug, and the warnings.

    Raises BuildError when the content has errors (or warnings, with `strict`).
    """
    content, found = load(content_path)
    return pdfs_of(content, found, editions, strict=strict)


def pdfs_of(
    content: Content,
    found: tuple[Diagnostic, ...],
    editions: Sequence[str],
    *,
    strict: bool = False,
    reuse: PanelCache | None = None,
) -> tuple[dict[str, bytes], str, tuple[Diagnostic, ...]]:
    """`build_pdfs` for loaded content (`found`: its warnings), reusing panel layouts from `reuse`."""
    document, more = resolve(content)
    sheet, laid = layout(document, reuse=reuse)
    warnings = found + more + laid
    if strict and warnings:
        raise BuildError(tuple(_as_error(w) for w in warnings))
    pdfs = {name: render(sheet, EDITIONS[name]) for name in editions}
    return pdfs, slug(content.meta.title, content.meta.date), warnings


def build(
    content_path: str | Path,
    editions: Sequence[str] = DEFAULT_EDITIONS,
    *,
    out_dir: str | Path | None = None,
    strict: bool = False,
) -> BuildResult:
    """Build and write `<out>/<slug>-<edition>.pdf` for each edition; nothing is written unless
    every edition builds."""
    pdfs, name, warnings = build_pdfs(content_path, editions, strict=strict)
    folder = Path(out_dir) if out_dir is not None else Path(content_path).parent / "out"
    return BuildResult(write_outputs(pdfs, folder, name), warnings)


def write_outputs(
    pdfs: dict[str, bytes], folder: Path, name: str, *, sync: bool = True
) -> tuple[Output, ...]:
    """Write `<folder>/<name>-<edition>.pdf` for each edition, each atomically (see write_atomic)."""
    folder.mkdir(parents=True, exist_ok=True)
    outputs = []
    for edition, data in pdfs.items():
        path = folder / f"{name}-{edition}.pdf"
        write_atomic(path, data, sync=sync)
        outputs.append(Output(edition, path, len(data)))
    return tuple(outputs)


def write_atomic(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write through a temporary file in the same folder, then rename: never a partial file.

    With `sync`, the data is on disk before the rename (about 4 ms a file here); batch builds,
    which write hundreds of files and can simply be run again, leave that to the system.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def slug(title: str, date: object = None) -> str:
    """An ASCII file name from the title and date: `Hou het privé!` -> `hou-het-prive`."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "leaflet"
    return f"{words}-{date}" if date else words


def _as_error(diagnostic: Diagnostic) -> Diagnostic:
    return Diagnostic(
        diagnostic.code, diagnostic.message, diagnostic.location, Severity.ERROR, diagnostic.hint
    )
