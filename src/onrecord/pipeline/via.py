"""Via: the intermediary an article credits for a statement ("told RIA Novosti",
"according to Interfax", "in an interview with CNN", "TASS reported").

Pure functions over the text: the reporting sentence of a quote, with the quoted words
left out, is matched against the phrases of ``via.tsv`` (in their order: whom the speaker
spoke to before who passed it on), and the name in the phrase counts only when it is an
outlet: named in ``organisations.tsv`` as media, or a capitalised name that starts or
ends with one of ``via.tsv``'s media words ("Baltic Wire", "Radio Liberty"). A via is not
the venue ("in an interview with CNN" is both: the venue is the interview, the via CNN).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from onrecord.lexicon import Lexicon
from onrecord.record import Span

# A capitalised name: words starting with a capital letter or digit, joined by spaces and
# the lower-case particles names carry ("Radio Free Europe", "Voice of America").
_NAME_WORD = r"[A-Z0-9][\w.&'’-]*"
_PARTICLE = r"(?:of|de|la|del|di|al|el)\s+"
_OUTLET = rf"(?<![\w'’-])(?P<outlet>(?:[Tt]he\s+)?{_NAME_WORD}(?:\s+(?:{_PARTICLE})?{_NAME_WORD})*)"
_POSSESSIVE = re.compile(r"['’]s?$")
# Capitalised words that run into a name before "reported" but are not part of it.
_CALENDAR_TEXT = """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December Earlier Later Meanwhile"""
_CALENDAR = frozenset(_CALENDAR_TEXT.split())


@lru_cache(maxsize=8)
def _compiled(patterns: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], bool], ...]:
    """Each pattern as a regular expression, and whether words come before the name."""
    out = []
    for pattern in patterns:
        before, _, after = pattern.partition("{outlet}")
        parts = []
        if before.strip():
            parts.append(r"(?<![\w])(?i:" + r"\s+".join(map(re.escape, before.split())) + r")\s+")
        parts.append(_OUTLET)
        if after.strip():
            parts.append(r"\s*,?\s+(?i:" + r"\s+".join(map(re.escape, after.split())) + r")\b")
        out.append((re.compile("".join(parts)), bool(before.strip())))
    return tuple(out)


def outlet_name(found: str) -> str:
    """The outlet's name as a phrase gives it: without "the", a possessive and what
    follows it ("CNN's Dana Rusk" → "CNN"), or a sentence's full stop."""
    words = found.split()
    while words and (words[0].lower() == "the" or words[0] in _CALENDAR):
        words = words[1:]
    for i, word in enumerate(words):
        if _POSSESSIVE.search(word) and word not in ("'", "’"):
            words = [*words[:i], _POSSESSIVE.sub("", word)]
            break
    return " ".join(words).rstrip(".,")


def is_outlet(name: str, lexicon: Lexicon) -> bool:
    """Whether ``name`` names a news outlet (see the module's rules)."""
    if not name:
        return False
    for key in (name, "the " + name, "The " + name):
        org = lexicon.organisations.get(key)
        if org is not None:
            return org.kind == "media"
    words = name.split()
    if any(lexicon.is_title_word(w) and w not in lexicon.media_words for w in words):
        return False  # "White House Press Secretary Josh Earnest"
    media = words[0] in lexicon.media_words or words[-1] in lexicon.media_words
    return media and len(words) > 1  # "Radio" alone is not a name


def find_via(
    text: str,
    start: int,
    end: int,
    content: Sequence[Span],
    lexicon: Lexicon,
    *,
    open_tail: bool = False,
) -> str | None:
    """The outlet the sentence ``text[start:end]`` credits, outside the quoted ``content``
    spans; None when it credits none. ``open_tail``: the content is reported speech, whose
    span may run on over a last clause that credits the outlet ("Kell said the talks
    failed, Baltic Wire reported"): the words after its last comma are searched too."""
    sentence = list(text[start:end])
    blank = list(content)
    if open_tail and blank:
        s, e = blank[-1]
        comma = text.rfind(",", s, e)
        if comma > s:
            blank[-1] = (s, comma + 1)
    for s, e in blank:
        for i in range(max(s, start), min(e, end)):
            sentence[i - start] = " "
    blanked = "".join(sentence)
    for pattern, leading in _compiled(tuple(lexicon.via_patterns)):
        for match in pattern.finditer(blanked):
            words = outlet_name(match.group("outlet")).split()
            # "told Baltic Wire Tuesday": the longest outlet the phrase starts with;
            # "on Tuesday Baltic Wire reported": the longest it ends with
            parts = [words[:n] for n in range(len(words), 0, -1)] if leading else [
                words[n:] for n in range(len(words))
            ]  # fmt: skip
            name = next((" ".join(p) for p in parts if is_outlet(" ".join(p), lexicon)), None)
            if name is not None:
                return outlet_name(name)
    return None


def same_name(via: str, speaker: str | None) -> bool:
    """Whether a via names the speaker themself ("according to Interfax" with Interfax
    as the source is the source, not an intermediary)."""
    if not speaker:
        return False
    a, b = via.lower(), speaker.lower().removeprefix("the ")
    return a == b or a in b or b in a
