"""The matching step of spaCy's attribute ruler, done by dictionary look-ups.

English pipelines map every token's tag to its part of speech and morphology with an
``AttributeRuler`` of about 180 one- and two-token patterns, which spaCy runs through its
general ``Matcher``: about a tenth of all parsing time. The patterns are all equality,
set-membership and regular-expression tests on a few attributes, so they can be indexed
by the value of one attribute and checked only where that value occurs. ``match`` gives
exactly the list the ruler's own ``match`` gives (tests compare them); a ruler with any
pattern this module does not understand keeps spaCy's matcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, cast

from spacy.attrs import DEP, IS_SPACE, LOWER, NORM, ORTH, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

# the pattern keys (token attributes) this index understands
_COLUMNS = {"LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH, "NORM": NORM, "TAG": TAG, "DEP": DEP}
_FLAGS = {"IS_SPACE": IS_SPACE}
_MAX_VERDICTS = 100_000  # regex outcomes remembered per test
Match = tuple[int, int, int, int]  # (pattern id, match id, start, end), as the ruler sorts them


@dataclass(frozen=True, slots=True)
class _Test:
    column: int  # position of the attribute in the document's array
    kind: str  # "in" (a plain value is a set of one), "not_in" or "regex"
    values: frozenset[int]
    regex: re.Pattern[str] | None = None
    verdicts: dict[int, bool] = field(default_factory=dict)  # a regex's, by string id

    def passes(self, value: int, vocab: Vocab) -> bool:
        if self.kind == "not_in":
            return value not in self.values
        if self.regex is None:
            return value in self.values
        verdict = self.verdicts.get(value)
        if verdict is None:
            if len(self.verdicts) > _MAX_VERDICTS:
                self.verdicts.clear()
            verdict = self.verdicts[value] = self.regex.search(vocab.strings[value]) is not None
        return verdict


@dataclass(frozen=True, slots=True)
class _Pattern:
    attr_id: int
    match_id: int
    tokens: tuple[tuple[_Test, ...], ...]


_Check = tuple[int, _Test]  # (token offset in the pattern, test)
_Entry = tuple[_Pattern, tuple[_Check, ...]]  # a pattern and the tests left to pass


class AttributeIndex:
    """The patterns of one attribute ruler, indexed by the value one of their first
    token's attributes must have."""

    def __init__(
        self, ruler: AttributeRuler, patterns: list[_Pattern], attrs: list[int | str]
    ) -> None:
        self.ruler = ruler
        self.attrs = attrs  # the spaCy attribute of each column of the document array
        tables: dict[int, dict[int, list[_Entry]]] = {}
        self.anywhere: list[_Entry] = []  # no value or IN test on their first token
        for pattern in patterns:
            checks = [(offset, t) for offset, tests in enumerate(pattern.tokens) for t in tests]
            key = next((t for t in pattern.tokens[0] if t.kind == "in"), None)
            if key is None:
                self.anywhere.append((pattern, tuple(checks)))
                continue
            rest = tuple(check for check in checks if check[1] is not key)
            table = tables.setdefault(key.column, {})
            for value in key.values:
                table.setdefault(value, []).append((pattern, rest))
        self.tables = sorted(tables.items())

    @classmethod
    def of(cls, ruler: AttributeRuler) -> AttributeIndex | None:
        """The index of ``ruler``'s patterns, or None if one of them uses anything beyond
        plain, IN, NOT_IN and REGEX tests on the attributes above."""
        columns: dict[str, int] = {}
        patterns: list[_Pattern] = []
        strings = ruler.vocab.strings
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            entry = ruler.matcher.get(key)
            if entry is None:
                return None
            for token_specs in entry[1]:
                tokens = [_tests(spec, columns, ruler.vocab) for spec in token_specs]
                if not tokens or any(t is None for t in tokens):
                    return None
                patterns.append(
                    _Pattern(attr_id, strings[key], tuple(t for t in tokens if t is not None))
                )
        attrs: list[int | str] = [0] * len(columns)
        for name, column in columns.items():
            attrs[column] = (_COLUMNS | _FLAGS)[name]
        return cls(ruler, patterns, attrs)

    def match(self, doc: Doc) -> list[Match]:
        """What ``AttributeRuler.match(doc)`` returns, sorted the same way."""
        if not self.attrs or not len(doc):
            return []
        array = doc.to_array(self.attrs).reshape(len(doc), -1)  # one row of ids per token
        rows = cast(list[list[int]], array.tolist())  # uint64 ids become Python ints
        found: list[Match] = []
        for start, row in enumerate(rows):
            for column, table in self.tables:
                entries = table.get(row[column])
                if entries is not None:
                    self._add_matches(entries, rows, start, doc.vocab, found)
            if self.anywhere:
                self._add_matches(self.anywhere, rows, start, doc.vocab, found)
        return sorted(set(found))

    @staticmethod
    def _add_matches(
        entries: list[_Entry], rows: list[list[int]], start: int, vocab: Vocab, found: list[Match]
    ) -> None:
        for pattern, checks in entries:
            end = start + len(pattern.tokens)
            if end > len(rows):
                continue
            for offset, test in checks:
                if not test.passes(rows[start + offset][test.column], vocab):
                    break
            else:
                found.append((pattern.attr_id, pattern.match_id, start, end))

    def set_annotations(self, doc: Doc, matches: list[Match]) -> None:
        """``AttributeRuler.set_annotations`` without a Span per match."""
        ruler = self.ruler
        for attr_id, _, start, end in matches:
            index = ruler.indices[attr_id]
            position = start + index if index >= 0 else end + index
            if not start <= position < end:  # the ruler's own error for a bad index
                AttributeRuler.set_annotations(ruler, doc, [(attr_id, _, start, end)])  # type: ignore[no-untyped-call]
                continue
            set_token_attrs(doc[position], ruler.attrs[attr_id])


def index_attribute_rulers(nlp: Language) -> None:
    """Give every attribute ruler in ``nlp`` whose patterns can be indexed the indexed
    matching step; the ruler itself (its error handling, its patterns) stays."""
    for _, component in nlp.pipeline:
        if isinstance(component, AttributeRuler):
            index = AttributeIndex.of(component)
            if index is not None:
                # AttributeRuler.__call__ looks both methods up on the instance
                component.match = index.match  # type: ignore[method-assign]
                component.set_annotations = index.set_annotations  # type: ignore[method-assign]


def _tests(spec: dict[str, Any], columns: dict[str, int], vocab: Vocab) -> tuple[_Test, ...] | None:
    tests: list[_Test] = []
    for name, value in spec.items():
        name = name.upper()
        if name not in _COLUMNS and name not in _FLAGS:
            return None
        if name == "TEXT":
            name = "ORTH"
        column = columns.setdefault(name, len(columns))
        test = _test(column, name in _FLAGS, value, vocab)
        if test is None:
            return None
        tests.append(test)
    return tuple(tests)


def _test(column: int, flag: bool, value: Any, vocab: Vocab) -> _Test | None:
    def code(item: Any) -> int | None:
        if flag:
            return int(item) if isinstance(item, bool) else None
        return vocab.strings[item] if isinstance(item, str) else None

    if not isinstance(value, dict):
        single = code(value)
        return None if single is None else _Test(column, "in", frozenset({single}))
    if len(value) != 1:
        return None
    ((operator, operand),) = value.items()
    if operator == "REGEX" and isinstance(operand, str) and not flag:
        return _Test(column, "regex", frozenset(), re.compile(operand))
    if operator in ("IN", "NOT_IN") and isinstance(operand, list):
        codes = [code(item) for item in operand]
        if any(c is None for c in codes):
            return None
        kind = "in" if operator == "IN" else "not_in"
        return _Test(column, kind, frozenset(c for c in codes if c is not None))
    return None
