"""An input article: its text and what is known about it before analysis."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    doc_id: str | None = None
    published: str | None = None  # YYYY-MM-DD
    title: str | None = None
    url: str | None = None
