"""Reporting frames over the dependency parse: for a cue, its source, content and addressee.

A frame is what a cue says about its sentence: who (the subject, or the agent of a
passive, or the "X" of "according to X"), what (the reported clause, an object
noun phrase, or the main clause around "as X said" / "according to X"), and to
whom. Token ranges are inclusive ``(first, last)`` token indices.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc, Token

from onrecord.lexicon import Lexicon
from onrecord.pipeline.cues import CueMatch, aside_subject, is_mistagged_verb
from onrecord.pipeline.nlp import head_of, sentence_of
from onrecord.pipeline.quotes.content_ranges import (
    infinitive_after_date,
    outer_clause,
    postposed_content,
    that_clause,
)
from onrecord.pipeline.quotes.hedged_modifiers import with_hedged_modifier
from onrecord.pipeline.quotes.object_roles import (
    object_role_of,
    object_with_predicate,
    on_the_air,
    recipient_apart,
)
from onrecord.pipeline.quotes.object_roles import preposition_object as pobj
from onrecord.pipeline.quotes.positional import last_word, mistagged_frame, phrase_by_commas
from onrecord.pipeline.quotes.ranges import TokRange, exclude, trim
from onrecord.pipeline.quotes.subject_shapes import (
    DASHES,
    antecedent,
    compared,
    main_clause_governor,
    own_subject,
    perfect_read_as_passive,
    quantified,
    reduced_passive,
    reports_that,
    subject_before,
    swallowed_subject,
)

# what a frame's content is: the reported clause, that clause cut before a second
# statement (it never runs on), an object noun phrase, an infinitive, the main clause
# around the cue ("as X said"), or nothing
ContentKind = Literal["clause", "clause_part", "np", "xcomp", "main", "none"]

_SUBJECTS = ("nsubj", "csubj")
_SAID_AFTER = frozenset({"ccomp", "parataxis", "dobj", "xcomp"})  # what a verb says after it
_INHERITS_SUBJECT = ("conj", "xcomp", "advcl", "pcomp", "acl")
_CONTENT_PREPS = frozenset({"on", "about", "of", "for", "against", "over"})
_ADDRESSEE_PREPS = frozenset({"to"})
_ADJECTIVE_PREPS = frozenset({"of", "about", "in", "over"})
_CLAUSAL = ("ccomp", "parataxis")
_ASKING, _IF = frozenset({"ask", "wonder", "inquire", "query"}), frozenset({"if", "whether"})
_MAX_SOURCE_TOKENS = 40
# Verbs whose subject issues what their object then says ("posted a message reading").
_ISSUING_VERBS = frozenset(
    {"issue", "release", "put", "post", "send", "publish", "email", "tweet", "write", "sign"}
    | {"file", "submit", "circulate", "distribute", "share", "deliver", "air", "run", "cite"}
)
# nouns whose infinitive is done by whoever has them ("had reason to know", "the right to say")
_CONTROL_NOUNS = frozenset(
    {"reason", "right", "chance", "opportunity", "need", "time", "ability", "power", "duty",
     "obligation", "incentive", "courage", "temptation", "urge", "freedom", "desire"}
)  # fmt: skip
_PERSONAL_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they"})
_NOT_CONTENT = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# how someone spoke, not what about: "spoke on condition of anonymity", "on the record"
_MANNER_NOUNS = frozenset({"condition", "record", "background", "behalf"})
_NAMED_VERBS = frozenset({"name", "identify", "quote"})  # "asked not to be named"


@dataclass(frozen=True, slots=True, kw_only=True)
class Frame:
    cue: CueMatch
    source: TokRange | None
    source_head: int | None
    content: TokRange | None
    content_kind: ContentKind
    addressee: TokRange | None
    passive: bool
    # the content's other part, across a source phrase set off inside it: Y2 of "Y1,
    # according to X, Y2", Y1 of "Y1, X said, Y2"
    other_part: TokRange | None = None


def _range(token: Token) -> TokRange:
    return (token.left_edge.i, token.right_edge.i)


def _child(token: Token, *deps: str) -> Token | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def _cue_preposition_object(cue_tokens: list[Token], verb: Token, cue: CueMatch) -> Token | None:
    """The object of a preposition that is part of the cue: "called for new elections",
    "pointed to the report"; not a date or a manner ("called for on Monday")."""
    for token in cue_tokens:
        if token.i == verb.i or token.dep_ != "prep" or token.head.i != verb.i:
            continue
        target = pobj(token)
        if (
            target is not None
            and target.i > cue.last
            and target.ent_type_ not in _NOT_CONTENT
            and target.lemma_.lower() not in _MANNER_NOUNS
        ):
            return target
    return None


def _subject(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The subject that is the source of a reporting verb, and whether the verb is passive."""
    # A dash or quotation mark mistagged as a subject is not the one ('― Okafor boasted').
    worded = [c for c in verb.children if c.dep_ in _SUBJECTS and any(x.isalnum() for x in c.text)]
    subject = _nearer_subject(worded, verb) or next(iter(worded), None) or _child(verb, *_SUBJECTS)
    if subject is not None:
        subject = own_subject(subject)  # "he’s said": he
        if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
            return antecedent(verb.head), False  # "Okoro, who said ...": the antecedent
        return subject, False
    perfect = perfect_read_as_passive(verb)  # "she’s spoken out": she has spoken
    if perfect is not None:
        return perfect, False
    agent = _child(verb, "agent")
    agent_obj = pobj(agent) if agent is not None else None
    if depth > 0 and agent is not None:
        # "X was booed (and shouted down) by supporters after telling them": X tells
        passive = verb.head if verb.dep_ == "conj" and _child(verb, "nsubjpass") is None else verb
        patient = _child(passive, "nsubjpass")
        if patient is not None:
            return patient, False
    if _child(verb, "nsubjpass", "auxpass") is not None or agent is not None:
        return agent_obj, True
    before = subject_before(verb)  # "... and Jane Doe fired him", "than the industry says"
    if before is not None:
        return before, False
    described = next(
        (c for c in verb.children if c.dep_ in _CLAUSAL and _between_subject_and_verb(c, verb)),
        None,
    )
    if described is not None:  # "A U.S. official, ... not yet made public, said": the official
        return _child(described, *_SUBJECTS), False
    if depth < 3 and verb.head.i != verb.i:
        governor = _purpose_governor(verb)
        if governor is not None:
            return _subject(governor, depth + 1)  # "pivoted with every answer to talk about"
        if verb.dep_ == "relcl":
            if verb.head.lemma_.lower() in _CONTROL_NOUNS and verb.head.head.i != verb.head.i:
                return _subject(verb.head.head, depth + 1)  # "X had reason to know": X
            return antecedent(verb.head), False  # "officials, who said ..."
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and agent_like(quantified(verb.head)):
            return quantified(verb.head), False  # "footage of X asking", "X and Y all calling"
        issuer = verb.head.head
        if (
            verb.dep_ == "acl"
            and verb.tag_ == "VBG"
            and verb.head.dep_ == "dobj"
            and issuer.lemma_.lower() in _ISSUING_VERBS
        ):
            return _subject(issuer, depth + 1)  # "X put out a statement saying", "X emailed"
        runner = _issuing_gerund_governor(verb.head) if verb.dep_ == "acl" else None
        if runner is not None and verb.tag_ == "VBG":
            return _subject(runner, depth + 1)  # "X took the lead in running ads praising"
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ == "NOUN":
            return verb.head, False  # "a group backing X", "calls saying shots were fired"
        if (
            verb.dep_ == "acl"
            and verb.head.pos_ == "NOUN"
            and verb.head.dep_ not in ("pobj", "dobj")  # "who served during the campaign"
            and _calls_someone_quoted(verb)
        ):
            return verb.head, False  # "one lawmaker called X 'the orange prince'"
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and reports_that(verb):
            return verb.head, False  # "Two analysts, A and B, found that": misread as acl
        if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and agent_like(verb.head):
            # "X, who is running, tweeted on Friday to say ...": the sentence's only verb
            # misread as a modifier of its subject, which the parser made the root
            return verb.head, False
        if verb.dep_ == "xcomp":
            obj = _child(verb.head, "dobj")
            if (
                obj is not None
                and obj.i < verb.i
                and (obj.pos_ == "PRON" or any(agent_like(t) for t in obj.subtree))
            ):
                return obj, False  # "led X to fear", "urged X to say": X does it
        if reduced_passive(verb):
            return None, True  # "Asked about X, Y said", "Y said when asked": by someone else
        if verb.dep_ in _INHERITS_SUBJECT:
            governor = main_clause_governor(verb, verb.head)
            if (
                governor.pos_ == "ADP" or governor.dep_ == "prep"
            ) and governor.head.i != governor.i:
                governor = governor.head  # "responded by saying", "despite admitting"
            if governor.dep_ == "advmod" and governor.pos_ == "ADV" and verb.dep_ == "advcl":
                governor = governor.head  # "went so far as to say"
            if verb.dep_ == "xcomp":
                if governor.dep_ == "acomp" and governor.head.i != governor.i:
                    governor = governor.head  # "voters are more likely to say": voters
                patient = _child(governor, "nsubjpass")
                if patient is not None:
                    return patient, False  # "X is expected to endorse", "X was asked to say"
            return _subject(governor, depth + 1)
    return swallowed_subject(verb), False


def _calls_someone_quoted(verb: Token) -> bool:
    """ "called X 'a fraud'" read as a name ("a lawmaker called X"): a plain name or noun
    after "called", then a quotation; "a group called 'Safer Streets'" is a name."""
    if verb.lemma_.lower() != "call" or verb.tag_ not in ("VBD", "VBN"):
        return False
    named = next((c for c in verb.rights if c.dep_ in ("oprd", "dobj")), None)
    if named is None or named.is_quote or named.i + 1 >= len(verb.doc):
        return False
    after = verb.doc[named.right_edge.i + 1 : named.right_edge.i + 3]
    return any(t.is_quote for t in after) and not any(
        t.is_quote for t in verb.doc[verb.i : named.i]
    )


def _issuing_gerund_governor(noun: Token) -> Token | None:
    """The verb over "running ads" (a thing an issuing gerund makes), whose subject issues it."""
    if not any(
        c.dep_ == "amod" and c.tag_ == "VBG" and c.lemma_.lower() in _ISSUING_VERBS
        for c in noun.lefts
    ):
        return None
    return next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _nearer_subject(subjects: list[Token], verb: Token) -> Token | None:
    """Of two subjects before a verb, the one a comma, colon or conjunction sets off next to
    it: "Voters, X suggested, need not worry", "Most back A, but many say B", "Note: An
    article reported" (X, many, article)."""
    before = [c for c in subjects if c.i < verb.i]
    if len(before) < 2 or before[-1].left_edge.i == 0:
        return None
    if (
        verb.doc[verb.i - 1].text == ","
        and before[-2].pos_ == "PROPN"
        and before[-1].pos_ == "NOUN"
    ):
        return before[-2]  # "COGAT, the defence body that ..., said": the second is apposed
    opener = verb.doc[before[-1].left_edge.i - 1]
    return before[-1] if opener.text in (",", ":") or opener.dep_ == "cc" else None


_RANKING = frozenset({"first", "last", "only", "next", "sole"})


def _purpose_governor(verb: Token) -> Token | None:
    """The verb whose subject does what an infinitive hung on a thing says: "X pivoted with
    every answer to talk about Y", "they are under pressure to pledge that ..." (X, they);
    not for the first or only one to do it ("the first senator to say") or nouns of control
    ("reason to know")."""
    noun = verb.head
    if verb.dep_ not in ("relcl", "acl") or noun.pos_ != "NOUN" or agent_like(noun):
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    if _child(verb, *_SUBJECTS) is not None or noun.lemma_.lower() in _CONTROL_NOUNS:
        return None
    if any(c.lower_ in _RANKING or c.tag_ == "JJS" or c.ent_type_ == "ORDINAL" for c in noun.lefts):
        return None  # "the first senator to say that": the senator says it
    return next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)


def agent_like(token: Token) -> bool:
    """A name of someone who can speak: a proper noun, a person or a body."""
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")


def _source_range(doc: Doc, head: Token, cue: CueMatch) -> TokRange:
    first, last = _range(head)
    for child in head.rights:
        # "X himself, at a press conference on Tuesday, said": the aside is not the source,
        # nor one between dashes ("X - in a line aimed at Y - declared")
        if child.dep_ in ("prep", "advmod", "npadvmod", "acl") and doc[
            child.left_edge.i - 1
        ].text in (",", *DASHES):
            last = child.left_edge.i - 2
            break
    # The subject may not swallow the cue ("said X" parsed oddly) or run for a paragraph.
    # the words before the cue's clause: "a group backing X", "officials, who said"
    before = min(cue.first, doc[cue.head].left_edge.i) - 1
    if first <= cue.head <= last:
        first, last = (first, before) if head.i <= before else (head.i, head.i)
    if last - first > _MAX_SOURCE_TOKENS:
        first, last = head.i, head.i
    return trim(doc, first, last, connectives=frozenset())


def _content_of_verb(
    doc: Doc, verb: Token, cue: CueMatch, lexicon: Lexicon
) -> tuple[TokRange | None, ContentKind, TokRange | None]:
    """(content range, kind, addressee range) for a verbal cue."""
    addressee: TokRange | None = None
    recipient, obj = recipient_apart(verb, _child(verb, "dobj", "dative"), lexicon)
    if obj is not None and obj.ent_type_ in ("DATE", "TIME"):
        obj = None  # "promised Sunday to end it": when, not whom or what
    if obj is None and verb.lemma_.lower() == "call" and verb.dep_ != "acl":
        named = _child(verb, "oprd")  # 'called the ruling "overreach"' read as one noun phrase
        if named is not None and any(t.is_quote for t in named.subtree):
            obj = named
    object_role = object_role_of(verb, obj, lexicon)
    if obj is not None and object_role == "addressee" and obj.i > cue.last:
        recipient = obj
    if recipient is not None:
        addressee = (recipient.i, recipient.i) if recipient.pos_ == "PROPN" else _range(recipient)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _ADDRESSEE_PREPS and addressee is None:
            target = pobj(child)
            # "said to reporters", "reported to the president"; not "drew attention to the fact"
            if (
                target is not None
                and (target.pos_ in ("PROPN", "PRON") or target.tag_ == "NNS" or target.ent_type_)
                and not (cue.first <= child.i <= cue.last)
            ):
                addressee = _range(target)

    cue_tokens = [doc[i] for i in range(cue.first, cue.last + 1)]
    clause = next(
        (
            c
            for token in [verb, *cue_tokens]
            for c in token.children
            if (
                c.dep_ in _CLAUSAL
                and not _reporting_frame(c, verb, lexicon)
                and not _noun_after_object(c, obj)
            )
            or (token.i != verb.i and c.dep_ in ("acl", "ccomp"))
            or (c.dep_ == "advcl" and _marked_content(c, cue, verb))
            if not (cue.first <= c.i <= cue.last)
            and not (c.i < verb.i and compared(verb))  # "more than X realize"
            and not _between_subject_and_verb(c, verb)
        ),
        None,
    )
    if clause is None:
        clause = that_clause(doc, cue)
    if clause is not None and clause.dep_ == "acl" and lexicon.is_speech_verb(clause.lemma_):
        # "issued a statement saying A": A, not "saying A"
        clause = _child(clause, "ccomp") or clause
    if clause is not None:
        whole = _range(clause)
        content = _without_second_statement(doc, clause, verb, lexicon)
        return content, "clause" if content == whole else "clause_part", addressee
    if verb.dep_ in ("advcl",) and _child(verb, "mark") is not None:
        mark = _child(verb, "mark")
        if mark is not None and mark.lower_ == "as":
            if _child(verb, "nsubjpass") is not None:
                return None, "none", addressee  # "as the verdict was read": when, not who said
            return outer_clause(verb), "main", addressee
    framing = verb.dep_ == "parataxis" or (
        verb.dep_ == "ccomp" and verb.i > verb.head.i and _child(verb, "mark") is None
    )  # but "asked whether she would consider ...": what was asked, framing nothing
    if framing and verb.head.pos_ in ("VERB", "AUX"):
        return outer_clause(verb), "main", addressee  # "X, the minister added, Y" / "X, he said"
    xcomp = _child(verb, "xcomp") or infinitive_after_date(verb)
    if xcomp is not None and _not_to_be_named(xcomp):
        return None, "none", addressee  # "who asked not to be named": how, not what
    if xcomp is not None and xcomp.i > cue.last:
        return _range(xcomp), "xcomp", addressee  # "urged Congress to act", "vowed to fight"
    if obj is not None and object_role == "content" and obj.i > cue.last:
        first, last = object_with_predicate(verb, obj, lexicon)
        return with_hedged_modifier(verb, (first, last), lexicon), "np", addressee
    if obj is not None and object_role == "clause" and obj.i > cue.last:
        return None, "none", addressee  # "established a fund for the region": not a report
    cue_object = _cue_preposition_object(cue_tokens, verb, cue)
    if cue_object is not None and object_role == "content":
        return _range(cue_object), "np", addressee  # "called for new elections"
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS and child.i > cue.last:
            target = pobj(child)
            # "reported on the exercises", not "spoke on Monday" or "on condition of anonymity"
            if (
                target is not None
                and target.ent_type_ not in _NOT_CONTENT
                and target.lemma_.lower() not in _MANNER_NOUNS
                and not (child.lower_ == "on" and on_the_air(target, lexicon))
            ):
                return with_hedged_modifier(verb, _range(target), lexicon), "np", addressee
    topic = _adjective_topic(cue_tokens, verb, cue)
    if topic is not None:
        return _range(topic), "np", addressee  # "is skeptical of the plan"
    postposed = postposed_content(doc, verb)
    if postposed is not None:
        return postposed, "main", addressee
    return None, "none", addressee


def _between_subject_and_verb(clause: Token, verb: Token) -> bool:
    """A clause the parser hung on the verb from inside its subject's description: "A U.S.
    official, speaking ... to discuss details not yet made public, said ...", where "made"
    is no report of the official's (nothing said stands between the sayer and "said")."""
    subject = _child(verb, *_SUBJECTS)
    if subject is not None:
        return subject.i < clause.i < verb.i
    # no subject: the parser made a verb of the sayer's description the clause of the verb
    # ("official ... not yet made public, said X", "X, a rabbi helping ..., said Y"), and
    # what is said comes after
    return (
        clause.i < verb.i
        and _child(clause, *_SUBJECTS) is not None
        and any(c.dep_ in _CLAUSAL and _said_right_after(c, verb) for c in verb.children)
        and not _opens_a_quote(clause)
    )  # but '"What is shaping up is a battle," said X, who heads Y' reports the quote


def _said_right_after(clause: Token, verb: Token) -> bool:
    """A clause whose subject opens right after the verb, or after its "that": "said he
    was", "noted that the company offers"; not an inverted sayer the parser made a clause
    ("..., said a former spokesman ..., who ran in the bloc X helped form")."""
    subjects = [c for c in clause.children if c.dep_ in _SUBJECTS]
    if len(subjects) != 1:
        return False
    opening = verb.i + 1
    if opening < len(verb.doc) and verb.doc[opening].dep_ == "mark":
        opening += 1
    return subjects[0].left_edge.i == opening


def _opens_a_quote(clause: Token) -> bool:
    """Whether a clause begins at a quotation mark: the quoted words themselves."""
    first = clause.left_edge.i
    return clause.doc[first].is_quote or (first > 0 and clause.doc[first - 1].is_quote)


def _not_to_be_named(xcomp: Token) -> bool:
    """ "asked not to be named", "declined to be identified", "requested not to be quoted":
    a source's terms of speaking, not something they said."""
    return (
        xcomp.lemma_.lower() in _NAMED_VERBS
        and _child(xcomp, "auxpass") is not None
        and _child(xcomp, "oprd", "attr", "dobj") is None  # "asked to be named chairman"
    )


def _noun_after_object(clause: Token, obj: Token | None) -> bool:
    """A noun the parser made a clause of the verb after its object: "ordered the release
    of X, who spent years in jail on terrorism charges ...", with "charges" as the clause."""
    return clause.pos_ == "NOUN" and obj is not None and obj.i < clause.i


def _reporting_frame(clause: Token, verb: Token, lexicon: Lexicon) -> bool:
    """A reporting verb with a subject of its own hung on the verb after it: "A agreed to
    X, the ministry said, ending ...", where the ministry reports A, not A the ministry."""
    return (
        clause.dep_ == "parataxis"
        and clause.i > verb.i
        and lexicon.is_speech_verb(clause.lemma_)
        and _child(clause, *_SUBJECTS) is not None
        and not says_after(clause)
    )  # but in "I hope America says, '...'", America says what follows


def says_after(verb: Token) -> bool:
    """Whether a verb has words of its own after it: a clause or an object ("..., others
    vow consequences", "America says, '...'"), not only an adverbial ("..., ending ...")."""
    return any(c.i > verb.i and c.dep_ in _SAID_AFTER for c in verb.children)


def _adjective_topic(cue_tokens: list[Token], verb: Token, cue: CueMatch) -> Token | None:
    """What the cue's stance adjective is about: "is skeptical of the plan", "is confident
    in the team"; not "critical to the region", which takes no stance."""
    if verb.dep_ == "ccomp":
        return None  # "added that they are aware of the risks": the outer report's
    for token in cue_tokens:
        if token.dep_ != "acomp" or token.head.i != verb.i:
            continue
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in _ADJECTIVE_PREPS and child.i > cue.last:
                target = pobj(child)
                if target is not None and target.ent_type_ not in _NOT_CONTENT:
                    return target
    return None


def _marked_content(clause: Token, cue: CueMatch, verb: Token) -> bool:
    """An adverbial clause that is what was said: opened by the cue's own word ("called for
    X to act") or a question after a verb of asking ("asked them if they would")."""
    asking = verb.lemma_.lower() in _ASKING
    return any(
        m.dep_ == "mark" and (cue.first <= m.i <= cue.last or (asking and m.lower_ in _IF))
        for m in clause.children
    )


def _after_leading_date(doc: Doc, first: int, clause: Token) -> int:
    """Where the reported clause starts after a date the parser hung on it from just after
    the cue: "said on Monday it would cut jobs" reports "it would cut jobs"."""
    subject = _child(clause, *_SUBJECTS, "nsubjpass", "expl")
    if subject is None or subject.left_edge.i <= first:
        return first
    lead = doc[first : subject.left_edge.i]
    dated = all(
        t.ent_type_ in ("DATE", "TIME") or (t.dep_ == "prep" and t.i == first) for t in lead
    )
    return subject.left_edge.i if dated and any(t.ent_type_ for t in lead) else first


def _without_second_statement(doc: Doc, clause: Token, verb: Token, lexicon: Lexicon) -> TokRange:
    """The reported clause up to a second statement of the same source that the parser hung
    on it: "X said A and said B"; "X said the plan would cost more, and called it a sham".

    A reporting verb coordinated into the clause, with no subject of its own, belongs to
    the source when it repeats the cue's verb, or when it follows a comma and the clause's
    subject is not someone who could be its speaker ("officials told him X, and asked him
    to leave" keeps "asked").
    """
    first, last = _range(clause)
    first = _after_leading_date(doc, first, clause)
    clause_subject, _ = _subject(clause)
    speaker_like = clause_subject is not None and _can_speak(clause_subject, lexicon)
    # Only the clause's own conjuncts count: its right children, not its whole subtree
    # (which, per cue, made a long clause full of cues quadratic).
    for token in clause.rights:
        if token.dep_ != "conj" or token.pos_ != "VERB":
            continue
        if _child(token, *_SUBJECTS, "nsubjpass", "expl"):
            continue
        lemma = token.lemma_.lower()
        if not lexicon.is_speech_verb(lemma):
            continue
        cut = token.left_edge.i - 1
        while cut > first and (doc[cut].dep_ == "cc" or doc[cut].is_space):
            cut -= 1
        after_comma = doc[cut].text == ","
        if lemma == verb.lemma_.lower() or (after_comma and not speaker_like):
            while cut > first and (doc[cut].is_punct or doc[cut].is_space):
                cut -= 1
            return first, cut
    return first, last


def _can_speak(token: Token, lexicon: Lexicon) -> bool:
    """A name, a person's pronoun, or a noun for people or bodies ("officials")."""
    lemma = token.lemma_.lower()
    return (
        agent_like(token)
        or token.lower_ in _PERSONAL_PRONOUNS
        or lemma in lexicon.descriptors
        or lemma in lexicon.institution_words
    )


def names_who_can_speak(token: Token, lexicon: Lexicon) -> bool:
    """Whether a word names who can speak: a person, a body or a document."""
    lemma = token.lemma_.lower()
    return (
        _can_speak(token, lexicon)
        or lemma in lexicon.person_nouns
        or lemma in lexicon.body_nouns
        or lemma in lexicon.document_nouns
    )


def _speaker_over_thing(verb: Token, subject: Token | None, lexicon: Lexicon) -> Token | None:
    """The one who speaks when the parse left a participle or an infinitive with a thing as
    its subject, or none: 'X made a third attempt to deflect it, writing that' (X, not the
    attempt), 'the ruling puts pressure on her to say whether' (her). None when there is no
    such one."""
    if subject is not None and (subject.pos_ != "NOUN" or names_who_can_speak(subject, lexicon)):
        return None
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is not None and to.i > 0:
        target = verb.doc[to.i - 1]  # '... on her to say'
        if target.dep_ == "pobj" and target.head.lower_ in ("on", "upon"):
            return (
                target if names_who_can_speak(target, lexicon) or _object_pronoun(target) else None
            )
    node = verb
    for _ in range(5):  # up the clauses that share their subject, to the thing they hang on
        through = node.pos_ == "ADP" and node.dep_ == "prep"  # 'in addition to worrying'
        shares = through or node.dep_ in _INHERITS_SUBJECT or node.dep_ == "relcl"
        if not shares or _child(node, *_SUBJECTS) is not None:
            return None
        if node.head.pos_ == "NOUN" or node.head.lower_ == "those":  # 'among those calling'
            break
        node = node.head
    else:
        return None
    thing = node.head
    if thing.dep_ not in ("dobj", "pobj") or names_who_can_speak(thing, lexicon):
        return None
    governor = next((a for a in thing.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if governor is None:
        return None
    other, passive = _subject(governor)
    if passive:
        other = _child(governor, "nsubjpass")  # 'in addition to saying it, X is hemmed in'
    if other is not None and names_who_can_speak(other, lexicon):
        return other
    # 'his job offers him a platform to speak out': the one given the thing
    given = next(
        (c for c in governor.children if c.dep_ in ("dative", "dobj") and c.i < thing.i), None
    )
    return given if given is not None and names_who_can_speak(given, lexicon) else None


def _object_pronoun(token: Token) -> bool:
    return token.lower_ in ("him", "her", "them", "us", "me")


def _subject_of_second_statement(verb: Token, lexicon: Lexicon) -> Token | None:
    """For "X said the plan would cost more, and called it a sham" (the parser hanging
    "called" on "cost"): X, the subject of the verb that reports the clause, since the
    clause's own subject cannot have called anything, or the verb repeats the one that reports
    the clause ("X said A was wrong and said B"). None when that is not the case, and
    where the report comes after the clause ("The rebels seized the town and warned they
    would advance, the army said": the rebels warned)."""
    governor = verb.head
    if verb.dep_ != "conj" or governor.dep_ != "ccomp" or _child(verb, *_SUBJECTS):
        return None
    if governor.head.i > governor.i:
        return None
    own, _ = _subject(governor)
    repeated = verb.lemma_ == governor.head.lemma_  # "X said A and said B"
    if own is None or (_can_speak(own, lexicon) and not repeated):
        return None
    subject, passive = _subject(governor.head)
    return None if passive else subject


def frame_for(doc: Doc, cue: CueMatch, lexicon: Lexicon) -> Frame:
    """The frame a cue opens: who said what to whom."""
    head = doc[cue.head]
    if cue.cls == "phrase":
        by_commas = phrase_by_commas(doc, cue)
        if by_commas is not None:
            holder, rest, tail = by_commas
            frame = _finish(doc, cue, lexicon, source=holder, content=rest, kind="main")
            return replace(frame, other_part=tail) if tail and frame.content else frame
        # "according to X, ...": X is the last word's object; the content is the clause around.
        prep = doc[cue.last]
        target = pobj(prep) or (doc[cue.last + 1] if cue.last + 1 < len(doc) else None)
        around = outer_clause(head) if head.head.i != head.i else None
        return _with_subject(doc, cue, lexicon, subject=target, content=around, kind="main")
    if cue.cls == "noun":
        return _noun_frame(doc, cue, head, lexicon)
    aside = aside_subject(head)
    if aside is not None:
        return _aside_frame(doc, cue, lexicon, head, aside)
    if is_mistagged_verb(head):
        before, said = mistagged_frame(doc, head)
        subject = (
            # the last word when the tagger read the noun as an adjective ('the editorial')
            next((i for i in range(*before) if doc[i].pos_ in ("NOUN", "PROPN")), before[1])
            if before is not None
            else None
        )
        return _finish(
            doc, cue, lexicon, source=before, source_head=subject, content=said, kind="clause"
        )
    subject_token, passive = _subject(head)
    if not passive and lexicon.cue_patterns(head.lemma_.lower()):
        subject_token = _subject_of_second_statement(head, lexicon) or subject_token
    if not passive:
        subject_token = _speaker_over_thing(head, subject_token, lexicon) or subject_token
    content, kind, addressee = _content_of_verb(doc, head, cue, lexicon)
    other = _across_parenthetical(doc, head, content, lexicon) if kind == "main" else None
    if content is None and passive:
        # "such a scenario has been repeatedly rejected": the subject is what was said.
        patient = _child(head, "nsubjpass")
        if patient is not None and not (cue.first <= patient.i <= cue.last):
            content, kind = _range(patient), "np"
    frame = _with_subject(
        doc,
        cue,
        lexicon,
        subject=subject_token,
        content=content,
        kind=kind,
        addressee=addressee,
        passive=passive,
    )
    return replace(frame, other_part=other) if other is not None and frame.content else frame


def _aside_frame(
    doc: Doc, cue: CueMatch, lexicon: Lexicon, head: Token, subject: TokRange
) -> Frame:
    """ "Voters, Ruiz claims, want a change": Ruiz reports the clause around the aside."""
    sent = sentence_of(doc, head.i)
    end = last_word(doc, sent.end - 1, head.i)
    before = (sent.start, subject[0] - 2) if subject[0] - 2 >= sent.start else None
    after = (head.i + 2, end) if head.i + 2 <= end else None
    frame = _finish(doc, cue, lexicon, source=subject, content=after or before, kind="main")
    if after is None or before is None or frame.content is None:
        return frame
    first, last = trim(doc, *before, connectives=lexicon.connectives)
    return replace(frame, other_part=(first, last)) if first <= last else frame


def _across_parenthetical(
    doc: Doc, verb: Token, content: TokRange | None, lexicon: Lexicon
) -> TokRange | None:
    """The other side of a reporting clause set off by commas inside the clause it reports:
    "The problem" of "The problem, Ruiz said, is that ...", "for the middle class" of "The
    plan would cut taxes, she said, for the middle class" (the content is the longer side)."""
    if content is None or verb.dep_ != "parataxis":
        return None
    opening, closing = verb.left_edge.i, verb.right_edge.i
    if doc[opening].text != "," or doc[closing].text != ",":
        return None  # not set off on both sides: "X would win, she said."
    h_first, h_last = verb.head.left_edge.i, verb.head.right_edge.i
    if content[0] > closing and h_first < opening:
        side = (h_first, opening - 1)
    elif content[1] < opening and closing < h_last:
        side = (closing + 1, h_last)
    else:
        return None
    first, last = trim(doc, *side, connectives=lexicon.connectives)
    return (first, last) if first <= last else None


def _noun_frame(doc: Doc, cue: CueMatch, head: Token, lexicon: Lexicon) -> Frame:
    """'his remarks that ...', 'the claim by X that ...'."""
    poss = _child(head, "poss")
    by = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
    holder = poss or (pobj(by) if by is not None else None)
    clause = _child(head, "acl", "ccomp")
    if clause is not None and clause.i > head.i:
        content = _range(clause)
        return _with_subject(doc, cue, lexicon, subject=holder, content=content, kind="clause")
    return _with_subject(doc, cue, lexicon, subject=holder, content=None, kind="none")


def _with_subject(
    doc: Doc,
    cue: CueMatch,
    lexicon: Lexicon,
    *,
    subject: Token | None,
    content: TokRange | None,
    kind: ContentKind,
    addressee: TokRange | None = None,
    passive: bool = False,
) -> Frame:
    source, source_head = None, None
    if subject is not None and not cue.first <= subject.i <= cue.last:
        source, source_head = _source_range(doc, subject, cue), subject.i
    return _finish(
        doc,
        cue,
        lexicon,
        source=source,
        source_head=source_head,
        content=content,
        kind=kind,
        addressee=addressee,
        passive=passive,
    )


def _finish(
    doc: Doc,
    cue: CueMatch,
    lexicon: Lexicon,
    *,
    source: TokRange | None,
    source_head: int | None = None,
    content: TokRange | None,
    kind: ContentKind,
    addressee: TokRange | None = None,
    passive: bool = False,
) -> Frame:
    if source is not None and source_head is None:
        source_head = head_of(doc, source)  # "results of polls conducted by X": results
    if content is not None:
        content = exclude(content, [r for r in (source, (cue.first, cue.last)) if r])
        if content is not None:
            first, last = trim(doc, *content, connectives=lexicon.connectives)
            content = (first, last) if first <= last else None
    return Frame(
        cue=cue,
        source=source,
        source_head=source_head,
        content=content,
        content_kind=kind if content else "none",
        addressee=addressee,
        passive=passive,
    )
