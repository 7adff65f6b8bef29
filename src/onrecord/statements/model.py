"""A statement as the store, the API and the pages give it: its reports in time order,
the earliest marked, and its drift flags."""

from __future__ import annotations

from dataclasses import dataclass, field

from onrecord.statements.drift import DriftFlag


@dataclass(frozen=True)
class StatementReport:
    """One report of a statement."""

    ref: str  # doc_id#q3
    doc_id: str
    quote_key: str
    type: str
    text: str
    speaker: str | None
    date: str | None
    outlet: str | None
    published: str | None
    url: str | None
    venue: str | None
    via: str | None  # the outlet the article credits ("told RIA Novosti")
    earliest: bool


@dataclass(frozen=True)
class Statement:
    id: int
    speaker: str | None
    speaker_id: int | None
    first_date: str | None
    reports: list[StatementReport] = field(default_factory=list)
    drift: list[DriftFlag] = field(default_factory=list)


@dataclass(frozen=True)
class StatementRow:
    """A statement in a list: how many reports and drift flags it has, and its first."""

    id: int
    speaker: str | None
    first_date: str | None
    reports: int
    drift: int
    text: str
    ref: str
