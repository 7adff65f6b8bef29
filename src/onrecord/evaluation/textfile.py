"""Read article text exactly as offsets were made against it."""

from __future__ import annotations

from pathlib import Path


def read_text(path: Path) -> str:
    """Decode a file as UTF-8 without newline translation, so ``\\r\\n`` keeps two offsets."""
    return path.read_bytes().decode("utf-8")
