"""Mojibake: UTF-8 text once decoded as Windows-1252 ("BrÃ©val" for "Bréval").

The parser would cut such a name at the symbol ("BrÃ" + "©" + "val"). It sees the
mended letter instead, spelled as a base letter and a combining accent ("Ã©" -> "e" and
U+0301), so the text keeps its length and every offset; the record keeps the article's
own characters.
"""

from __future__ import annotations

import re
import unicodedata

# "Ã" and what may be the second byte of a two-byte UTF-8 letter read as Windows-1252;
# a pair that does not decode is left alone
_PAIR = re.compile("Ã.")


def mend_for_parser(text: str) -> str:
    """The text with each mojibake letter that decomposes into two characters so spelled;
    the same length as the text."""
    return _PAIR.sub(_mended, text) if "Ã" in text else text


def _mended(match: re.Match[str]) -> str:
    pair = match.group()
    try:
        letter = pair.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return pair
    spelled = unicodedata.normalize("NFD", letter)
    return spelled if len(spelled) == len(pair) and spelled[0].isalpha() else pair
