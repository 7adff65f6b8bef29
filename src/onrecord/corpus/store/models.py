"""The plain data the store takes and gives back."""

from __future__ import annotations

from dataclasses import dataclass, field

from onrecord.record import ArticleRecord


@dataclass(frozen=True)
class StoredArticle:
    """An analysed article on its way into the store."""

    record: ArticleRecord
    text: str  # the analysed text: record offsets point into it
    origin: str  # where it came from: a path, "path:line" for JSONL
    url: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class StoreOutcome:
    """What became of one article given to the store."""

    origin: str
    requested: str  # the doc_id it came with
    doc_id: str  # its id in the store: ``requested``, or made unique ("index-2")
    new: bool  # False: its text was already stored, under ``doc_id``
    reanalysed: bool = False  # its stored record was replaced by this one (re-analysis)
    changed: int = 0  # when re-analysed: quotes added, removed or changed

    @property
    def renamed(self) -> bool:
        return self.new and self.doc_id != self.requested


@dataclass(frozen=True)
class QuoteHit:
    """One quote found by search or timeline, with its article and speaker."""

    id: int  # quote row id
    doc_id: str
    quote_key: str  # the quote's id in its record: "q3"
    type: str
    speech_act: str
    plover: str | None
    speaker: str | None  # corpus speaker name; the record's speaker name when not linked
    speaker_id: int | None
    date: str | None  # statement date: the quote's date with a full year, else published
    published: str | None
    outlet: str | None
    title: str | None
    content: str
    sentence: str
    sentence_span: tuple[int, int]  # [start, end) of the sentence in the article text
    origin: str
    url: str | None
    cue: str | None = None
    source: str | None = None
    confidence: float | None = None
    corrected: bool = False  # a user corrected the speaker (onrecord correct)


@dataclass(frozen=True)
class SpeakerRow:
    """A corpus speaker with what the corpus says about them."""

    id: int
    name: str
    type: str
    aliases: list[str]
    titles: list[str]
    country: str | None
    affiliation: str | None
    quotes: int
    articles: int
    first_date: str | None  # earliest statement date
    last_date: str | None  # latest statement date


@dataclass(frozen=True)
class FailureRow:
    origin: str
    reason: str
    at: str  # ISO 8601 UTC


@dataclass(frozen=True)
class EntityLink:
    """Why one article entity belongs to a speaker."""

    doc_id: str
    entity: str  # the entity's id in its record: "e2"
    name: str
    aliases: list[str]
    rule: str
    detail: str | None
    quotes: int


@dataclass(frozen=True)
class Override:
    """A user correction that later articles obey."""

    alias: str
    action: str  # merge | split
    at: str


@dataclass(frozen=True)
class SpeakerExplanation:
    speaker: SpeakerRow
    aliases: list[str]
    titles: list[str]
    links: list[EntityLink]
    overrides: list[Override] = field(default_factory=list)
    merged: list[tuple[int, str]] = field(default_factory=list)  # speakers merged into this one

    def lines(self) -> list[str]:
        """A plain-text account, one line each."""
        s = self.speaker
        out = [f"#{s.id} {s.name} ({s.type}): {s.quotes} quotes in {s.articles} articles"]
        if self.aliases:
            out.append("aliases: " + "; ".join(self.aliases))
        if self.titles:
            out.append("titles: " + "; ".join(self.titles))
        for link in self.links:
            detail = f" — {link.detail}" if link.detail else ""
            out.append(f"{link.doc_id} {link.entity} {link.name!r}: {link.rule}{detail}")
        for override in self.overrides:
            out.append(f"override: {override.alias!r} ({override.action}, {override.at})")
        for speaker_id, name in self.merged:
            out.append(f"merged in: #{speaker_id} {name}")
        return out
