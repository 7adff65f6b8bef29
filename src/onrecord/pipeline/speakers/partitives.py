"""Partitive source mentions: "some of Marrow's allies" speaks as the allies, not as a
quantity ("some") that would leave Marrow the only name in the mention."""

from __future__ import annotations

from spacy.tokens import Doc

_QUANTIFIERS = frozenset(
    {"some", "many", "most", "several", "few", "all", "none", "one", "two", "three", "both",
     "each", "either", "neither", "any", "half", "dozens", "hundreds", "thousands"}
)  # fmt: skip


def partitive_head(doc: Doc, head: int, last: int) -> int:
    """The noun a quantifier heading the mention picks from ("some of Marrow's allies":
    allies), inside the mention, unless a name stands beside the quantifier; else the head
    itself."""
    token = doc[head]
    if token.lower_ not in _QUANTIFIERS or any(c.dep_ == "appos" for c in token.children):
        return head  # "one of the men, Jon Roe, 70": the man named
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for target in child.children:
                if target.dep_ == "pobj" and target.i <= last and target.pos_ == "NOUN":
                    return target.i
    return head
