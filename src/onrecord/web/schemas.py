"""The JSON the REST API takes and gives, besides the article record itself."""

from __future__ import annotations

import re
from dataclasses import asdict

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from onrecord.corpus.store import (
    ActivityCell,
    ArticleRow,
    FacetValue,
    Mentioned,
    QuoteHit,
    SpeakerRow,
)
from onrecord.statements.model import Statement, StatementRow


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class QuoteOut(_Out):
    """A stored quote with its article and speaker; ``quote`` is its id in the article
    record (``GET /api/v1/articles/{doc_id}`` has the full Quote)."""

    id: int = Field(description="the quote's id in the corpus")
    doc_id: str
    quote: str = Field(description='the quote\'s id in its article record: "q3"')
    type: str
    speech_act: str
    plover: str | None
    speaker: str | None
    speaker_id: int | None
    date: str | None = Field(description="statement date (or the article's published date)")
    published: str | None
    outlet: str | None
    title: str | None
    content: str
    sentence: str
    sentence_span: tuple[int, int]
    cue: str | None
    source: str | None
    confidence: float | None
    url: str | None
    corrected: bool = Field(
        default=False, description="a user corrected the speaker (POST /api/v1/quotes/correct)"
    )

    @classmethod
    def of(cls, hit: QuoteHit) -> QuoteOut:
        values = asdict(hit)
        values["quote"] = values.pop("quote_key")
        values.pop("origin")
        return cls(**values)


class QuotePage(_Out):
    total: int = Field(description="quotes that pass the filters, over all pages")
    limit: int
    offset: int
    items: list[QuoteOut]


class SpeakerOut(_Out):
    id: int
    name: str
    type: str
    aliases: list[str]
    titles: list[str]
    country: str | None
    affiliation: str | None
    quotes: int
    articles: int
    first_date: str | None
    last_date: str | None

    @classmethod
    def of(cls, row: SpeakerRow) -> SpeakerOut:
        return cls(**asdict(row))


class MentionedOut(_Out):
    name: str
    speaker_id: int | None
    quotes: int

    @classmethod
    def of(cls, row: Mentioned) -> MentionedOut:
        return cls(**asdict(row))


class ActivityOut(_Out):
    date: str
    act: str
    count: int

    @classmethod
    def of(cls, cell: ActivityCell) -> ActivityOut:
        return cls(**asdict(cell))


class SpeakerDetail(_Out):
    speaker: SpeakerOut
    talks_about: list[MentionedOut]
    activity: list[ActivityOut]
    undated: int


class ArticleOut(_Out):
    doc_id: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    quotes: int

    @classmethod
    def of(cls, row: ArticleRow) -> ArticleOut:
        values = asdict(row)
        values.pop("origin")
        return cls(**values)


class ArticlePage(_Out):
    total: int
    limit: int
    offset: int
    items: list[ArticleOut]


class FacetOut(_Out):
    value: str
    label: str
    count: int

    @classmethod
    def of(cls, value: FacetValue) -> FacetOut:
        return cls(**asdict(value))


class FacetsOut(_Out):
    total: int = Field(description="quotes that pass the filters")
    speakers: list[FacetOut]
    acts: list[FacetOut]
    outlets: list[FacetOut]


_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def no_surrogates(value: str | None) -> str | None:
    """Refuse a lone surrogate (JSON's "\\ud800"): it is not text, and no database or
    header can hold it."""
    if value is not None and _SURROGATE.search(value):
        raise ValueError("contains a lone surrogate escape (e.g. \\ud800), which is not text")
    return value


class AnalyzeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="the article text")
    doc_id: str | None = Field(
        default=None, max_length=200, description="no control characters; made unique when stored"
    )
    published: str | None = Field(default=None, description="YYYY-MM-DD")
    title: str | None = Field(default=None, max_length=1000)
    store: bool = Field(default=False, description="also store it (needs the token)")

    @field_validator("doc_id")
    @classmethod
    def _doc_id(cls, value: str | None) -> str | None:
        if value is not None and _CONTROL.search(value):
            raise ValueError("must not contain control characters (line breaks, tabs, ...)")
        return no_surrogates(value)

    @field_validator("title", "published")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        return no_surrogates(value)


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    keep: int | str = Field(description="the speaker that stays: id, name or alias")
    other: int | str = Field(description="the speaker merged into it")

    @field_validator("keep", "other")
    @classmethod
    def _name(cls, value: int | str) -> int | str:
        if isinstance(value, str):
            no_surrogates(value)
        return value


class CorrectIn(BaseModel):
    """Exactly one of ``speaker``, ``none`` and ``undo``."""

    model_config = ConfigDict(extra="forbid")

    quote: str = Field(
        max_length=1000, description='the quote\'s reference, DOC_ID#QUOTE: "rt_2022#q3"'
    )
    speaker: int | str | None = Field(
        default=None, description="who said it: a speaker id, name or alias, or a new name"
    )
    none: bool = Field(default=False, description="nobody the corpus knows said it")
    undo: bool = Field(default=False, description="take the correction back")

    @field_validator("quote", "speaker")
    @classmethod
    def _name(cls, value: int | str | None) -> int | str | None:
        if isinstance(value, str):
            no_surrogates(value)
        return value

    @model_validator(mode="after")
    def _one(self) -> CorrectIn:
        if (self.speaker is not None) + self.none + self.undo != 1:
            raise ValueError('give exactly one of "speaker", "none": true and "undo": true')
        return self


class Failure(_Out):
    origin: str
    reason: str


class Renamed(_Out):
    origin: str
    requested: str = Field(description="the doc_id the article came with")
    doc_id: str = Field(description="its id in the corpus: another article had the one asked for")


class IngestOut(_Out):
    stored: int = Field(description="new articles stored")
    skipped: int = Field(description="texts already in the corpus")
    doc_ids: list[str] = Field(description="the ids in the corpus, new or already stored")
    failures: list[Failure]
    renamed: list[Renamed] = Field(description="articles stored under another id than theirs")


class Problem(_Out):
    detail: str


class Counts(_Out):
    articles: int
    quotes: int
    speakers: int
    failures: int


class StatementRowOut(_Out):
    """A statement in a list: how many reports and drift flags it has, and its first report."""

    id: int
    speaker: str | None
    first_date: str | None
    reports: int
    drift: int = Field(description="drift flags among its versions")
    text: str = Field(description="the first report's text")
    ref: str = Field(description='the first report: "doc_id#q3"')

    @classmethod
    def of(cls, row: StatementRow) -> StatementRowOut:
        return cls(**asdict(row))


class StatementPage(_Out):
    limit: int
    offset: int
    items: list[StatementRowOut]


class StatementReportOut(_Out):
    ref: str = Field(description='"doc_id#q3"')
    doc_id: str
    quote_key: str
    type: str
    text: str
    speaker: str | None
    date: str | None = Field(description="statement date")
    outlet: str | None
    published: str | None
    url: str | None
    venue: str | None
    via: str | None = Field(description="the outlet the article credits: 'told RIA Novosti'")
    earliest: bool


class DifferenceOut(_Out):
    op: str = Field(description="changed | added | dropped")
    before: str
    after: str


class DriftFlagOut(_Out):
    kind: str = Field(description="polarity | hedge | words | truncated | speaker")
    ref: str = Field(description="the version flagged")
    other: str = Field(description="the version it differs from")
    text: str
    other_text: str
    differences: list[DifferenceOut]
    detail: str


class StatementOut(_Out):
    """One statement: its reports in time order (the earliest marked) and its drift flags."""

    id: int
    speaker: str | None
    speaker_id: int | None
    first_date: str | None
    reports: list[StatementReportOut]
    drift: list[DriftFlagOut]

    @classmethod
    def of(cls, found: Statement) -> StatementOut:
        return cls(**asdict(found))
