"""A cheap check that a text is English, from the parse onrecord already has."""

from __future__ import annotations

from spacy.tokens import Doc

_MIN_WORDS = 30
_MIN_STOPWORD_SHARE = 0.2  # English news prose runs at 0.4-0.5


def guess_language(doc: Doc) -> str:
    """'en' for English prose, 'und' (undetermined) when the text does not read as English."""
    words = [t for t in doc if t.is_alpha]
    if len(words) < _MIN_WORDS:
        return "en"
    share = sum(1 for t in words if t.is_stop) / len(words)
    return "en" if share >= _MIN_STOPWORD_SHARE else "und"
