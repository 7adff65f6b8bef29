"""Is a predicted speaker the gold speaker?"""

from __future__ import annotations

import re
import unicodedata

from onrecord.evaluation.model import EvalQuote
from onrecord.text.mojibake import mend_for_parser


def normalize_name(name: str) -> str:
    """Casefold, drop punctuation (dashes become spaces), collapse whitespace, drop a leading
    "the "; mojibake letters count as the letters they garble ("BrÃ©val" is "Bréval")."""
    mended = unicodedata.normalize("NFC", mend_for_parser(name))
    folded = "".join(_unpunctuate(ch) for ch in mended.casefold())
    words = folded.split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def _unpunctuate(ch: str) -> str:
    category = unicodedata.category(ch)
    if category == "Pd":
        return " "
    return "" if category.startswith("P") else ch


def speaker_matches(pred: EvalQuote, gold: EvalQuote) -> bool:
    """Whether ``pred`` names the gold speaker.

    Right when both are null; when the predicted name equals the gold name or one of the gold
    entity's aliases; when the predicted name or one of its aliases equals a gold alias; or, for a
    multiword person name, when the last words (surnames) agree. Where the gold name joins
    several parties ("France and Germany", "A, B and C"), naming any one of them is right.
    """
    if pred.speaker is None or gold.speaker is None:
        return pred.speaker is None and gold.speaker is None
    gold_names = {normalize_name(n) for n in (gold.speaker, *gold.speaker_aliases)} - {""}
    pred_names = {normalize_name(n) for n in (pred.speaker, *pred.speaker_aliases)} - {""}
    if not pred_names.isdisjoint(gold_names):
        return True
    for party in parties(gold.speaker) or [gold.speaker]:
        if normalize_name(party) in pred_names:
            return True
        person_like = _is_person_like(party, gold.speaker_kind)
        if person_like and _surname(pred.speaker) == _surname(party) != "":
            return True
    return False


def parties(name: str) -> list[str]:
    """The parties a joined name names: "A, B and C" -> [A, B, C], "Acme/Pollwise" -> [Acme,
    Pollwise]; one name -> []."""
    pieces = [p.strip() for p in re.split(r",|\band\b|&|/", name) if p.strip()]
    return pieces if len(pieces) > 1 else []


def _surname(name: str) -> str:
    words = normalize_name(name).split()
    return words[-1] if words else ""


def _is_person_like(name: str, kind: str | None) -> bool:
    """A multiword name of a person: typed PERSON, or untyped with every word capitalised."""
    words = name.split()
    if len(words) < 2:
        return False
    if kind is not None:
        return kind == "PERSON"
    return all(word[:1].isupper() for word in words)
