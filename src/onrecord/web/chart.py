"""The geometry of a speaker's timeline chart: one row per speech act, one dot per
statement date sized by the number of statements; the template draws it as inline SVG."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from onrecord.corpus.store import SPEECH_ACTS, ActivityCell

WIDTH = 720
ROW = 26
LEFT = 96  # room for the speech act labels
RIGHT = 48  # room for half of the last date label ("2022-02-15") under its tick
PAD = 14  # the first and last dots stay clear of the labels and the edge
TOP = 8
AXIS = 28


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    act: str
    label: str  # "2022-02-15 · demand · 3 statements"


@dataclass(frozen=True)
class Row:
    y: float
    act: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    rows: list[Row]
    dots: list[Dot]
    ticks: list[Tick]
    axis_y: float
    left: int
    right: int
    summary: str  # the chart in words, for screen readers


def _day(value: str) -> date:
    """The first day a statement date can mean: "2019" is 2019-01-01."""
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _valid(value: str) -> bool:
    try:
        _day(value)
    except ValueError:
        return False
    return True


def _ticks(first: date, last: date) -> list[tuple[date, str]]:
    span = (last - first).days
    if span > 3 * 365:
        marks = [date(y, 1, 1) for y in range(first.year, last.year + 1)]
        fmt = "%Y"
    elif span > 60:
        marks = []
        y, m = first.year, first.month
        while date(y, m, 1) <= last:
            marks.append(date(y, m, 1))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        fmt = "%Y-%m"
    else:
        marks = [first, last] if span else [first]
        fmt = "%Y-%m-%d"
    if len(marks) > 8:
        step = math.ceil(len(marks) / 8)
        marks = marks[::step]
    marks = [d for d in marks if first <= d <= last] or [first]
    return [(d, d.strftime(fmt)) for d in marks]


def timeline_chart(cells: list[ActivityCell], undated: int = 0) -> Chart | None:
    """None when the speaker has no dated statement."""
    dated = [c for c in cells if _valid(c.date)]
    if not dated:
        return None
    acts = [a for a in SPEECH_ACTS if any(c.act == a for c in dated)]
    acts += sorted({c.act for c in dated} - set(acts))
    row_y = {act: TOP + ROW * i + ROW / 2 for i, act in enumerate(acts)}
    first = min(_day(c.date) for c in dated)
    last = max(_day(c.date) for c in dated)
    span = max(1, (last - first).days)
    inner = WIDTH - LEFT - RIGHT - 2 * PAD

    def x_of(day: date) -> float:
        if first == last:
            return LEFT + PAD + inner / 2
        return round(LEFT + PAD + inner * (day - first).days / span, 1)

    dots = [
        Dot(
            x=x_of(_day(c.date)),
            y=row_y[c.act],
            r=round(min(11.0, 3.0 + 2.0 * math.sqrt(c.count)), 1),
            act=c.act,
            label=f"{c.date} · {c.act} · {c.count} statement{'s' if c.count != 1 else ''}",
        )
        for c in dated
    ]
    axis_y = TOP + ROW * len(acts) + 4
    total = sum(c.count for c in dated)
    by_act = ", ".join(f"{sum(c.count for c in dated if c.act == a)} {a}" for a in acts)
    summary = f"{total} dated statements from {first} to {last}: {by_act}"
    if undated:
        summary += f"; {undated} undated"
    return Chart(
        width=WIDTH,
        height=int(axis_y + AXIS),
        rows=[Row(y=row_y[a], act=a) for a in acts],
        dots=dots,
        ticks=[Tick(x_of(d), label) for d, label in _ticks(first, last)],
        axis_y=axis_y,
        left=LEFT,
        right=WIDTH - RIGHT,
        summary=summary,
    )
