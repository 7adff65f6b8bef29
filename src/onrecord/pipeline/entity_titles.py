"""The titles, affiliation and country of people, read off the words around their names:
"Polish Foreign Minister Jan X", "X, senior researcher at Y"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.lexicon import Lexicon
from onrecord.pipeline.entities import EntityDraft, Mention
from onrecord.pipeline.nlp import hyphenated_lower, joins_a_word, sentence_of

_TITLE_WALK = {"PROPN", "NOUN", "ADJ"}
_MAX_TITLE_TOKENS = 14


def strip_article(text: str) -> str:
    """The text without a leading "the", "a" or "an"."""
    for article in ("the ", "The ", "a ", "an ", "A ", "An "):
        if text.startswith(article):
            return text[len(article) :]
    return text


def describe_person(
    doc: Doc,
    entity: EntityDraft,
    lexicon: Lexicon,
    token_entity: dict[int, int],
    entities: list[EntityDraft],
) -> None:
    """Set the person's titles, and the affiliation and country they tell, from the title
    before each mention and the appositive after it."""
    for mention in entity.mentions:
        for title_range in (
            _pre_name_title(doc, mention, lexicon),
            _appositive_title(doc, mention, lexicon),
        ):
            if title_range is None:
                continue
            first, last = title_range
            title = strip_article(doc[first : last + 1].text.strip(" ,"))
            if not any(
                lexicon.is_title_word(t.text) or lexicon.is_title_word(hyphenated_lower(t))
                for t in doc[first : last + 1]
            ):
                if last - first < 3 and not entity.country:  # "his Polish counterpart X"
                    entity.country = _affiliation(
                        doc, first, last, lexicon, token_entity, entities
                    )[1]
                continue
            entity.add_title(title)
            affiliation, country = _affiliation(doc, first, last, lexicon, token_entity, entities)
            if affiliation and not entity.affiliation:
                entity.affiliation = affiliation
            if country and not entity.country:
                entity.country = country


def _pre_name_title(doc: Doc, mention: Mention, lexicon: Lexicon) -> tuple[int, int] | None:
    """'Polish Foreign Minister | Jan X', 'the press secretary of the President | Ivan X'."""
    i = mention.first - 1
    first = mention.first
    sent_start = sentence_of(doc, mention.first).start
    steps = 0
    while i >= sent_start and steps < _MAX_TITLE_TOKENS:
        token = doc[i]
        if token.ent_type_ == "PERSON" and not lexicon.is_title_word(token.text):
            break  # another person's name (but "Archbishop" in the tagger's "Archbishop X")
        if (
            token.pos_ in _TITLE_WALK
            or joins_a_word(token)  # "front-runner", "co-founder"
            or (token.lower_ in ("of", "the") and i < mention.first - 1)
        ):
            first = i
            i -= 1
            steps += 1
            continue
        break
    # A title starts with a title word, a nationality or an adjective ("Russian Foreign
    # Minister", "senior researcher"), not with whatever noun came before it ("support for").
    while first < mention.first and not _opens_title(doc[first], lexicon):
        first += 1
    if first >= mention.first:
        return None
    return first, mention.first - 1


def _opens_title(token: Token, lexicon: Lexicon) -> bool:
    if token.lower_ in ("of", "the", "for", "and"):
        return False
    return (
        lexicon.is_title_word(token.text)
        or token.text in lexicon.country_adjectives
        or token.pos_ == "ADJ"
        or (token.pos_ == "PROPN" and token.ent_type_ in ("NORP", "ORG", "GPE", ""))
    )


def _appositive_title(doc: Doc, mention: Mention, lexicon: Lexicon) -> tuple[int, int] | None:
    """'X, senior researcher at Y,' or 'the official representative of Y, X': an appositive
    whose head is a title, short enough to be one, naming nobody else."""
    root = doc[mention.last]
    found: tuple[int, int] | None = None
    head: Token | None = None
    for child in root.children:
        if child.dep_ == "appos" and child.i > mention.last:
            found, head = (child.left_edge.i, child.right_edge.i), child
            break
    if found is None and root.dep_ == "appos" and root.head.i < mention.first:
        head = _title_owning(root.head, lexicon)
        end = mention.first - 1
        for i in range(mention.first - 1, head.i, -1):
            if doc[i].text == ",":
                end = i - 1
                break
        found = (head.left_edge.i, end)
    if found is None or head is None or found[1] - found[0] > _MAX_TITLE_TOKENS:
        return None
    if not (lexicon.is_title_word(head.text) or head.lower_ in lexicon.descriptors):
        return None
    if any(t.ent_type_ == "PERSON" for t in doc[found[0] : found[1] + 1]):
        return None
    return found


def _title_owning(token: Token, lexicon: Lexicon) -> Token:
    """The title a name is apposed to where the parser hung the name on the title's "of"
    object ("the mayor of Springfield, Joan Whitaker": mayor), else the token itself."""
    prep = token.head
    owned = token.dep_ == "pobj" and prep.lower_ == "of" and prep.head.i < prep.i
    if owned and lexicon.is_title_word(prep.head.text) and not lexicon.is_title_word(token.text):
        return prep.head
    return token


def _affiliation(
    doc: Doc,
    first: int,
    last: int,
    lexicon: Lexicon,
    token_entity: dict[int, int],
    entities: list[EntityDraft],
) -> tuple[str | None, str | None]:
    country: str | None = None
    for token in doc[first : last + 1]:
        found = lexicon.country_adjectives.get(token.text) or lexicon.country_names.get(token.text)
        if found is not None:
            country = found.iso2
            break
    for token in doc[first : last + 1]:
        if token.lower_ not in ("at", "of", "from", "with") or token.i >= last:
            continue
        start = token.i + 1
        words = doc[start : last + 1]
        if not words:
            continue
        text = strip_article(words.text.strip(" ,"))
        head_word = strip_article(text).split()[0] if text else ""
        place = lexicon.country(text)
        if place is not None:
            return None, country or place.iso2
        if lexicon.is_title_word(head_word):
            continue  # 'secretary of the President': a person, not a body
        is_org = any(
            entities[token_entity[t.i]].type == "ORG" for t in words if t.i in token_entity
        ) or any(t.lower_ in lexicon.institution_words for t in words)
        if is_org:
            org_entity = next(
                (entities[token_entity[t.i]] for t in words if t.i in token_entity), None
            )
            if org_entity is not None and org_entity.country and not country:
                country = org_entity.country
            return text, country
    return None, country
