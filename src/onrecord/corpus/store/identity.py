"""Corpus speaker identity: which corpus speaker an article's speaker entity is.

Rules, tried in order for each article entity that is the speaker of a quote:

1. **user correction** — an override left by :func:`merge` or :func:`split` for one of
   the entity's spellings (exact spelling first, then its spelling key) wins.
2. PERSON with a full name: a speaker with an alias of the same (first word, last word)
   spelling keys — **same name up to transliteration** ("Yevgeny Sidorov" / "Evgeny
   Sidorov"); else the one speaker known only by that surname, when nobody with that
   surname has a full name yet — **full name of a known surname**.
3. PERSON known by surname only: the one speaker with a full name of that surname —
   **surname of a known person**; with none or several, the speaker known by that bare
   surname — **same name**.
4. ORG / GPE / NORP: a speaker of the same normalised canonical name — **same name**
   (same type preferred); else one with that alias — **name of a known alias**.
5. Otherwise a **new speaker**.

Aliases, titles, affiliation and country accumulate on the speaker. Every link records
its rule and a human-readable detail, which :func:`onrecord.corpus.store.Store.explain_speaker`
shows.

Spelling keys follow the transliteration rules of the lexicon the store was opened with,
which its connections carry (:func:`key_names_with`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Row,
    and_,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.pool import ConnectionPoolEntry

from onrecord.corpus.store.errors import StoreError
from onrecord.corpus.store.schema import (
    article_entities,
    speaker_aliases,
    speaker_overrides,
    speakers,
)
from onrecord.corpus.store.timeutil import now_iso
from onrecord.lexicon import Lexicon

RULE_OVERRIDE = "user correction"
RULE_TRANSLITERATION = "same name up to transliteration"
RULE_FULL_NAME = "full name of a known surname"
RULE_SURNAME = "surname of a known person"
RULE_SAME_NAME = "same name"
RULE_ALIAS = "name of a known alias"
RULE_NEW = "new speaker"
RULE_MERGED = "user merge"
RULE_SPLIT = "user split"

MAX_ID = 2**63 - 1  # the largest id either database can hold
_PUNCT = re.compile(r"[^\w\s'-]+")
_NON_WORD = re.compile(r"[\W_]+")


# --- names and keys --------------------------------------------------------------------

_LEXICON = "onrecord.lexicon"


def key_names_with(engine: Engine, lexicon: Lexicon) -> None:
    """Every connection ``engine`` opens carries ``lexicon`` (:func:`lexicon_of`)."""

    def remember(_dbapi_connection: object, record: ConnectionPoolEntry) -> None:
        record.info[_LEXICON] = lexicon

    event.listen(engine, "connect", remember)


def lexicon_of(conn: Connection) -> Lexicon:
    """The lexicon of the store ``conn`` belongs to (see :func:`key_names_with`)."""
    lexicon = conn.info.get(_LEXICON)
    if not isinstance(lexicon, Lexicon):
        raise StoreError("a connection of a store opened without its lexicon (see open_store)")
    return lexicon


def clean_text(text: str) -> str:
    """User text without NUL characters, which no database column can hold."""
    return text.replace("\x00", "")


def norm(name: str) -> str:
    """Case-folded spelling with white space collapsed: the 'exact' form of a name."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _words(name: str) -> list[str]:
    return [w.strip("'-") for w in _PUNCT.sub(" ", name).split() if w.strip("'-")]


def person_key(name: str, lexicon: Lexicon) -> str:
    """Spelling keys of the first and last words ("evgeni sidorov"), or of a lone word."""
    words = _words(name)
    if not words:
        return norm(name)
    if len(words) == 1:
        return lexicon.name_key(words[0])
    return f"{lexicon.name_key(words[0])} {lexicon.name_key(words[-1])}"


def surname_key(name: str, lexicon: Lexicon) -> str:
    words = _words(name)
    return lexicon.name_key(words[-1]) if words else norm(name)


_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "der", "di", "du", "el", "la", "le", "van", "von"}
)
_DESCRIPTION_START = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "this"})


def looks_like_name(form: str) -> bool:
    """Capitalised words (name particles aside), not opening like a description."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", form)
    if not words or words[0].lower() in _DESCRIPTION_START:
        return False
    return all(w[0].isupper() or w.lower() in _PARTICLES for w in words)


def is_full_name(name: str) -> bool:
    return len(_words(name)) > 1


def body_key(name: str) -> str:
    """A body's name without case, accents, punctuation or a leading 'the'."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _NON_WORD.sub(" ", plain).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def name_key(name: str, type_: str, lexicon: Lexicon) -> str:
    return person_key(name, lexicon) if type_ == "PERSON" else body_key(name)


@dataclass(frozen=True)
class AliasKeys:
    alias: str
    norm: str
    key: str
    last: str
    full: bool


def alias_keys(alias: str, type_: str, lexicon: Lexicon) -> AliasKeys:
    if type_ == "PERSON":
        return AliasKeys(
            alias,
            norm(alias),
            person_key(alias, lexicon),
            surname_key(alias, lexicon),
            is_full_name(alias),
        )
    key = body_key(alias)
    return AliasKeys(alias, norm(alias), key, key, True)


# --- entities and links ----------------------------------------------------------------


@dataclass(frozen=True)
class EntityFacts:
    """What identity needs to know about one article entity."""

    type: str
    name: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    affiliation: str | None = None
    country: str | None = None

    def names(self) -> list[str]:
        """The forms that are names ("Lena Ferro", "Ferro"), not descriptions ("the senator",
        "The Florida senator"): only names decide identity across articles."""
        return [form for form in self.forms() if looks_like_name(form)]

    def forms(self) -> list[str]:
        """The canonical name first, then the other spellings, without repeats."""
        seen: set[str] = set()
        out: list[str] = []
        for form in (self.name, *self.aliases):
            key = norm(form)
            if key and key not in seen:
                seen.add(key)
                out.append(form.strip())
        return out


@dataclass(frozen=True)
class Link:
    speaker_id: int
    rule: str
    detail: str | None


def final_speaker(conn: Connection, speaker_id: int) -> int:
    """Follow ``merged_into`` to the speaker that absorbed this one."""
    seen: set[int] = set()
    current = speaker_id
    while current not in seen:
        seen.add(current)
        target = conn.execute(
            select(speakers.c.merged_into).where(speakers.c.id == current)
        ).scalar()
        if target is None:
            return current
        current = int(target)
    return current


def _override(conn: Connection, entity: EntityFacts) -> Link | None:
    forms = entity.forms()
    lexicon = lexicon_of(conn)
    keys = [alias_keys(f, entity.type, lexicon) for f in forms]
    by_norm = {
        row.alias_norm: row
        for row in conn.execute(
            select(speaker_overrides).where(
                speaker_overrides.c.alias_norm.in_([k.norm for k in keys])
            )
        )
    }
    for k in keys:
        row = by_norm.get(k.norm)
        if row is not None:
            target = final_speaker(conn, int(row.speaker_id))
            return Link(target, RULE_OVERRIDE, f'user {row.action} of "{row.alias}"')
    rows = conn.execute(
        select(
            speaker_overrides.c.alias, speaker_overrides.c.action, speaker_overrides.c.speaker_id
        )
        .join(speakers, speakers.c.id == speaker_overrides.c.speaker_id)
        .where(speaker_overrides.c.alias_key.in_([k.key for k in keys if k.full]))
        .where(_kind(entity.type))
        .order_by(speaker_overrides.c.id)
    ).all()
    targets = {final_speaker(conn, int(r.speaker_id)) for r in rows}
    if len(targets) == 1:
        row = rows[0]
        return Link(
            targets.pop(),
            RULE_OVERRIDE,
            f'user {row.action} of "{row.alias}", the same name up to transliteration',
        )
    return None


def _kind(type_: str) -> ColumnElement[bool]:
    return speakers.c.type == "PERSON" if type_ == "PERSON" else speakers.c.type != "PERSON"


def _alias_matches(
    conn: Connection, type_: str, *conditions: ColumnElement[bool]
) -> list[tuple[int, str]]:
    """(speaker id, alias) of active speakers whose aliases meet the conditions."""
    rows = conn.execute(
        select(speaker_aliases.c.speaker_id, speaker_aliases.c.alias)
        .join(speakers, speakers.c.id == speaker_aliases.c.speaker_id)
        .where(speakers.c.merged_into.is_(None), _kind(type_), *conditions)
        .order_by(speaker_aliases.c.speaker_id, speaker_aliases.c.id)
    ).all()
    return [(int(r.speaker_id), str(r.alias)) for r in rows]


def _bare_only() -> ColumnElement[bool]:
    """The alias belongs to a speaker known by no full name (only a bare surname)."""
    full = speaker_aliases.alias("full_aliases")
    return ~speaker_aliases.c.speaker_id.in_(select(full.c.speaker_id).where(full.c.full))


def _distinct(matches: Iterable[tuple[int, str]]) -> dict[int, str]:
    out: dict[int, str] = {}
    for speaker_id, alias in matches:
        out.setdefault(speaker_id, alias)
    return out


def _person_rule(conn: Connection, entity: EntityFacts) -> Link | None:
    name = entity.name
    lexicon = lexicon_of(conn)
    if is_full_name(name):
        for form in [f for f in entity.names() if is_full_name(f)]:
            k = alias_keys(form, "PERSON", lexicon)
            found = _distinct(
                _alias_matches(
                    conn, "PERSON", speaker_aliases.c.alias_key == k.key, speaker_aliases.c.full
                )
            )
            if found:
                exact = [s for s, a in found.items() if norm(a) == k.norm]
                chosen = exact[0] if exact else min(found)
                detail = f'"{form}" ~ "{found[chosen]}"'
                if len(found) > 1:
                    detail += f" ({len(found)} speakers share this name; took #{chosen})"
                return Link(chosen, RULE_TRANSLITERATION, detail)
        last = surname_key(name, lexicon)
        with_full = _distinct(
            _alias_matches(
                conn, "PERSON", speaker_aliases.c.last_key == last, speaker_aliases.c.full
            )
        )
        bare = _distinct(
            _alias_matches(conn, "PERSON", speaker_aliases.c.alias_key == last, _bare_only())
        )
        if len(bare) == 1 and not with_full:
            speaker_id, alias = next(iter(bare.items()))
            return Link(speaker_id, RULE_FULL_NAME, f'"{name}" is the full name of "{alias}"')
        return None
    key = person_key(name, lexicon)
    with_full = _distinct(
        _alias_matches(conn, "PERSON", speaker_aliases.c.last_key == key, speaker_aliases.c.full)
    )
    if len(with_full) == 1:
        speaker_id, alias = next(iter(with_full.items()))
        return Link(speaker_id, RULE_SURNAME, f'"{name}" is the surname of "{alias}"')
    bare = _distinct(
        _alias_matches(conn, "PERSON", speaker_aliases.c.alias_key == key, _bare_only())
    )
    if bare:
        speaker_id = min(bare)
        detail = f'"{name}" ~ "{bare[speaker_id]}"'
        if with_full:
            detail += f" (the surname of {len(with_full)} known people: ambiguous)"
        return Link(speaker_id, RULE_SAME_NAME, detail)
    return None


def _body_rule(conn: Connection, entity: EntityFacts) -> Link | None:
    key = body_key(entity.name)
    rows = conn.execute(
        select(speakers.c.id, speakers.c.name, speakers.c.type)
        .where(
            speakers.c.merged_into.is_(None),
            speakers.c.type != "PERSON",
            speakers.c.name_key == key,
        )
        .order_by(speakers.c.id)
    ).all()
    if rows:
        same_type = [r for r in rows if r.type == entity.type]
        row = (same_type or rows)[0]
        return Link(int(row.id), RULE_SAME_NAME, f'"{entity.name}" = "{row.name}"')
    found = _distinct(_alias_matches(conn, entity.type, speaker_aliases.c.alias_key == key))
    if found:
        speaker_id = min(found)
        return Link(speaker_id, RULE_ALIAS, f'"{entity.name}" = alias "{found[speaker_id]}"')
    return None


def has_overrides(conn: Connection) -> bool:
    """Whether a user has merged or split any speaker (most stores: never)."""
    return conn.execute(select(speaker_overrides.c.id).limit(1)).first() is not None


def choose_speaker(conn: Connection, entity: EntityFacts, *, overrides: bool = True) -> Link | None:
    """The existing speaker an entity belongs to, or None for a new one. ``overrides``
    False skips looking up the user's merges and splits, when ``has_overrides`` says
    there are none."""
    link = _override(conn, entity) if overrides else None
    if link is not None:
        return link
    if entity.type == "PERSON":
        return _person_rule(conn, entity)
    return _body_rule(conn, entity)


def link_entity(conn: Connection, entity: EntityFacts, *, overrides: bool = True) -> Link:
    """Link an entity to its corpus speaker (creating one if needed) and accumulate
    its aliases, titles, affiliation and country on that speaker."""
    link = choose_speaker(conn, entity, overrides=overrides)
    if link is None:
        speaker_id = create_speaker(conn, entity.name, entity.type)
        link = Link(speaker_id, RULE_NEW, None)
    _accumulate(conn, link.speaker_id, [entity])
    return link


def create_speaker(conn: Connection, name: str, type_: str) -> int:
    result = conn.execute(
        insert(speakers)
        .values(
            name=name,
            type=type_,
            name_key=name_key(name, type_, lexicon_of(conn)),
            titles_json="[]",
            created_at=now_iso(),
        )
        .returning(speakers.c.id)
    )
    return int(result.scalar_one())


def _accumulate(conn: Connection, speaker_id: int, entities: Sequence[EntityFacts]) -> None:
    row = conn.execute(select(speakers).where(speakers.c.id == speaker_id)).one()
    known = set(
        conn.execute(
            select(speaker_aliases.c.alias_norm).where(speaker_aliases.c.speaker_id == speaker_id)
        ).scalars()
    )
    titles: list[str] = json.loads(row.titles_json)
    title_norms = {norm(t) for t in titles}
    known_titles = len(title_norms)
    name, country, affiliation = row.name, row.country, row.affiliation
    lexicon = lexicon_of(conn)
    new_aliases = []
    for entity in entities:
        for form in entity.forms():
            k = alias_keys(form, row.type, lexicon)
            if k.norm not in known:
                known.add(k.norm)
                new_aliases.append(
                    {
                        "speaker_id": speaker_id,
                        "alias": form,
                        "alias_norm": k.norm,
                        "alias_key": k.key,
                        "last_key": k.last,
                        "full": k.full,
                    }
                )
        for title in entity.titles:
            if title.strip() and norm(title) not in title_norms:
                title_norms.add(norm(title))
                titles.append(title.strip())
        country = country or entity.country
        affiliation = affiliation or entity.affiliation
        if row.type == "PERSON" and not is_full_name(name) and is_full_name(entity.name):
            name = entity.name
    if new_aliases:
        conn.execute(insert(speaker_aliases), new_aliases)
    before = (row.name, row.name_key, row.country, row.affiliation, known_titles)
    if (name, name_key(name, row.type, lexicon), country, affiliation, len(title_norms)) == before:
        return  # nothing new: no write
    conn.execute(
        update(speakers)
        .where(speakers.c.id == speaker_id)
        .values(
            name=name,
            name_key=name_key(name, row.type, lexicon),
            titles_json=json.dumps(titles),
            country=country,
            affiliation=affiliation,
        )
    )


def entity_facts(row: Row[Any]) -> EntityFacts:
    """EntityFacts from an ``article_entities`` row."""
    return EntityFacts(
        type=str(row.type),
        name=str(row.name),
        aliases=tuple(json.loads(row.aliases_json)),
        titles=tuple(json.loads(row.titles_json)),
        affiliation=row.affiliation,
        country=row.country,
    )


def rebuild_speaker(conn: Connection, speaker_id: int, *, keep_name: bool = True) -> None:
    """Recompute a speaker's aliases, titles, country and affiliation from the article
    entities linked to it (after a merge or a split)."""
    rows = conn.execute(
        select(article_entities)
        .where(article_entities.c.speaker_id == speaker_id)
        .order_by(article_entities.c.id)
    ).all()
    entities = [entity_facts(r) for r in rows]
    current = conn.execute(select(speakers).where(speakers.c.id == speaker_id)).one()
    conn.execute(delete(speaker_aliases).where(speaker_aliases.c.speaker_id == speaker_id))
    norms = {norm(f) for e in entities for f in e.forms()}
    name = current.name
    if not keep_name or norm(name) not in norms:
        full = [e.name for e in entities if is_full_name(e.name)]
        name = (full or [e.name for e in entities] or [name])[0]
    conn.execute(
        update(speakers)
        .where(speakers.c.id == speaker_id)
        .values(
            name=name,
            name_key=name_key(name, current.type, lexicon_of(conn)),
            titles_json="[]",
            country=None,
            affiliation=None,
        )
    )
    _accumulate(conn, speaker_id, entities)


# --- finding a speaker the user names --------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str


def _candidates(conn: Connection, condition: ColumnElement[bool]) -> list[Candidate]:
    rows = conn.execute(
        select(speakers.c.id, speakers.c.name)
        .where(speakers.c.merged_into.is_(None))
        .where(speakers.c.id.in_(select(speaker_aliases.c.speaker_id).where(condition)))
        .order_by(speakers.c.id)
    ).all()
    return [Candidate(int(r.id), str(r.name)) for r in rows]


def _listing(candidates: Sequence[Candidate], limit: int = 10) -> str:
    shown = ", ".join(f"#{c.id} {c.name}" for c in candidates[:limit])
    more = len(candidates) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def _matches(conn: Connection, speaker: int | str) -> list[Candidate]:
    """The speakers a user's words can mean: an id (int, digits or "#12"), or a name or
    alias matched case-insensitively, then by spelling key, then (for one word) as a
    surname; among several, the one whose own name it is if there is one. Raises
    StoreError for an unknown name, with near misses."""
    digits = str(speaker).strip().removeprefix("#")
    if isinstance(speaker, int) or (digits.isascii() and digits.isdigit()):
        speaker_id = int(digits)
        if not 0 < speaker_id <= MAX_ID:  # no such row; and SQLite's integers stop there
            raise StoreError(f"no speaker #{speaker_id} in the corpus")
        row = conn.execute(
            select(speakers.c.id, speakers.c.name).where(speakers.c.id == speaker_id)
        ).first()
        if row is None:
            raise StoreError(f"no speaker #{speaker_id} in the corpus")
        final = final_speaker(conn, speaker_id)
        return [Candidate(final, str(row.name))]
    text = clean_text(speaker).strip()
    if not text:
        raise StoreError("empty speaker name")
    lexicon = lexicon_of(conn)
    person = alias_keys(text, "PERSON", lexicon)
    body = alias_keys(text, "ORG", lexicon)
    attempts: list[ColumnElement[bool]] = [
        speaker_aliases.c.alias_norm == person.norm,
        or_(
            and_(speaker_aliases.c.alias_key == person.key, speaker_aliases.c.full == person.full),
            speaker_aliases.c.alias_key == body.key,
        ),
    ]
    if not person.full:
        attempts.append(and_(speaker_aliases.c.last_key == person.key, speaker_aliases.c.full))
    for condition in attempts:
        found = _candidates(conn, condition)
        named = [c for c in found if norm(c.name) == person.norm]
        if len(named) == 1:
            return named
        if found:
            return found
    similar = _candidates(
        conn,
        func.lower(speaker_aliases.c.alias).contains(text.lower(), autoescape=True),
    )
    hint = f"; did you mean {_listing(similar)}?" if similar else ""
    raise StoreError(f"no speaker named {text!r} in the corpus{hint}")


def resolve_speaker(conn: Connection, speaker: int | str) -> int:
    """One speaker id for the user's words (see _matches); an ambiguous name is an error
    listing the candidates, since merging or explaining must not guess."""
    found = _matches(conn, speaker)
    if len(found) > 1:
        raise StoreError(
            f"{str(speaker)!r} names {len(found)} speakers: {_listing(found)}; "
            "give a fuller name or the speaker id"
        )
    return found[0].id


def resolve_speakers(conn: Connection, speaker: int | str) -> list[int]:
    """Every speaker the user's words can mean, for filtering: "--speaker Marrow" finds
    the statements of every Marrow in the corpus."""
    return [c.id for c in _matches(conn, speaker)]
