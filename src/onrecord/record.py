"""The article record: the output contract every interface shares (see docs/design.md).

Offsets are Python ``str`` indices into the original input text, so every span
can be checked against the source.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "onrecord.article/1"

Span = tuple[int, int]

QuoteType = Literal["direct", "mixed", "partial", "indirect"]
SpeechAct = Literal[
    "statement",
    "demand",
    "proposal",
    "rejection",
    "denial",
    "warning",
    "criticism",
    "praise",
    "agreement",
    "report",
    "prediction",
    "accusation",
]
PloverCategory = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"
]
EntityType = Literal["PERSON", "ORG", "GPE", "NORP"]
SourceKind = Literal[
    "official",
    "military",
    "diplomat",
    "legislator",
    "expert",
    "journalist",
    "unnamed",
    "document",
    "organisation",
    "state",
    "other",
]
SpeakerHow = Literal[
    "name",
    "surname",
    "pronoun",
    "title",
    "description",
    "body",
    "group",
    "document",
    "first person",
    "continuation",
    "corrected",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class TextSpans(_Model):
    """One or more character spans of the input and the text they cover (joined by a space)."""

    spans: list[Span]
    text: str


class Cue(TextSpans):
    lemma: str


class EntityRef(_Model):
    entity: str | None = Field(description="id of an Entity in this record, if there is one")
    name: str


class SpeakerRef(EntityRef):
    how: SpeakerHow | None = Field(
        default=None,
        description=(
            "how the source mention was resolved to the speaker: "
            "name (the mention is the speaker's name, as in 'Jane Doe said'); "
            "surname (a bare surname or shortened name of a person named earlier); "
            "pronoun ('he said': the most salient compatible person or body); "
            "title (a title the article gave a named person: 'the foreign minister'); "
            "description (a description of a person: 'the Russian leader', 'the GOP nominee'); "
            "body (an organisation, office or state, named or described: 'police', 'the fund'); "
            "group (a group of people the article names: 'the Ukrainian protesters'); "
            "document (a report, statement or poll, attributed to its producer); "
            "first person ('I', 'we': the writer of a column or letter, or the person "
            "interviewed in an answer); "
            "continuation (no source of its own: it goes on from the previous quote); "
            "corrected (a user of the corpus said who it is: onrecord correct); "
            "absent in records written before it was recorded"
        ),
    )


class DateRef(_Model):
    value: str = Field(
        description="ISO 8601, partial allowed: 2022-02-15, XXXX-02-15, 2021-12, 2019"
    )
    text: str
    spans: list[Span]


class Quote(_Model):
    id: str
    type: QuoteType
    content: TextSpans
    cue: Cue | None
    source: TextSpans | None = Field(description="the mention that introduces the quote")
    speaker: SpeakerRef | None = Field(description="who the source really is")
    addressee: EntityRef | None = None
    venue: str | None = None
    via: str | None = Field(
        default=None,
        description=(
            "the outlet the article credits for the statement, distinct from the venue: "
            "'told RIA Novosti', 'according to Interfax', 'in an interview with CNN', "
            "'TASS reported'"
        ),
    )
    speech_act: SpeechAct = "statement"
    plover: PloverCategory | None = None
    date: DateRef | None = None
    confidence: float = Field(ge=0.0, le=1.0)


class Entity(_Model):
    id: str
    type: EntityType
    name: str = Field(description="canonical name")
    aliases: list[str]
    titles: list[str]
    affiliation: str | None
    country: str | None = Field(description="ISO 3166-1 alpha-2")
    mentions: list[Span]


class DateMention(_Model):
    text: str
    spans: list[Span]
    value: str


class SourceProfile(_Model):
    """One distinct source quoted in the article."""

    name: str
    entity: str | None
    kind: SourceKind
    affiliation: str | None
    country: str | None
    direct: int = Field(description="direct, mixed and partial quotes")
    reported: int = Field(description="indirect quotes")


class Hedge(_Model):
    """A word by which the author distances himself from an attribution ("allegedly")."""

    text: str
    spans: list[Span]
    quote: str


class SourceCount(_Model):
    sources: int
    direct: int
    reported: int


class Sourcing(_Model):
    distinct_sources: int
    sources: list[SourceProfile]
    by_kind: dict[str, SourceCount]
    by_country: dict[str, SourceCount]
    by_affiliation: dict[str, SourceCount]
    direct: int
    reported: int
    direct_share: float | None
    unnamed: int
    hedges: list[Hedge]


class ArticleRecord(_Model):
    schema_id: Literal["onrecord.article/1"] = Field(default="onrecord.article/1", alias="schema")
    doc_id: str
    title: str | None
    published: str | None = Field(description="YYYY-MM-DD")
    language: str
    text_sha256: str
    quotes: list[Quote]
    entities: list[Entity]
    dates: list[DateMention]
    boilerplate: list[Span]
    headings: list[Span]
    sourcing: Sourcing

    def to_json(self, *, indent: int | None = None) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    def to_dict(self) -> dict[str, object]:
        return self.model_dump(mode="json", by_alias=True)


def text_sha256(text: str) -> str:
    """The record's ``text_sha256``: the SHA-256 of the text in UTF-8 (lone surrogates kept)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def json_schema() -> dict[str, object]:
    """The JSON Schema of the article record, as committed in schema/article.schema.json."""
    schema = ArticleRecord.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    return schema
