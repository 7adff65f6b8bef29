"""Quotation marks: the characters every layer recognises as opening or closing a quote.

Single marks are also apostrophes (don't, the students’ union, ’90s): code that meets
one decides from its context (``text.marks``), or counts the double marks only.
"""

from __future__ import annotations

STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
TWO_APOSTROPHES = "''"  # a double mark, opening or closing
TWO_BACKTICKS = "``"  # an opening double mark
#: Double marks typed as two characters (some wires, archives).
TYPEWRITER_DOUBLES = (TWO_APOSTROPHES, TWO_BACKTICKS)

#: Every mark of one character: straight and curly, double and single.
ONE_CHARACTER_MARKS = (
    STRAIGHT_DOUBLE + STRAIGHT_SINGLE + DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE
)
#: The double marks of one character, which are never apostrophes.
DOUBLE_MARKS = frozenset(STRAIGHT_DOUBLE + DOUBLE_OPEN + DOUBLE_CLOSE)

#: Marks a parser token that opens or closes a quote is made of: the straight marks, the
#: English curly ones and the guillemets (not the rare ‚ ‹ ›).
OPENING_TOKENS = frozenset(STRAIGHT_DOUBLE + STRAIGHT_SINGLE + "“‘«„")
CLOSING_MARKS = STRAIGHT_DOUBLE + STRAIGHT_SINGLE + "”’»"
CLOSING_TOKENS = frozenset(CLOSING_MARKS)

#: Each opening mark with the marks that close it, to match a whole quoted passage
#: (German „…“ and sloppy “…“ close with the high mark).
QUOTE_PAIRS = (
    (STRAIGHT_DOUBLE, STRAIGHT_DOUBLE),
    ("“", "”“"),
    ("«", "»"),
    ("„", "“”"),
    ("‘", "’"),
)
