"""Safe zones: a warning at the block for text or images too close to the trim or a fold."""

from __future__ import annotations

import pytest

from brochure.layout.kinds import layout
from brochure.load.content import load
from brochure.resolve.document import resolve
from brochure.units import mm
from tests.conftest import MINIMAL


def warnings_for(path):  # type: ignore[no-untyped-def]
    content, _ = load(path)
    document, _ = resolve(content)
    return layout(document)[1]


def test_default_padding_keeps_every_block_in_the_safe_zone(write_content) -> None:  # type: ignore[no-untyped-def]
    """With the theme's 9 mm padding nothing comes within 5 mm of the trim or a fold."""
    assert [w for w in warnings_for(write_content()) if w.code == "L005"] == []


def test_narrow_padding_warns_at_each_block_once(write_content) -> None:  # type: ignore[no-untyped-def]
    """With 3 mm padding every block (and the cover furniture) is reported once, at its line,
    naming the distance, the edge and the panel."""
    path = write_content(MINIMAL.replace("panels:", "theme: {padding: 3}\npanels:"))
    found = [w for w in warnings_for(path) if w.code == "L005"]
    lines = sorted(w.location.line for w in found)
    assert lines == sorted(set(lines))
    assert {9, 11, 12, 14} <= set(lines)  # flap text, inside heading and text, back text
    for warning in found:
        assert not warning.is_error
        assert "3.0 mm from the" in warning.message and "keep 5 mm clear" in warning.message
    flap = next(w for w in found if w.location.line == 9)
    assert "panel 'flap'" in flap.message


@pytest.mark.parametrize(("padding", "warned"), [(4.9, True), (5.0, False)])
def test_the_safe_distance_is_five_millimetres(write_content, padding: float, warned: bool) -> None:  # type: ignore[no-untyped-def]
    """4.9 mm from a fold is too close; 5 mm is fine."""
    path = write_content(MINIMAL.replace("panels:", f"theme: {{padding: {padding}}}\npanels:"))
    content, _ = load(path)
    document, _ = resolve(content)
    assert document.theme.padding == pytest.approx(mm(padding))
    assert any(w.code == "L005" for w in warnings_for(path)) is warned
