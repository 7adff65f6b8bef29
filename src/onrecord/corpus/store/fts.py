"""Full-text search expressions built safely from untrusted user text.

The user's text never becomes SQL: it is bound as a parameter. For SQLite it is
first rewritten into an FTS5 expression made only of double-quoted phrases of word
characters joined by the operators AND, OR and NOT, so no input can be an FTS5
syntax error. PostgreSQL parses the text itself with ``websearch_to_tsquery``,
which accepts any input. Both read the same little language: words (all must
occur), ``"a phrase"``, ``a OR b``, ``-word`` (must not occur).
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


def fts5_query(text: str) -> str | None:
    """An FTS5 MATCH expression for ``text``, or None when it has no words to look for."""
    clauses: list[list[str]] = []  # AND of ORs
    negated: list[str] = []
    pending_or = False
    for match in _TOKEN.finditer(text):
        if match.group(3) is not None:
            token = match.group(3)
            if token.upper() == "OR":
                pending_or = bool(clauses)
                continue
            negative = token.startswith("-") and len(token) > 1
            words = _WORD.findall(token[1:] if negative else token)
        else:
            negative = match.group(1) == "-"
            words = _WORD.findall(match.group(2))
        if not words:
            continue
        phrase = '"' + " ".join(words) + '"'
        if negative:
            negated.append(phrase)
        elif pending_or:
            clauses[-1].append(phrase)
        else:
            clauses.append([phrase])
        pending_or = False
    if not clauses:
        return None
    parts = [f"({' OR '.join(c)})" if len(c) > 1 else c[0] for c in clauses]
    expression = " AND ".join(parts)
    if negated:
        expression = f"({expression})" + "".join(f" NOT {phrase}" for phrase in negated)
    return expression
