"""Is this English? A cheap check on the raw text, before anything is parsed.

onrecord's lexicons and model are English. A text in another language (or in no
language at all) would give nonsense, so it is detected up front, not analysed, and
reported: its record says ``language: "und"`` (undetermined) and has no quotes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

ENGLISH = "en"
UNDETERMINED = "und"
_MIN_WORDS = 12  # fewer words than this cannot be judged: taken as English
_MIN_FUNCTION_SHARE = 0.12  # English news runs at 0.35-0.5; French or German at < 0.05
_MAX_FOREIGN_LETTERS = 0.3
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE = 20_000  # characters looked at


def script_of(char: str) -> str:
    """'LATIN', 'CYRILLIC', 'ARABIC', 'CJK', ... from the character's Unicode name."""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def detect_language(text: str, function_words: Container[str]) -> tuple[str, str | None]:
    """('en', None) for English prose; ('und', why) otherwise. ``function_words``: the
    lexicon's English function words ("the", "of", "said" ...), lowercase."""
    sample = text[:_SAMPLE]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return ENGLISH, None
    foreign = [c for c in letters if not c.isascii() and script_of(c) != "LATIN"]
    if len(foreign) > _MAX_FOREIGN_LETTERS * len(letters):
        scripts: dict[str, int] = {}
        for char in foreign:
            scripts[script_of(char)] = scripts.get(script_of(char), 0) + 1
        main = max(scripts, key=lambda s: scripts[s]).lower()
        return UNDETERMINED, f"mostly {main} script"
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < _MIN_WORDS:
        return ENGLISH, None
    share = sum(1 for w in words if w in function_words) / len(words)
    if share < _MIN_FUNCTION_SHARE:
        return UNDETERMINED, f"few English function words ({share:.0%} of words)"
    return ENGLISH, None


def not_english(text: str, function_words: Container[str]) -> str:
    """Why a text was not analysed, and what to do, for error lists and warnings."""
    _, why = detect_language(text, function_words)
    return (
        f"not analysed: the text does not read as English ({why or 'undetermined'}); "
        "onrecord analyses English articles only"
    )
