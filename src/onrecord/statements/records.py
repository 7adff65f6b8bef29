"""Statements of article records in memory, without a database: the quotes of many
records grouped into statements with the same rules, in the same order (records in the
order given, quotes in article order) as the store groups them on ingest."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from onrecord.record import ArticleRecord, Quote
from onrecord.statements.dates import statement_date
from onrecord.statements.drift import Version, drift
from onrecord.statements.grouper import Grouper
from onrecord.statements.grouping import Report
from onrecord.statements.model import Statement, StatementReport


@dataclass(frozen=True)
class _Seen:
    order: int
    record: ArticleRecord
    quote: Quote
    date: str | None
    speaker: str | None  # the speaker's name as the record gives it


def _report(seen: _Seen, outlet: str | None, earliest: bool) -> StatementReport:
    q, r = seen.quote, seen.record
    return StatementReport(
        ref=f"{r.doc_id}#{q.id}", doc_id=r.doc_id, quote_key=q.id, type=q.type,
        text=q.content.text, speaker=seen.speaker, date=seen.date, outlet=outlet,
        published=r.published, url=None, venue=q.venue, via=q.via, earliest=earliest,
    )  # fmt: skip


def statements_of(
    records: Iterable[ArticleRecord], *, outlets: Mapping[str, str] | None = None
) -> list[Statement]:
    """The statements the quotes of ``records`` make, most reported first (ids in order of
    first appearance). Speakers are told apart by name (a corpus links variant spellings
    first; see the store). ``outlets``: the outlet of each record, by doc_id."""
    outlets = outlets or {}
    grouper = Grouper()
    members: dict[int, list[_Seen]] = {}
    order = 0
    for record in records:
        for quote in record.quotes:
            speaker = quote.speaker.name if quote.speaker else None
            date = statement_date(quote.date.value if quote.date else None, record.published)
            key = speaker.casefold() if speaker else None
            group = grouper.add(Report(f"{record.doc_id}#{quote.id}", key, date, quote.type,
                                       quote.content.text))  # fmt: skip
            members.setdefault(group, []).append(_Seen(order, record, quote, date, speaker))
            order += 1
    out: list[Statement] = []
    for number, (_, seen) in enumerate(sorted(members.items()), start=1):
        seen.sort(key=lambda s: (s.date is None, s.date or "", s.order))
        reports = [_report(s, outlets.get(s.record.doc_id), i == 0) for i, s in enumerate(seen)]
        names = Counter(s.speaker for s in seen if s.speaker)
        flags = drift(
            [Version(r.ref, (r.speaker or "").casefold() or None, r.speaker, r.type, r.text)
             for r in reports]
        )  # fmt: skip
        dates = [s.date for s in seen if s.date]
        out.append(
            Statement(
                id=number,
                speaker=names.most_common(1)[0][0] if names else None,
                speaker_id=None,
                first_date=min(dates) if dates else None,
                reports=reports,
                drift=flags,
            )
        )
    out.sort(key=lambda s: -len(s.reports))
    return out
