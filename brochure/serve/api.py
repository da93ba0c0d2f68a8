"""What the editor page asks for, as plain functions of JSON-like data: state, build, save, upload."""

from __future__ import annotations

import tempfile
import threading
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from brochure.diagnostics import BuildError, Diagnostic
from brochure.layout.reuse import PanelCache
from brochure.load.placeholders import Values
from brochure.output import OutputError
from brochure.serve import engine
from brochure.serve.catalogue import messages
from brochure.serve.events import DiskWatcher
from brochure.serve.previews import Built, PreviewStore
from brochure.serve.project import Project, UploadRefused, version_of
from brochure.serve.worker import BuildWorker, Superseded
from brochure.serve.yamledit import EditConflict, apply
from brochure.serve.yamlmodel import NotEditable, model

JSON = dict[str, Any]
#: The downloads of this many texts are kept (each edition's PDF and the e-mail companions).
KEPT_DOWNLOADS = 4
#: The answer when the project folder or the disk refuses a write (full, read-only): the page
#: shows the reason and keeps its text.
REFUSED = 503


def _art_names() -> list[str]:
    """The built-in illustrations: the drawings shipped in brochure/resolve/art/."""
    from importlib.resources import files

    folder = files("brochure.resolve").joinpath("art")
    return sorted(
        entry.name.removesuffix(".svg") for entry in folder.iterdir() if entry.name.endswith(".svg")
    )


class Refused(Exception):
    """A request the page should not have sent (bad fields): 400 with the reason."""


class Editor:
    """One project being edited: its worker, its newest preview, its downloads, its watcher."""

    def __init__(self, project: Project, *, language: str = "") -> None:
        self.project = project
        self.watcher = DiskWatcher(project)
        self._language = language
        self._engine = threading.Lock()  # builds for one project run one at a time
        self._lock = threading.Lock()
        self._cache = PanelCache()
        self._signature = project.files_signature()
        self._previews = PreviewStore()
        self._good_text: str | None = None
        self._built_text: str | None = None  # the newest text the preview was built of
        self._files: OrderedDict[str, list[tuple[str, str, bytes]]] = OrderedDict()  # by version
        self.worker: BuildWorker[engine.Pictures] = BuildWorker(self._build)

    # -- reading -------------------------------------------------------------------------------

    def language(self, text: str) -> str:
        if self._language:
            return self._language
        try:
            return str(model(text)["meta"]["language"] or "en")
        except NotEditable:
            return "en"

    def state(self) -> JSON:
        snapshot = self.project.read()
        return {
            "version": snapshot.version,
            "text": snapshot.text,
            "model": _model_or_none(snapshot.text),
            "messages": messages(self.language(snapshot.text)),
            "images": self.project.images(),
            "art": _art_names(),
            "batch": self.project.data is not None,
        }

    def edited(self, body: Mapping[str, Any]) -> JSON:
        """The text with the page's edits applied, and the form's model of it."""
        text = _apply(body)
        try:
            return {"text": text, "model": model(text)}
        except NotEditable as error:
            if body.get("tolerant"):
                return {"text": text, "model": None}
            raise Refused(str(error)) from error

    # -- building ------------------------------------------------------------------------------

    def build(self, body: Mapping[str, Any]) -> JSON:
        """Build the page's text for the preview; a newer request makes this one stale. A text
        that draws nothing (it does not build yet) answers with the pictures of the newest build
        that did, marked `outdated`."""
        text = _apply(body)
        page = body.get("page")
        try:
            finished = self.worker.build(text)
        except Superseded:
            return {"stale": True}
        if finished.result is None:
            raise RuntimeError(finished.failure)
        pictures = finished.result
        shown = self._previews.add(finished.number, pictures, page=page if isinstance(page, str) else "")
        edited = _model_or_none(text)
        language = self._language or (edited["meta"]["language"] if edited else "") or "en"
        texts = messages(language)
        images = [_describe(shown, name, texts) for name in shown.pictures.names]
        return {
            "build": finished.number,
            "diagnostics": [_diagnostic(d) for d in pictures.diagnostics],
            "images": images,
            "shown": shown.number,
            "outdated": shown.number != finished.number,
            "overflowing": list(shown.pictures.overflowing),
            "seconds": finished.seconds,
            "model": edited,
        }

    def _build(self, text: str) -> engine.Pictures:
        signature = self.project.files_signature()
        if signature != self._signature:  # an image or font changed: laid-out panels may differ
            self._cache, self._signature = PanelCache(), signature
        with self._engine:
            pictures = engine.pictures(text, self.project.content, cache=self._cache, values=self._row())
        with self._lock:
            self._built_text = text
            if pictures.ok:
                self._good_text = text
        return pictures

    def picture(self, number: int, name: str) -> bytes | None:
        latest = self._previews.get(number)
        if latest is None or name not in latest.pictures.names:
            return None
        if name not in latest.encoded:
            if name in latest.pictures.images:
                image = latest.pictures.image(name)
            else:
                with self._engine:  # drawn on request, still one engine call at a time
                    image = latest.pictures.image(name)
            if image is None:
                return None
            latest.encoded[name] = engine.png(image)
        return latest.encoded[name]

    # -- saving --------------------------------------------------------------------------------

    def save(self, body: Mapping[str, Any]) -> tuple[int, JSON]:
        """Write the page's text. If the file changed since the page loaded it, field edits are
        applied to the new file instead (nothing lost); anything else is a conflict (409)."""
        disk = self.project.read()
        ops = _ops(body)
        merged = False
        if body.get("force") or body.get("version") == disk.version:
            text = _apply(body)
        elif body.get("mergeable") and ops:
            try:
                text = apply(disk.text, ops, check=True)
            except (EditConflict, NotEditable):
                return 409, {"conflict": True, "version": disk.version}
            merged = True
        elif body.get("mergeable") and not ops:
            text = disk.text  # nothing of ours to write: take theirs
        else:
            return 409, {"conflict": True, "version": disk.version}
        try:
            saved = self.project.save(text) if text != disk.text else disk
        except OutputError as error:  # the folder or the disk refused: the page keeps the text
            return REFUSED, {"error": str(error)}
        self.watcher.check()
        return 200, {
            "version": saved.version,
            "text": saved.text,
            "model": _model_or_none(saved.text),
            "merged": merged,
        }

    def upload(self, name: str, data: bytes) -> tuple[int, JSON]:
        try:
            path = self.project.add_image(name, data)
        except UploadRefused as refused:
            text = messages(self.language(self.project.read().text))[refused.key]
            return 422, {"error": text.replace("{detail}", refused.detail)}
        except OutputError as error:
            return REFUSED, {"error": str(error)}
        return 200, {"file": path, "images": self.project.images()}

    # -- downloads -----------------------------------------------------------------------------

    def downloads(self) -> JSON:
        """The files of the last text without errors, built on demand (the last few kept, so a
        list shown a moment ago still downloads after the text changed); `current` is False while
        the newest text built has errors."""
        with self._lock:
            text, newest = self._good_text, self._built_text
        current = newest if newest is not None else self.project.read().text
        if text is None:
            text = current
        files = self._built_files(text)
        texts = messages(self.language(text))
        query = f"?version={version_of(text)}"
        rows = [
            {"name": name, "url": f"/download/{name}{query}", "label": _label(name, texts), "size": _size(d)}
            for _, name, d in files
        ]
        if self.project.data is not None and files:
            rows.append(
                {"name": "all.zip", "url": "/download/all.zip", "label": texts["download.zip"], "size": ""}
            )
        return {"files": rows, "current": version_of(text) == version_of(current)}

    def download(self, name: str, version: str = "") -> bytes | None:
        """File `name` of the text `version` the list was made for (else of the newest such list)."""
        if name == "all.zip" and self.project.data is not None:
            with self._engine, tempfile.TemporaryDirectory(prefix="brochure-zip-") as folder:
                return engine.batch_zip(self.project.content, self.project.data, Path(folder))
        with self._lock:
            sets = [self._files[version]] if version in self._files else list(reversed(self._files.values()))
        for files in sets:
            found = next((data for _, file_name, data in files if file_name == name), None)
            if found is not None:
                return found
        return None

    def _built_files(self, text: str) -> list[tuple[str, str, bytes]]:
        version = version_of(text)
        with self._lock:
            if version in self._files:
                self._files.move_to_end(version)
                return self._files[version]
        try:
            with self._engine:
                files = engine.full_build(text, self.project.content, self._row()).files()
        except BuildError:
            return []
        with self._lock:
            self._files[version] = files
            while len(self._files) > KEPT_DOWNLOADS:
                self._files.popitem(last=False)
        return files

    def _row(self) -> Values | None:
        return engine.first_row(self.project.data) if self.project.data else None

    def close(self) -> None:
        self.worker.stop()
        self.watcher.stop()


def _ops(body: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    ops = body.get("ops") or []
    if not isinstance(ops, list) or not all(isinstance(op, Mapping) for op in ops):
        raise Refused("ops must be a list of edits")
    return ops


def _apply(body: Mapping[str, Any]) -> str:
    text = body.get("text")
    if not isinstance(text, str):
        raise Refused("text must be a string")
    try:
        return apply(text, _ops(body))
    except (EditConflict, NotEditable, ValueError, TypeError, KeyError) as error:
        raise Refused(f"the edit cannot be applied: {error}") from error


def _model_or_none(text: str) -> JSON | None:
    try:
        return model(text)
    except NotEditable:
        return None


def _diagnostic(diagnostic: Diagnostic) -> JSON:
    return diagnostic.as_dict() | {"text": diagnostic.format()}


def _describe(built: Built, name: str, texts: Mapping[str, str]) -> JSON:
    if name.startswith("phone-"):
        label = texts["image.phone"].replace("{number}", name.split("-")[1])
    else:
        label = texts[f"image.{name}"]
    shown = built.pictures.images.get(name)
    return {
        "name": name,
        "url": f"/preview/{built.number}/{name}.png",
        "label": label,
        "width": shown.width if shown else None,
        "height": shown.height if shown else None,
        "overflow": name in built.pictures.marked,
    }


def _label(name: str, texts: Mapping[str, str]) -> str:
    for suffix, key in ((".html", "download.html"), (".txt", "download.txt")):
        if name.endswith(suffix):
            return f"{texts[key]}: {name}"
    edition = name.rsplit("-", 1)[-1].removesuffix(".pdf")
    return f"{texts.get(f'download.{edition}', edition)}: {name}"


def _size(data: bytes) -> str:
    return f"{len(data) / 1024:.0f} kB"
