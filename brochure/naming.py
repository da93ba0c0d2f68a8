"""Output file names: one function, so every command names its files alike."""

from __future__ import annotations


def file_name(stem: str, edition: str, suffix: str = ".pdf", *, language: str = "") -> str:
    """`<stem>-<language>-<edition><suffix>`; the language is left out for a leaflet that exists
    in one language only, so a project without translations keeps its names."""
    parts = [stem, language, edition] if language else [stem, edition]
    return "-".join(parts) + suffix
