"""Date expressions: finding, normalising, and resolving them against a publication date.

2022-02-15 (the canonical sample's publication date) is a Tuesday.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.text.dates import DateExpression, find_dates
from onrecord.text.days import parse_day

PUB = "2022-02-15"  # a Tuesday
JAN = "2022-01-10"  # a Monday

VALUE_RE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    published: str | None
    expected: list[tuple[str, str | None, str]]  # every expression found: (text, value, kind)


CASES = [
    # --- month-day, with and without the publication date
    Case(
        "md-pub",
        "The talks were held on February 15 in Geneva.",
        PUB,
        [("February 15", "2022-02-15", "absolute")],
    ),
    Case(
        "md-no-pub",
        "The talks were held on February 15 in Geneva.",
        None,
        [("February 15", "XXXX-02-15", "absolute")],
    ),
    Case(
        "md-abbr-dot",
        "He spoke on Feb. 15 in Moscow.",
        PUB,
        [("Feb. 15", "2022-02-15", "absolute")],
    ),
    Case("md-ordinal", "He spoke on Feb 15th.", None, [("Feb 15th", "XXXX-02-15", "absolute")]),
    Case("dm", "He spoke on 15 February.", PUB, [("15 February", "2022-02-15", "absolute")]),
    Case(
        "dm-of",
        "He spoke on the 15th of February.",
        None,
        [("15th of February", "XXXX-02-15", "absolute")],
    ),
    Case(
        "mdy",
        "He spoke on February 15, 2022, in Moscow.",
        None,
        [("February 15, 2022", "2022-02-15", "absolute")],
    ),
    Case(
        "dmy",
        "He spoke on 15 February 2022.",
        JAN,
        [("15 February 2022", "2022-02-15", "absolute")],
    ),
    Case(
        "md-january-article-december",
        "The proposals were handed over on December 28.",
        JAN,
        [("December 28", "2021-12-28", "absolute")],
    ),
    Case(
        "md-near-future-same-year",
        "The next round is due on January 20.",
        JAN,
        [("January 20", "2022-01-20", "absolute")],
    ),
    Case(
        "md-within-two-months",
        "A vote is planned for April 10.",
        PUB,
        [("April 10", "2022-04-10", "absolute")],
    ),
    Case(
        "md-beyond-two-months",
        "A vote was held on April 20.",
        PUB,
        [("April 20", "2021-04-20", "absolute")],
    ),
    Case(
        "month-pub",
        "Russia made its proposals in December.",
        PUB,
        [("December", "2021-12", "absolute")],
    ),
    Case(
        "month-no-pub",
        "Russia made its proposals in December.",
        None,
        [("December", "XXXX-12", "absolute")],
    ),
    Case(
        "month-name-month-beyond",
        "Elections were held in May.",
        PUB,
        [("May", "2021-05", "absolute")],
    ),
    Case("month-year", "It began in August 2019.", PUB, [("August 2019", "2019-08", "absolute")]),
    Case(
        "month-of-year",
        "It began in August of 2019.",
        None,
        [("August of 2019", "2019-08", "absolute")],
    ),
    Case("year-in", "It began in 2020.", PUB, [("2020", "2020", "absolute")]),
    Case("year-back-in", "That was back in 2020, he said.", None, [("2020", "2020", "absolute")]),
    Case("year-since", "It has grown since 2014.", None, [("2014", "2014", "absolute")]),
    Case("year-of", "a return to the borders of 1997", None, [("1997", "1997", "absolute")]),
    Case(
        "year-range",
        "from 2014 to 2016",
        None,
        [("2014", "2014", "absolute"), ("2016", "2016", "absolute")],
    ),
    Case("year-mid", "by mid-2019 it was over", None, [("mid-2019", "2019", "absolute")]),
    Case("year-early", "in early 2020", None, [("early 2020", "2020", "absolute")]),
    Case("year-season", "in the summer of 2019", None, [("summer of 2019", "2019", "absolute")]),
    Case("month-late", "in late December", JAN, [("late December", "2021-12", "absolute")]),
    Case("month-mid", "until mid-December", JAN, [("mid-December", "2021-12", "absolute")]),
    # --- numeric dates (only with a four-digit year)
    Case(
        "numeric-dot",
        "The note is dated 15.02.2022.",
        None,
        [("15.02.2022", "2022-02-15", "absolute")],
    ),
    Case(
        "numeric-iso",
        "Filed 2022-02-15 in court.",
        None,
        [("2022-02-15", "2022-02-15", "absolute")],
    ),
    Case("numeric-us-slash", "Posted 2/15/2022.", None, [("2/15/2022", "2022-02-15", "absolute")]),
    Case("numeric-two-digit-year", "Posted 15.02.22 online.", None, []),
    Case("numeric-ip-address", "The server at 192.168.1.1 failed.", None, []),
    # --- deictic: relative to publication
    Case(
        "december-last-year",
        "Moscow sent its proposals in December last year.",
        PUB,
        [("December last year", "2021-12", "deictic")],
    ),
    Case(
        "december-last-year-no-pub",
        "Moscow sent its proposals in December last year.",
        None,
        [("December last year", "XXXX-12", "deictic")],
    ),
    Case(
        "md-last-year",
        "on February 15 last year",
        PUB,
        [("February 15 last year", "2021-02-15", "deictic")],
    ),
    Case(
        "last-december",
        "Last December he warned them.",
        PUB,
        [("Last December", "2021-12", "deictic")],
    ),
    Case(
        "last-december-in-december",
        "Last December he warned them.",
        "2022-12-20",
        [("Last December", "2021-12", "deictic")],
    ),
    Case("today", "Today the minister said so.", PUB, [("Today", "2022-02-15", "deictic")]),
    Case("today-no-pub", "Today the minister said so.", None, [("Today", None, "deictic")]),
    Case("yesterday", "He said yesterday that", PUB, [("yesterday", "2022-02-14", "deictic")]),
    Case(
        "tomorrow-morning",
        "They meet tomorrow morning.",
        PUB,
        [("tomorrow morning", "2022-02-16", "deictic")],
    ),
    Case("last-night", "He said last night that", PUB, [("last night", "2022-02-14", "deictic")]),
    Case(
        "day-before-yesterday",
        "the day before yesterday",
        PUB,
        [("the day before yesterday", "2022-02-13", "deictic")],
    ),
    Case("usa-today", "USA Today reported the story.", PUB, []),
    Case(
        "weekday-same-day", "He said on Tuesday that", PUB, [("Tuesday", "2022-02-15", "deictic")]
    ),
    Case("weekday-before", "He said on Monday that", PUB, [("Monday", "2022-02-14", "deictic")]),
    Case(
        "weekday-past-week",
        "He said on Wednesday that",
        PUB,
        [("Wednesday", "2022-02-09", "deictic")],
    ),
    Case(
        "weekday-last",
        "He said last Tuesday that",
        PUB,
        [("last Tuesday", "2022-02-08", "deictic")],
    ),
    Case(
        "weekday-next", "They meet next Tuesday.", PUB, [("next Tuesday", "2022-02-22", "deictic")]
    ),
    Case("weekday-night", "Late on Monday night", PUB, [("Monday night", "2022-02-14", "deictic")]),
    Case(
        "weekday-last-week",
        "He said on Friday last week that",
        PUB,
        [("Friday last week", "2022-02-11", "deictic")],
    ),
    Case("weekday-no-pub", "He said on Tuesday that", None, [("Tuesday", None, "deictic")]),
    Case(
        "weekday-with-date",
        "On Tuesday, February 15, 2022, he said",
        None,
        [("Tuesday, February 15, 2022", "2022-02-15", "absolute")],
    ),
    Case("super-tuesday", "ahead of Super Tuesday", PUB, []),
    Case("weekday-habitual", "He spends his Friday nights at home.", PUB, []),
    Case("tv-show", "He hosted Saturday Night Live and appeared on NBC’s “Today”.", PUB, []),
    Case("last-month", "He said last month that", PUB, [("last month", "2022-01", "deictic")]),
    Case(
        "last-month-january", "He said last month that", JAN, [("last month", "2021-12", "deictic")]
    ),
    Case("this-year", "elections this year", PUB, [("this year", "2022", "deictic")]),
    Case("last-year", "elections last year", PUB, [("last year", "2021", "deictic")]),
    Case(
        "late-last-year", "It began late last year.", PUB, [("late last year", "2021", "deictic")]
    ),
    Case(
        "earlier-this-month",
        "He said earlier this month that",
        PUB,
        [("earlier this month", "2022-02", "deictic")],
    ),
    Case("two-days-ago", "two days ago", PUB, [("two days ago", "2022-02-13", "deictic")]),
    Case("a-year-ago", "A year ago he said", PUB, [("A year ago", "2021", "deictic")]),
    # --- vague
    Case("last-week", "He said last week that", PUB, [("last week", None, "vague")]),
    Case("earlier-this-week", "earlier this week", PUB, [("earlier this week", None, "vague")]),
    Case("recently", "He recently said that", PUB, [("recently", None, "vague")]),
    Case("earlier", "Earlier, he said that", PUB, [("Earlier", None, "vague")]),
    Case(
        "following-week",
        "The following week he left.",
        PUB,
        [("The following week", None, "vague")],
    ),
    Case("days-later", "Days later he left.", PUB, [("Days later", None, "vague")]),
    # --- anaphoric: relative to the previous day-precise date
    Case(
        "anaphor-two-days-earlier",
        "The talks began on February 15. Two days earlier, the minister spoke.",
        PUB,
        [
            ("February 15", "2022-02-15", "absolute"),
            ("Two days earlier", "2022-02-13", "relative"),
        ],
    ),
    Case(
        "anaphor-no-pub",
        "On March 3 the summit opened. Two days later it closed.",
        None,
        [("March 3", "XXXX-03-03", "absolute"), ("Two days later", "XXXX-03-05", "relative")],
    ),
    Case(
        "anaphor-chain",
        "On March 3, 2021 it opened. The next day it stalled. Three weeks later it closed.",
        None,
        [
            ("March 3, 2021", "2021-03-03", "absolute"),
            ("The next day", "2021-03-04", "relative"),
            ("Three weeks later", "2021-03-25", "relative"),
        ],
    ),
    Case(
        "anaphor-day-before",
        "He arrived on March 3, 2021. The day before, he had called.",
        None,
        [("March 3, 2021", "2021-03-03", "absolute"), ("The day before", "2021-03-02", "relative")],
    ),
    Case(
        "anaphor-before-an-event-is-not-anaphoric",
        "On March 3, 2021, two days before the vote, he called.",
        None,
        [("March 3, 2021", "2021-03-03", "absolute")],
    ),
    Case(
        "anaphor-falls-back-to-publication",
        "A day later the ministry replied.",
        PUB,
        [("A day later", "2022-02-16", "relative")],
    ),
    Case(
        "anaphor-nothing-to-anchor",
        "A day later the ministry replied.",
        None,
        [("A day later", None, "relative")],
    ),
    # --- overlapping candidates: the longest wins
    Case(
        "overlap-early-december-last-year",
        "in early December last year",
        PUB,
        [("early December last year", "2021-12", "deictic")],
    ),
    Case(
        "overlap-two-days-earlier-not-earlier",
        "Two days earlier he said",
        None,
        [("Two days earlier", None, "relative")],
    ),
    # --- leap years
    Case(
        "leap-valid",
        "on February 29, 2020",
        None,
        [("February 29, 2020", "2020-02-29", "absolute")],
    ),
    Case(
        "leap-invalid-year", "on February 29, 2021", None, [("February 29, 2021", None, "absolute")]
    ),
    Case("leap-no-year", "on February 29", None, [("February 29", "XXXX-02-29", "absolute")]),
    Case(
        "leap-inferred-past",
        "on February 29 it happened",
        "2023-01-10",
        [("February 29", "2020-02-29", "absolute")],
    ),
    Case(
        "leap-inferred-current",
        "on February 29 it happens",
        "2024-01-10",
        [("February 29", "2024-02-29", "absolute")],
    ),
    Case("not-a-day", "on February 30 it happened", None, []),
    Case(
        "leap-anaphor",
        "On February 28, 2020 it began. The next day it ended.",
        None,
        [
            ("February 28, 2020", "2020-02-28", "absolute"),
            ("The next day", "2020-02-29", "relative"),
        ],
    ),
    Case(
        "non-leap-anaphor",
        "On February 28, 2021 it began. The next day it ended.",
        None,
        [
            ("February 28, 2021", "2021-02-28", "absolute"),
            ("The next day", "2021-03-01", "relative"),
        ],
    ),
    # --- not dates
    Case("duration-long-time", "for a long time", PUB, []),
    Case("duration-last-thirty-years", "over the last thirty years", PUB, []),
    Case("duration-the-last-year", "over the last year", PUB, []),
    Case("duration-next-year", "over the next year", PUB, []),
    Case("duration-two-days", "The talks lasted two days.", PUB, []),
    Case("clock-time", "at 10:30 and at 3 p.m.", PUB, []),
    Case("age", "a 45-year-old man", PUB, []),
    Case("money-percent", "$2,020 and 15% and 2020%", PUB, []),
    Case("count-thousands", "2,000 troops and 1,997 tanks", PUB, []),
    Case("count-after-in", "They sent in 2000 troops.", PUB, []),
    Case("year-as-modifier", "the 1997 borders", PUB, []),
    Case("decade", "in the 2020s", PUB, []),
    Case("ordinal", "the 15th amendment", PUB, []),
    Case("modal-may", "Officials may meet.", PUB, []),
    Case("name-may", "Ada May said, and by May nothing.", PUB, []),
    Case("earlier-adjective", "an earlier version, earlier than expected", PUB, []),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_find_dates_table(case: Case) -> None:
    found = find_dates(case.text, case.published)
    assert [(d.text, d.value, d.kind) for d in found] == case.expected
    for d in found:
        assert case.text[d.start : d.end] == d.text


def test_table_is_big_enough() -> None:
    assert len(CASES) >= 60


# --------------------------------------------------------------------------- anchors, alternatives


def test_anchor_fields() -> None:
    text = "On March 3 the summit opened. Two days later it closed. Today it resumed."
    a, b, c = find_dates(text, PUB)
    assert (a.value, a.anchor, a.alternatives) == ("2022-03-03", "published", ("2021-03-03",))
    assert (b.value, b.anchor, b.alternatives) == ("2022-03-05", "previous", ("2022-02-17",))
    assert (c.value, c.anchor) == ("2022-02-15", "published")


def test_explicit_year_has_no_anchor() -> None:
    (d,) = find_dates("on February 15, 2022", PUB)
    assert (d.anchor, d.alternatives) == ("none", ())


def test_weekday_alternative_is_the_future_reading() -> None:
    (d,) = find_dates("They meet on Thursday.", PUB)
    assert d.value == "2022-02-10"
    assert d.alternatives == ("2022-02-17",)


def test_deictic_without_publication_never_guesses() -> None:
    text = "today, yesterday, on Tuesday, last month, this year, two days ago"
    found = find_dates(text)
    assert len(found) == 6
    assert all(d.value is None and d.anchor == "none" for d in found)


def test_offsets_are_str_offsets() -> None:
    text = "«Привет» — he said on February 15. 😀 Two days earlier."
    found = find_dates(text, PUB)
    assert [d.text for d in found] == ["February 15", "Two days earlier"]
    assert all(text[d.start : d.end] == d.text for d in found)


def test_expression_is_frozen() -> None:
    (d,) = find_dates("on February 15")
    assert isinstance(d, DateExpression)
    with pytest.raises(AttributeError):
        d.value = "x"  # type: ignore[misc]


# --------------------------------------------------------------------------- skip spans


def test_skip_span_hides_its_dates() -> None:
    caption = "Photo: February 10, 2022 / Reuters"
    text = f"{caption}\nOn February 14 the talks began. Two days later they ended."
    found = find_dates(text, PUB, skip=[(0, len(caption))])
    assert [(d.text, d.value) for d in found] == [
        ("February 14", "2022-02-14"),
        ("Two days later", "2022-02-16"),
    ]


def test_skipped_date_is_not_an_anchor() -> None:
    caption = "Photo taken March 1, 2021."
    text = f"{caption} A day later, he spoke."
    (d,) = find_dates(text, PUB, skip=[(0, len(caption))])
    assert (d.text, d.value, d.anchor) == ("A day later", "2022-02-16", "published")


def test_skip_span_cuts_an_expression() -> None:
    text = "on February 15, 2022"
    # Skipping ", 2022" leaves "February 15" on its own.
    (d,) = find_dates(text, None, skip=[(14, 20)])
    assert (d.text, d.value) == ("February 15", "XXXX-02-15")


def test_bad_skip_spans_are_tolerated() -> None:
    text = "on February 15 and on March 3"
    found = find_dates(text, None, skip=[(50, 10), (-5, 2), (100, 200), (5, 5)])
    assert [d.text for d in found] == ["February 15", "March 3"]


# --------------------------------------------------------------------------- parse_day


def test_parse_day_ok() -> None:
    assert parse_day("2022-02-15") == dt.date(2022, 2, 15)
    assert parse_day(" 2024-02-29\n") == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    "bad",
    ["", "2022-2-15", "15.02.2022", "2022/02/15", "2022-02-30", "2023-02-29", "yesterday",
     "2022-02-15T10:00:00Z", "0000-01-01", "２０２２-０２-１５"],
)  # fmt: skip
def test_parse_day_rejects(bad: str) -> None:
    with pytest.raises(ValueError, match="expected a real date as YYYY-MM-DD, like 2022-02-15"):
        parse_day(bad)


def test_find_dates_rejects_bad_published() -> None:
    with pytest.raises(ValueError, match="not '15/02/2022'"):
        find_dates("today", "15/02/2022")


def test_extreme_published_dates_do_not_overflow() -> None:
    text = "yesterday, tomorrow, last year, next December, in December, last Tuesday, a week later"
    for pub in ("0001-01-01", "9999-12-31", "1000-01-01"):
        for d in find_dates(text, pub):
            assert d.value is None or VALUE_RE.match(d.value)


# --------------------------------------------------------------------------- properties


def check_invariants(text: str, found: list[DateExpression]) -> None:
    previous_end = 0
    for d in found:
        assert 0 <= d.start < d.end <= len(text)
        assert d.start >= previous_end
        previous_end = d.end
        assert d.text == text[d.start : d.end]
        assert d.value is None or VALUE_RE.match(d.value), d.value
        assert d.kind in ("absolute", "relative", "deictic", "vague")
        assert d.anchor in ("none", "published", "previous")
        assert all(VALUE_RE.match(a) for a in d.alternatives)
        if d.kind == "vague":
            assert d.value is None


DATE_WORDS = [
    "on", "in", "of", "since", "February", "Feb", ".", "May", "15", "15th", "29", "3", ",",
    "2022", "2020", "1997", "last", "this", "next", "year", "month", "week", "Tuesday", "night",
    "two", "a", "days", "day", "later", "earlier", "ago", "before", "the", "following", "today",
    "yesterday", "mid", "-", "early", "late", "summer", "/", "02", "December", "USA", "Today",
    ":", "%", "$", "s", "th", "\n", "\n\n", "ё", "😀", "\u00a0",
]  # fmt: skip

date_like_text = st.lists(
    st.tuples(st.sampled_from(DATE_WORDS), st.sampled_from(["", " ", " ", "  ", "\n"])),
    max_size=60,
).map(lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.text(max_size=200), date_like_text),
    published=st.one_of(st.none(), st.dates().map(dt.date.isoformat)),
    skip=st.lists(st.tuples(st.integers(-10, 250), st.integers(-10, 250)), max_size=3),
)
def test_property_spans_are_sorted_and_well_formed(
    text: str, published: str | None, skip: list[tuple[int, int]]
) -> None:
    found = find_dates(text, published, skip=skip)
    check_invariants(text, found)
    for d in found:
        for a, b in skip:
            assert d.end <= max(0, a) or d.start >= b or a >= b


def test_one_megabyte_of_date_like_text() -> None:
    # The scan is a single left-to-right pass over a token stream with bounded
    # look-behind and look-ahead, so this is linear; no timing assertion.
    rng = random.Random(20220215)
    seps = [" ", " ", " ", "", "\n", ", "]
    parts: list[str] = []
    size = 0
    while size < 1_000_000:
        piece = rng.choice(DATE_WORDS) + rng.choice(seps)
        parts.append(piece)
        size += len(piece)
    text = "".join(parts)
    found = find_dates(text, PUB)
    assert found
    check_invariants(text, found)


def test_pathological_inputs() -> None:
    for text in ["-1" * 50_000, "1." * 50_000, "February " * 20_000, "a" * 200_000, " " * 100_000]:
        check_invariants(text, find_dates(text, PUB))
