"""`brochure serve`: a local web editor with a live preview, for authors who never open a terminal."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

#: The exit code after Ctrl+C, as shells report a process stopped by SIGINT.
INTERRUPTED = 130


def serve(
    content: Path,
    *,
    port: int = 0,
    data: Path | None = None,
    language: str = "",
    open_browser: bool = False,
    quiet: bool = False,
    verbose: bool = False,
    out: TextIO | None = None,
) -> int:
    """Serve the editor for `content` on 127.0.0.1 until Ctrl+C; returns the exit code (130).

    With `quiet` only the address is printed: it is what the author needs to open the editor;
    with `verbose`, also a line for each request answered.
    """
    from brochure.serve.api import Editor
    from brochure.serve.project import Project
    from brochure.serve.server import EditorServer

    out = out or sys.stdout
    editor = Editor(Project.at(content, data=data), language=language)
    server = EditorServer(editor, port=port, log=out if verbose else None)
    if not quiet:
        print(f"brochure serve: editing {editor.project.content}", file=out)
    print(f"open {server.address}  (Ctrl+C stops)", file=out, flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(server.address)
    editor.watcher.start()
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        if not quiet:
            print("stopped", file=out, flush=True)
        return INTERRUPTED
    finally:
        editor.close()
        server.server_close()
    return 0
