"""Words of a quote, and the MinHash/LSH keys that find its candidate versions.

Pure functions over strings: no spaCy, no database. Hashes are stable across processes
and machines (blake2b, not Python's salted ``hash``), so keys stored by one ingest are
found by the next.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)

# Words that carry no content of their own: left out of the content sets compared and
# hashed (they stay in the word sequences drift compares).
_STOP_TEXT = """a an the and or but if then than so as of to in on at by for with from into onto
    about over under after before between through during without within upon up down out
    off is are was were be been being am do does did done have has had having it its it's
    this that these those there here which who whom whose what when where why how i me my
    we us our you your he him his she her they them their one also just very all any some
    such only own same other more most no nor not too can will would shall should may
    might must could said says say saying told tell according added noted stressed"""
STOPWORDS = frozenset(_STOP_TEXT.split())

NEGATIONS = frozenset({"not", "no", "never", "nor", "none", "nothing", "nobody", "neither",
                       "cannot", "without", "n't"})  # fmt: skip
_HEDGE_TEXT = """may might could would will shall should must can possibly perhaps probably likely
    unlikely certainly definitely surely allegedly reportedly apparently maybe"""
HEDGES = frozenset(_HEDGE_TEXT.split())


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, apostrophes straightened; a contracted
    negation ("don't", "won't", "can't") gives its verb and "n't"."""
    out: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group(0).lower().replace("’", "'")
        if word.endswith("n't") and len(word) > 3:
            stem = {"won't": "will", "can't": "can", "shan't": "shall"}.get(word, word[:-3])
            out.extend((stem, "n't"))
        else:
            out.append(word)
    return out


def stem(word: str) -> str:
    """A crude suffix stem, enough to match "rejected"/"rejects"/"rejecting"."""
    for suffix in ("ingly", "edly", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)]
            return base + "y" if suffix in ("ies", "ied") else base
    return word


def content_sequence(text: str) -> list[str]:
    """The stems of the content words of ``text``, in order."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and not w.isdigit()]


def content(text: str) -> frozenset[str]:
    """The stems of the content words of ``text``: what versions of a statement share."""
    return frozenset(content_sequence(text))


# --- MinHash ---------------------------------------------------------------------------

_PRIME = (1 << 61) - 1
_HASHES = 48


def _coefficients(count: int) -> list[tuple[int, int]]:
    out = []
    for i in range(count):
        digest = hashlib.blake2b(f"onrecord-minhash-{i}".encode(), digest_size=16).digest()
        a = int.from_bytes(digest[:8], "big") % (_PRIME - 1) + 1
        b = int.from_bytes(digest[8:], "big") % _PRIME
        out.append((a, b))
    return out


_COEFFICIENTS = _coefficients(_HASHES)


def _token_hash(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "big")


def signature(tokens: Iterable[str]) -> tuple[int, ...]:
    """The MinHash signature of a set of tokens (empty for an empty set)."""
    hashed = [_token_hash(t) for t in set(tokens)]
    if not hashed:
        return ()
    return tuple(min((a * h + b) % _PRIME for h in hashed) for a, b in _COEFFICIENTS)


def key_int(text: str) -> int:
    """A signed 63-bit integer for a key string (fits BIGINT and SQLite INTEGER)."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big") >> 1
