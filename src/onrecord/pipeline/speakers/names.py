"""Names the tagger missed: a proper name heading a source mention that no entity holds.

"the Miami Herald", "The Federalist" (a name after "the") and "CNS" (an acronym) are bodies;
"Whitcombe" is the person the article names in full elsewhere ("Dale Whitcombe"), or the name
itself when it never does.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from onrecord.lexicon import Country, Lexicon
from onrecord.pipeline.entities import EntityDraft, EntityIndex, country_key
from onrecord.pipeline.nlp import POSSESSIVE_MARKERS

_MAX_RUN = 5
# capitalised at a sentence start, never a first name
_NOT_NAMES = frozenset(
    {"the", "a", "an", "another", "one", "some", "many", "every", "each", "no", "this", "that",
     "these", "those", "his", "her", "their", "its", "our", "my", "when", "but", "and", "as"}
)  # fmt: skip


def proper_run(doc: Doc, head: Token, first: int, last: int) -> tuple[int, int] | None:
    """The run of proper-noun tokens around the head, inside ``first..last``."""
    if not head.text[:1].isupper():
        return None
    start = end = head.i
    while start - 1 >= first and doc[start - 1].pos_ == "PROPN" and head.i - start < _MAX_RUN:
        start -= 1
    while end + 1 <= last and doc[end + 1].pos_ == "PROPN" and end - head.i < _MAX_RUN:
        end += 1
    while end > start and doc[end].text in POSSESSIVE_MARKERS:
        end -= 1
    return start, end


def is_body_name(doc: Doc, start: int, end: int) -> bool:
    """A name after "the" ("the Miami Herald") or an acronym ("CNS") names a body."""
    text = doc[start : end + 1].text
    after_the = start > 0 and doc[start - 1].lower_ == "the"
    acronym = start == end and len(text) >= 2 and text.isupper() and text.isalpha()
    return after_the or acronym


# one or two capitalised words or initials ("Sean", "J."), then the surname; no full stop
# in between ("Wall Street. Voters" is no name)
_CAPITALISED_RUN = re.compile(r"((?:[A-Z](?:[\w'’-]*|\.)[ ]){1,2})([A-Z][\w'’-]+)\b")


def full_names(text: str, lexicon: Lexicon) -> dict[str, str]:
    """For each capitalised word, the first fuller form the text gives it: capitalised words
    right before it that are not titles or parties ("Dale Whitcombe", not "Host Whitcombe"
    or "Democrat Dale Whitcombe"). One pass."""
    found: dict[str, str] = {}
    for match in _CAPITALISED_RUN.finditer(text):
        surname = match.group(2)
        if surname in found:
            continue
        words = match.group(1).split()
        while words and (
            lexicon.is_title_word(words[0])
            or words[0].lower() in _NOT_NAMES
            or lexicon.party_named(words[0]) is not None  # "Democrat Hillary Roe"
        ):
            words = words[1:]
        if words:
            found[surname] = " ".join([*words, surname])
    return found


def add_name(
    index: EntityIndex, entity_type: str, name: str, doc: Doc, start: int, end: int
) -> int:
    """The entity of that name (made if new), with this mention of it."""
    number = entity_named(index, entity_type, name)
    entity = index.entities[number]
    span = doc[start : end + 1]
    entity.forms[name] += 1
    if span.text != name:
        entity.forms[span.text] += 1
    index.attach(number, doc, start, end)
    return number


def entity_named(index: EntityIndex, entity_type: str, name: str, *, fixed: bool = False) -> int:
    """The entity the article names so, made if new (``fixed``: with that name as its own,
    whatever other forms it is found in)."""
    key = f"name:{name.casefold()}"
    number = index.numbers_by_key().get(key)
    if number is None:
        fixed_name = name if fixed else None
        number = index.add(EntityDraft(entity_type, key, fixed_name=fixed_name, label=entity_type))
    return number


def country_entity(index: EntityIndex, country: Country) -> int:
    """The country's entity, made if the article has none."""
    key = country_key(country.iso2)
    number = index.numbers_by_key().get(key)
    if number is None:
        number = index.add(
            EntityDraft("GPE", key, fixed_name=country.name, country=country.iso2, label="GPE")
        )
    return number
