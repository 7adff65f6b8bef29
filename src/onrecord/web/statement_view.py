"""The statement page's rows: each report beside the version it differs from, the words
that differ marked.

What is marked is exactly what the statement's drift flags name (their differences, see
:mod:`onrecord.statements.drift`): in the flagged version its changed and added words, in
the version it is compared with its changed and dropped ones. Every text is escaped first;
only the ``<mark>`` tags are put in afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from onrecord.statements.drift import DriftFlag
from onrecord.statements.model import Statement, StatementReport
from onrecord.statements.text import words

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class VersionRow:
    report: StatementReport
    text: Markup  # the report's text, its differing words marked
    against: StatementReport | None  # the version it differs from, if any
    against_text: Markup | None  # that version's text, the words it has instead marked
    flags: list[DriftFlag]


def _word_spans(text: str) -> list[tuple[str, int, int]]:
    """Each word as :func:`words` gives it, with the span of the text it came from."""
    out: list[tuple[str, int, int]] = []
    for match in _WORD.finditer(text):
        for word in words(match.group(0)):
            out.append((word, match.start(), match.end()))
    return out


def _find(tokens: list[tuple[str, int, int]], phrase: Sequence[str]) -> tuple[int, int] | None:
    n = len(phrase)
    for i in range(len(tokens) - n + 1):
        if all(tokens[i + k][0] == phrase[k] for k in range(n)):
            return tokens[i][1], tokens[i + n - 1][2]
    return None


def marked(text: str, phrases: Sequence[str], css: str) -> Markup:
    """``text`` escaped, with the first place each phrase (words as the drift flags give
    them) occurs in ``<mark class="css">``."""
    tokens = _word_spans(text)
    spans = sorted(
        {found for p in phrases if p.split() and (found := _find(tokens, p.split())) is not None}
    )
    out: list[Markup] = []
    last = 0
    for start, end in spans:
        if start < last:
            continue  # overlaps the one before
        out.append(escape(text[last:start]))
        out.append(Markup('<mark class="%s">%s</mark>') % (css, text[start:end]))
        last = end
    out.append(escape(text[last:]))
    return Markup("").join(out)


def version_rows(statement: Statement) -> list[VersionRow]:
    by_ref = {r.ref: r for r in statement.reports}
    rows: list[VersionRow] = []
    for report in statement.reports:
        flags = [f for f in statement.drift if f.ref == report.ref]
        wording = [f for f in flags if f.kind != "speaker" and f.other in by_ref]
        if not wording:
            rows.append(VersionRow(report, escape(report.text), None, None, flags))
            continue
        flag = wording[0]
        added = [d.after for d in flag.differences if d.after]
        dropped = [d.before for d in flag.differences if d.before]
        other = by_ref[flag.other]
        rows.append(
            VersionRow(
                report,
                marked(report.text, added, "diff-ins"),
                other,
                marked(other.text, dropped, "diff-del"),
                flags,
            )
        )
    return rows
