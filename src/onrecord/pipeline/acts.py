"""Speech acts: what kind of statement a quote is, aligned with PLOVER.

The reporting verb decides when it is specific ("warned", "denied", "urged"); an
occasion that is a report (a briefing, a report to a superior) makes a plain
statement a report; otherwise the words of what was said decide ("unacceptable"
makes a criticism, "never" a denial), from the signal lexicon. "warn" is a
PLOVER threat only when the speaker's side would act; a warning about events
(pessimism) has no PLOVER category.
"""

from __future__ import annotations

import re

from onrecord.lexicon import Lexicon

_REPORT_VENUES = frozenset({"report", "briefing"})
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
_OWN_ACTION = re.compile(r"\b(we|i|our forces|our country)\b[^.]{0,40}\b(will|would|shall)\b")
_MAX_SIGNAL_WORDS = 4
# a full stop, ? or ! (not after a capital: "U.S.") before a capital that opens a sentence
_SENTENCE_END = re.compile(r"(?<![A-Z])[.!?][\"”’']?\s+(?=[\"“‘']?[A-Z])")
_MIN_SENTENCE_WORDS = 4  # "Mr. Roe never said it": "Mr." is no sentence


def speech_act(
    cue_act: str | None,
    cue_plover: str | None,
    content: str,
    venue_noun: str | None,
    lexicon: Lexicon,
) -> tuple[str, str | None]:
    """(act, PLOVER category) of one quote."""
    act = cue_act or "statement"
    plover = cue_plover
    if act == "statement":
        signalled = "report" if venue_noun in _REPORT_VENUES else _from_signals(content, lexicon)
        if signalled is not None:
            act, plover = signalled, lexicon.act_plover.get(signalled)
    if act == "warning" and plover == "THREATEN" and not _OWN_ACTION.search(content.lower()):
        plover = None  # a warning about events, not a threat by the speaker
    return act, plover


def _from_signals(content: str, lexicon: Lexicon) -> str | None:
    words = _WORD.findall(content.lower())
    claim_words = _first_sentence_words(content)
    counts: dict[str, int] = {}
    for i in range(len(words)):
        for size in range(1, _MAX_SIGNAL_WORDS + 1):
            act = lexicon.act_signals.get(" ".join(words[i : i + size]))
            if act == "denial" and i >= claim_words:
                act = None
            if act is not None:
                counts[act] = counts.get(act, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda a: (counts[a], _PRIORITY.index(a) * -1))


def _first_sentence_words(content: str) -> int:
    """How many words the content's first sentence has: a denial is the claim itself, so
    "never" deep in a long quote is no denial."""
    for end in _SENTENCE_END.finditer(content):
        words = len(_WORD.findall(content[: end.start()].lower()))
        if words >= _MIN_SENTENCE_WORDS:
            return words
    return len(_WORD.findall(content.lower()))


_PRIORITY = [
    "denial",
    "accusation",
    "warning",
    "criticism",
    "demand",
    "rejection",
    "proposal",
    "praise",
    "agreement",
    "prediction",
    "report",
    "statement",
]
