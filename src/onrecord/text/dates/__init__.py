"""Find date expressions in English news text and normalise them to ISO 8601.

Pure Python, standard library only. :func:`find_dates` scans the text once,
left to right, over a stream of word/number/punctuation tokens with a small
bounded look-behind and look-ahead, so it runs in time linear in the length of
the text and keeps only a small window of tokens in memory. No regular
expression here can backtrack catastrophically: the only pattern applied to the
text is a tokeniser made of single character classes. The words dates are made
of (month names, number words, units, cues) are lexicon data, ``data/date_*.tsv``.

Values are ISO 8601 strings at day, month or year precision, with ``XXXX`` for
an unknown year: ``"2022-02-15"``, ``"XXXX-02-15"``, ``"2021-12"``,
``"XXXX-12"``, ``"2019"``. Expressions that name no single day, month or year
("last week", "recently") are reported with ``value=None`` and kind ``"vague"``.

Kinds:

* ``absolute`` -- the text itself names the date ("February 15, 2022",
  "in 2019"). When the year is missing ("February 15") it is taken from the
  publication date (``anchor="published"``), or left as ``XXXX``.
* ``deictic`` -- relative to the moment of publication ("today",
  "on Tuesday", "last month", "December last year", "two days ago").
* ``relative`` -- anaphoric, relative to the most recent preceding day-precise
  date in the text ("two days later", "the next day"); ``anchor="previous"``,
  or ``"published"`` when there is no such date.
* ``vague`` -- a time reference with no single value ("last week",
  "recently", "earlier", "the following week").

The modules follow the steps: ``tokens`` (the token stream), ``reader`` (what is
around a token), ``absolute``, ``weekdays``, ``offsets`` and ``keywords`` (the
expressions, each kind from the words it starts with), ``arithmetic`` (calendar
values), ``finder`` (the scan and the resolution of anaphoric expressions).
"""

from onrecord.text.dates.expression import DateExpression
from onrecord.text.dates.finder import find_dates

__all__ = ["DateExpression", "find_dates"]
