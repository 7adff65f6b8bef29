"""The sourcing profile: whose voices an article carries, and how.

Every distinct source gets a kind from what the article says about it: a person
from the titles it states (a research affiliation makes an expert, whatever the
title), a state or body from what it is, an unnamed or collective source
("experts", "officials") and documents ("the report", "a poll") from the
mention that introduces the quote. Counts are kept per kind, country and
affiliation, direct (direct, mixed, partial) apart from reported (indirect), so
that a reader sees at once, say, that one side of a dispute is only ever
paraphrased. Hedges ("allegedly", "so-called") around quotes are listed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from onrecord.lexicon import Lexicon
from onrecord.record import Entity, Hedge, Quote, SourceCount, SourceProfile, Sourcing

_DIRECT_TYPES = frozenset({"direct", "mixed", "partial"})
_ORG_KINDS = {
    "media": "journalist",
    "research": "expert",
    "legislature": "legislator",
    "government": "official",
    "military": "military",
}
_MODIFIER_STARTS = frozenset(
    {"by", "of", "at", "from", "in", "with", "who", "that", "which", "for"}
)
SENTENCE_REACH = 400  # characters searched for the end of a quote's reporting sentence
_COUNTS = frozenset({"two", "three"})  # "two officials": dropped like a determiner


def _person_kind(entity: Entity, lexicon: Lexicon) -> str:
    if entity.affiliation and any(
        lexicon.institution_words.get(word) == "research"
        for word in re.findall(r"[a-z]+", entity.affiliation.lower())
    ):
        return "expert"
    for title in entity.titles:
        kind = lexicon.title_kind(title)
        if kind:
            return kind
    return "other"


def _entity_kind(entity: Entity, lexicon: Lexicon) -> str:
    if entity.type == "PERSON":
        return _person_kind(entity, lexicon)
    if entity.type == "GPE":
        return "state"
    org = lexicon.organisations.get(entity.name)
    return _ORG_KINDS.get(org.kind, "organisation") if org else "organisation"


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the span at ``start`` begins a sentence (looking back a bounded stretch)."""
    before = text[max(0, start - 200) : start].rstrip(" \t\"'“‘(")
    return (start < 200 and not before) or before[-1:] in (".", "!", "?", "\n", ":", ";")


def _unnamed_key(source_text: str, lexicon: Lexicon, sentence_start: bool) -> tuple[str, str]:
    """(name, kind) of a source that is no entity: 'experts', 'a senior official', 'the report'.
    The name keeps the article's own casing ("CEO", not "ceo"), but for the capital a
    sentence starts with ("Experts believe" is "experts"): words are compared lower-cased.
    """
    first = re.match(r"\w+", source_text)
    if sentence_start and first and first.group()[1:].islower():
        source_text = source_text[0].lower() + source_text[1:]
    words: list[str] = []
    for word in re.findall(r"[\w'’-]+", source_text):
        lower = word.lower()
        if lower in _MODIFIER_STARTS or (words and lower.endswith(("ed", "ing"))):
            break  # "experts interviewed by RT", "officials in Kyiv", "analysts who ..."
        if not (lexicon.is_determiner(lower, "article", "quantifier") or lower in _COUNTS):
            words.append(word)
    head = (words[-1] if words else source_text).lower()
    singular = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    if head in lexicon.document_nouns or singular in lexicon.document_nouns:
        return " ".join(words[-2:]) if len(words) > 1 else (words or [source_text])[-1], "document"
    return " ".join(words[-3:]) or source_text, "unnamed"


def _count(profiles: Sequence[SourceProfile], key: str) -> dict[str, SourceCount]:
    counts: dict[str, SourceCount] = {}
    for profile in profiles:
        value = getattr(profile, key)
        if not value:
            continue
        count = counts.setdefault(value, SourceCount(sources=0, direct=0, reported=0))
        count.sources += 1
        count.direct += profile.direct
        count.reported += profile.reported
    return counts


@lru_cache(maxsize=4)
def _hedge_pattern(hedges: tuple[str, ...]) -> re.Pattern[str]:
    """One regular expression for the hedge lexicon, compiled once, longest phrases first."""
    alternatives = "|".join(re.escape(h) for h in sorted(hedges, key=len, reverse=True))
    return re.compile(rf"\b({alternatives})\b", re.IGNORECASE)


def find_hedges(text: str, quotes: Sequence[Quote], lexicon: Lexicon) -> list[Hedge]:
    """Hedge words in a quote's reporting sentence or in its (non-verbatim) content."""
    if not lexicon.hedges:
        return []
    pattern = _hedge_pattern(tuple(lexicon.hedges))
    hedges: list[Hedge] = []
    seen: set[tuple[int, int]] = set()
    for quote in quotes:
        spans = [tuple(s) for s in quote.content.spans]
        if quote.type in ("direct", "partial"):
            spans = []  # the speaker's own words are not the author's hedges
        for part in (quote.cue, quote.source):
            if part is not None:
                spans += [tuple(s) for s in part.spans]
        if not spans:
            continue
        start = min(s for s, _ in spans)
        end = max(e for _, e in spans)
        # the reporting sentence: from the sentence start before the frame to its end, but
        # no further than SENTENCE_REACH characters either side (a text without ". " or line
        # breaks would otherwise make every quote scan all of it)
        low = max(0, start - SENTENCE_REACH)
        high = min(len(text), end + SENTENCE_REACH)
        start = max(text.rfind(". ", low, start) + 1, text.rfind("\n", low, start) + 1, low)
        stop = [p for p in (text.find(". ", end, high), text.find("\n", end, high)) if p >= 0]
        if stop:
            end = min(stop)
        else:
            limit, end = end, high
            while limit < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
                end -= 1  # not inside a word: "alleged" is no match in "allegedly"
        for match in pattern.finditer(text, start, end):
            if any(qs <= match.start() < qe for qs, qe in quote.content.spans) and quote.type in (
                "direct",
                "partial",
            ):
                continue
            key = (match.start(), match.end())
            if key in seen:
                continue
            seen.add(key)
            hedges.append(Hedge(text=match.group(), spans=[key], quote=quote.id))
    return hedges


def sourcing_profile(
    text: str, quotes: Sequence[Quote], entities: Sequence[Entity], lexicon: Lexicon
) -> Sourcing:
    by_id = {entity.id: entity for entity in entities}
    profiles: dict[str, SourceProfile] = {}
    for quote in quotes:
        if quote.speaker is not None:
            entity = by_id.get(quote.speaker.entity or "")
            key = quote.speaker.entity or quote.speaker.name
            name, kind = (
                quote.speaker.name,
                (_entity_kind(entity, lexicon) if entity is not None else "other"),
            )
        elif quote.source is not None:
            start = quote.source.spans[0][0] if quote.source.spans else 0
            name, kind = _unnamed_key(quote.source.text, lexicon, _starts_sentence(text, start))
            entity, key = None, f"{kind}:{name.casefold()}"  # "Experts" and "experts": one
        else:
            continue
        profile = profiles.get(key)
        if profile is None:
            profile = SourceProfile(
                name=name,
                entity=entity.id if entity is not None else None,
                kind=kind,
                affiliation=entity.affiliation if entity is not None else None,
                country=entity.country if entity is not None else None,
                direct=0,
                reported=0,
            )
            profiles[key] = profile
        if quote.type in _DIRECT_TYPES:
            profile.direct += 1
        else:
            profile.reported += 1
    sources = list(profiles.values())
    direct = sum(1 for q in quotes if q.type in _DIRECT_TYPES)
    return Sourcing(
        distinct_sources=len(sources),
        sources=sources,
        by_kind=_count(sources, "kind"),
        by_country=_count(sources, "country"),
        by_affiliation=_count(sources, "affiliation"),
        direct=direct,
        reported=len(quotes) - direct,
        direct_share=round(direct / len(quotes), 3) if quotes else None,
        unnamed=sum(p.direct + p.reported for p in sources if p.kind == "unnamed"),
        hedges=find_hedges(text, quotes, lexicon),
    )
