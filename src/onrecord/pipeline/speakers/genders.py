"""A person's gender, for pronouns: from honorifics, gendered titles, first names and the
pronouns that follow their mentions."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from onrecord.lexicon import Lexicon
from onrecord.pipeline.entities import EntityIndex, first_name_gender

MASCULINE = frozenset({"he", "him", "his", "himself"})
FEMININE = frozenset({"she", "her", "hers", "herself"})


def pronoun_gender(word: str) -> str | None:
    """ "m" for "he", "his" ...; "f" for "she", "her" ...; else None (lowercase words)."""
    if word in MASCULINE:
        return "m"
    if word in FEMININE:
        return "f"
    return None


def infer_genders(doc: Doc, index: EntityIndex, lexicon: Lexicon) -> dict[int, str]:
    """Guess the gender of each person whose gender is not yet known: from an honorific or
    gendered title, else a first name that tells it, else an honorific the article puts
    before the surname no one else has ("Mr. Roe"), else the pronouns that follow the
    person's mentions. By entity number; a person it cannot tell is left out."""
    votes = _pronoun_votes(doc, index)
    addressed = _honorific_surnames(doc, lexicon)
    surnames = {
        number: {form.split()[-1] for form in entity.forms}
        for number, entity in enumerate(index.entities)
        if entity.type == "PERSON"
    }
    shared = Counter(name for names in surnames.values() for name in names)  # "Bill and Mrs. Roe"
    genders: dict[int, str] = {}
    for number, entity in enumerate(index.entities):
        if entity.type != "PERSON" or entity.gender:
            continue
        gender: str | None = None
        for title in entity.titles:
            gender = title_gender(title, lexicon) or gender
        if not gender:
            gender = first_name_gender(entity.forms, lexicon)
        if not gender:  # "Charlie Roe ... Mr. Roe said", where the tagger missed "Roe"
            told = {addressed.get(s) for s in surnames[number] if shared[s] == 1} - {None}
            gender = told.pop() if len(told) == 1 else None
        counted = votes.get(number)
        if not gender and counted:
            best = max(counted, key=lambda g: counted[g])
            if counted[best] >= 2 * counted.get("f" if best == "m" else "m", 0):
                gender = best
        if gender:
            genders[number] = gender
    return genders


# words ending in "man" that are no man's title
_NOT_MEN = frozenset({"human", "german", "roman", "ottoman", "shaman", "caiman", "superhuman"})


def title_gender(title: str, lexicon: Lexicon) -> str | None:
    """The gender a title states by its head word: "the state party chairwoman" and "mother
    of three" are a woman's, "spokesman" a man's, "human rights lawyer" neither."""
    words = title.lower().replace("-", " ").split(" of ")[0].split()
    if not words:
        return None
    word = words[-1].strip(".,;:")
    if word in lexicon.gendered_words:
        return lexicon.gendered_words[word]
    if word.endswith("woman") or word.endswith("women"):
        return "f"
    if (word.endswith("man") or word.endswith("men")) and word not in _NOT_MEN:
        return "m"
    return None


def _honorific_surnames(doc: Doc, lexicon: Lexicon) -> dict[str, str]:
    """The gender each capitalised word after an honorific is given ("Mr. Roe": Roe, "m");
    a word given both genders (a couple: "Mr. Roe" and "Mrs. Roe") is left out."""
    told: dict[str, str | None] = {}
    for token in doc[:-1]:
        gender = lexicon.honorifics.get(token.lower_)
        after = doc[token.i + 1]
        if gender and after.text[:1].isupper():
            told[after.text] = gender if told.get(after.text, gender) == gender else None
    return {word: gender for word, gender in told.items() if gender}


def _pronoun_votes(doc: Doc, index: EntityIndex) -> dict[int, dict[str, int]]:
    """The subject pronoun of the sentence after one that names exactly one person votes
    for that person's gender."""
    votes: dict[int, dict[str, int]] = {}
    sents = list(doc.sents)
    for number, sent in enumerate(sents[:-1]):
        found = {index.at(t.i) for t in sent}
        people = {p for p in found if p is not None and index.entities[p].type == "PERSON"}
        if len(people) != 1:
            continue
        person = people.pop()
        for token in sents[number + 1]:
            gender = pronoun_gender(token.lower_)
            if token.dep_ in ("nsubj", "nsubjpass") and gender is not None:
                votes.setdefault(person, {}).setdefault(gender, 0)
                votes[person][gender] += 1
                break
    return votes
