"""The words of a search hit that matched the query, marked.

The hit's text comes from an article, so it is escaped first and only then are the
``<mark>`` tags put around the matching words: nothing from an article is ever rendered
unescaped. Search stems words (SQLite's porter tokenizer, PostgreSQL's English
configuration), so "securing" finds "security"; a light suffix-stripper here marks the same
family of words. It only decides what is highlighted, never what is found.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

# the query language of search (onrecord.corpus.store.fts): words, "a phrase", a OR b, -word
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")
_SUFFIXES = ("ations", "ation", "ities", "ity", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly")


def stem(word: str) -> str:
    """A crude stem: case and accents folded, one common suffix and a final "e" removed."""
    folded = unicodedata.normalize("NFKD", word.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    for suffix in _SUFFIXES:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= 3:
            folded = folded[: -len(suffix)]
            break
    if folded.endswith("e") and len(folded) > 3:
        folded = folded[:-1]
    return folded


def query_stems(query: str | None) -> frozenset[str]:
    """The stems of the words a query looks for (not those it excludes with -word)."""
    stems: set[str] = set()
    for match in _TOKEN.finditer(query or ""):
        if match.group(3) is not None:
            token = match.group(3)
            if token.upper() == "OR" or (token.startswith("-") and len(token) > 1):
                continue
            words = _WORD.findall(token)
        elif match.group(1) == "-":
            continue
        else:
            words = _WORD.findall(match.group(2))
        stems.update(stem(word) for word in words)
    return frozenset(stems)


def highlight(text: str, stems: frozenset[str]) -> Markup:
    """``text`` escaped, with each word whose stem is one of ``stems`` in ``<mark class="hl">``."""
    out: list[str] = []
    last = 0
    for match in _WORD.finditer(text):
        if stem(match.group()) in stems:
            out.append(escape(text[last : match.start()]))
            out.append(Markup('<mark class="hl">%s</mark>') % match.group())
            last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)
