"""Which reporting frame a quoted passage belongs to: the cue after it or before it, a
frame whose clause holds it, or a lead-in ending in a colon."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.pipeline.nlp import POSSESSIVE_MARKERS, sentence_of
from onrecord.pipeline.quotes.context import (
    OBJECTS,
    SENTENCE_END,
    VERBAL_CLASSES,
    Context,
    ExtractionState,
    is_break,
)
from onrecord.pipeline.quotes.ranges import TokRange, title_cased
from onrecord.pipeline.quotes.reported import Frame
from onrecord.pipeline.quotes.source_mentions import (
    can_be_named_source,
    lead_in_speaker,
    trim_source,
)

_WINDOW = 16  # tokens searched for a cue next to a quote
_LONG_SUBJECT = 60  # tokens a named subject with its apposition may run before its cue
_FRAME_DEPS = frozenset({"prep", "dative", "npadvmod", "advmod", "agent", "dobj", "advcl", "neg"})
_PERCEIVING = frozenset({"hear", "see", "overhear"})


def cue_after(ctx: Context, first: int, last: int) -> tuple[int, TokRange | None] | None:
    """A cue in the frame right after a quote, and the source when the parse missed it."""
    doc = ctx.doc
    inner = ctx.text[ctx.quoted[ctx.quote_of[first]].start : doc[last].idx].rstrip()
    inner = inner.rstrip("’'\"”").rstrip()  # a nested quote closing with it: '‘miracles,’”'
    ends_sentence = inner.endswith(".")
    punctuated = inner.endswith((",", ".", "!", "?", "…", "—", "–", "-", ";"))
    gap: list[Token] = []
    i = last + 1
    while i < len(doc) and len(gap) < _WINDOW:
        token = doc[i]
        if is_break(token) or ctx.quote_of[i] >= 0 or token.text in SENTENCE_END:
            return None
        if token.is_space:
            i += 1
            continue
        if not gap and not punctuated and token.text not in (",", "—", "–", "-", "--", "―"):
            return None  # the quote is part of a phrase ('the "unreasonable" activity')
        if ends_sentence and not gap and token.text[:1].isupper() and _opens_sentence(ctx, i):
            return None  # '"...." He said', '"...." Asked about it, he' start a new sentence
        index = ctx.frame_at.get(i)
        if index is not None and ctx.cues[index].cls in VERBAL_CLASSES:
            return _check_gap(ctx, index, gap)
        if token.pos_ == "VERB" and not token.text[0].isupper() and not _heard(ctx, token):
            return _cue_after_long_subject(ctx, last) if punctuated else None
        gap.append(token)
        i += 1
    return _cue_after_long_subject(ctx, last) if punctuated else None


def _heard(ctx: Context, token: Token) -> bool:
    """A verb of perceiving whose cue follows ('"...?" a reporter can be heard asking X')."""
    return token.lemma_ in _PERCEIVING and any(
        c.dep_ == "xcomp" and c.i in ctx.frame_at for c in token.children
    )


def _opens_sentence(ctx: Context, i: int) -> bool:
    """A capitalised word after a quote that ends a sentence begins the next one, unless it
    is a cue said before its subject ('"...." Said Jane Doe'); a fronted participle
    ('Asked about it, he', 'Adding, "..."') is not."""
    index = ctx.frame_at.get(i)
    return index is None or ctx.doc[ctx.cues[index].head].tag_ in ("VBN", "VBG")


def _cue_after_long_subject(ctx: Context, last: int) -> tuple[int, TokRange | None] | None:
    """'"...," Okafor, the front-runner who won the primary by a wide margin, said': the
    next cue in the sentence, when its subject (apposition and all) is what follows the
    quote."""
    doc = ctx.doc
    j = last + 1
    while j < len(doc) and (doc[j].is_space or doc[j].text == ","):
        j += 1
    if j >= len(doc) or not (doc[j].pos_ == "PROPN" or doc[j].ent_type_ == "PERSON"):
        return None
    end = min(sentence_of(doc, j).end, j + _LONG_SUBJECT)
    for i in range(j, end):
        if is_break(doc[i]) or ctx.quote_of[i] >= 0:
            return None
        index = ctx.frame_at.get(i)
        if index is None or ctx.cues[index].cls not in VERBAL_CLASSES:
            continue
        frame = ctx.frames[index]
        head = frame.source_head
        if head is not None and ctx.quote_of[head] < 0:
            return (index, None) if doc[head].left_edge.i == j else None
        # No subject outside the quote in the parse (it hung the name on the quote): a
        # name, then its apposition between commas, then the cue.
        name_end = j
        while name_end + 1 < i and doc[name_end + 1].pos_ == "PROPN":
            name_end += 1
        if doc[name_end + 1].text == "," and doc[i - 1].text == "," and name_end + 1 < i - 1:
            return index, (j, name_end)
        return None
    return None


def lead_cue_holds(state: ExtractionState, first: int, last: int) -> bool:
    """A verbal cue earlier in the quote's sentence reports a clause that holds the quote."""
    ctx = state.ctx
    doc = ctx.doc
    sent_first = sentence_of(doc, first).start
    # its words, not the marks and the comma the parse left out of the clause
    words = [t.i for t in doc[first : last + 1] if not (t.is_punct or t.is_space)]
    if words:
        first, last = words[0], words[-1]
    for i in range(sent_first, first):
        index = ctx.frame_at.get(i)
        if index is None or index in state.used_frames:
            continue
        frame = ctx.frames[index]
        if frame.cue.cls not in VERBAL_CLASSES or frame.content is None:
            continue
        if frame.content[0] <= first and last <= frame.content[1]:
            return True
    return False


def _check_gap(ctx: Context, index: int, gap: list[Token]) -> tuple[int, TokRange | None] | None:
    """Between a quote and its following cue only the cue's subject may stand."""
    frame = ctx.frames[index]
    words = [t for t in gap if not t.is_punct]
    if not words:
        return index, None
    opener = words[0]
    if opener.lower_ != "as" and (
        opener.pos_ in ("CCONJ", "SCONJ") or opener.dep_ in ("cc", "mark")
    ):
        return None  # '"...," but pledged', '"...," while others said': a new clause
    source = frame.source
    if source is not None and all(
        source[0] <= t.i <= source[1] or t.pos_ in ("ADV", "AUX", "PART") or _heard(ctx, t)
        for t in words
    ):
        return index, None
    if frame.cue.cls == "phrase":
        return index, None  # 'according to X' names its source after itself
    inverted = frame.source_head if source is not None and source[0] > frame.cue.last else None
    if inverted is not None and can_be_named_source(ctx, inverted):
        return index, None  # '"...," like the recent slump, said X': the gap is an aside
    if any(t.pos_ == "VERB" and not t.text[0].isupper() for t in words):
        return None  # a capitalised "verb" is a mistagged name ('Tulsa police Chief')
    if words[-1].dep_ == "cc" or any(t.tag_ in ("WDT", "WP", "WRB") for t in words):
        return None  # '"...," not on X, and said', '" - at which point the crowd chanted'
    # The parse put the subject somewhere else (often inside the quote): take the gap.
    first, last = trim_source(ctx.doc, gap[0].i, gap[-1].i)
    return (index, (first, last)) if first <= last else None


def cue_before(ctx: Context, first: int) -> int | None:
    """A cue before a quote in the same sentence, with no other verb in between."""
    doc = ctx.doc
    seen = 0
    i = first - 1
    while i >= 0 and seen < _WINDOW:
        token = doc[i]
        if is_break(token) or ctx.quote_of[i] >= 0 or token.text in SENTENCE_END:
            return None
        index = ctx.frame_at.get(i)
        if index is not None and token.dep_ != "amod":  # "in a written statement"
            cls = ctx.cues[index].cls
            if cls in VERBAL_CLASSES:
                return index
            if cls == "noun" and doc[first - 1].text == ":":
                return _verb_over_noun(ctx, index)
        if token.pos_ == "VERB":
            return None
        if not token.is_space:
            seen += 1
        i -= 1
    return None


def _verb_over_noun(ctx: Context, index: int) -> int:
    """ "X said in a statement: ...": the verb that the noun cue's phrase hangs on."""
    noun = ctx.doc[ctx.cues[index].head]
    prep = noun.head
    if noun.dep_ == "pobj" and prep.dep_ == "prep":
        governing = ctx.frame_at.get(prep.head.i)
        if governing is not None and ctx.cues[governing].cls in VERBAL_CLASSES:
            return governing
    return index


def outer_frame(state: ExtractionState, index: int) -> int | None:
    """The outermost frame whose clause holds this frame's cue ('X says she knows that ...')."""
    ctx = state.ctx
    clauses = state.clauses.clauses
    current = index
    for _ in range(4):
        head = ctx.cues[current].head
        outer = None
        for other in state.clauses.frames_over(head, head):
            frame = ctx.frames[other]
            if (
                other == current
                or other in state.used_frames
                or frame.cue.cls not in VERBAL_CLASSES
            ):
                continue
            clause = clauses[other]
            if (
                clause is not None
                and clause[0] <= head <= clause[1]
                and frame.cue.head < head
                and _governs(ctx.doc, frame, head)
            ):
                outer = other
                break
        if outer is None:
            break
        current = outer
    return current if current != index else None


def _governs(doc: Doc, frame: Frame, head: int) -> bool:
    """Whether a frame reports the clause of another cue: 'X says she knows that ...',
    'According to Y, X said', 'X said, most people believe'; not 'Claiming ..., X told'
    or 'when Y mentioned it, X said'."""
    outer, inner = doc[frame.cue.head], doc[head]
    if inner.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in inner.children):
        return False  # 'She said ..., and when pressed, the mother of three replied'
    return outer.is_ancestor(inner) or frame.cue.cls == "phrase" or outer.dep_ == "parataxis"


def containing_frame(state: ExtractionState, first: int, last: int) -> int | None:
    """The outermost unused frame whose content (its clause) overlaps the quote's tokens."""
    ctx, doc = state.ctx, state.ctx.doc
    clauses = state.clauses.clauses
    current = state.last_direct.frame if state.last_direct is not None else None
    candidates = [
        index
        for index in state.clauses.frames_over(first, last)
        if (clause := clauses[index]) is not None
        and (index not in state.used_frames or ctx.frames[index] is current)
        and clause[0] <= last
        and clause[1] >= first
    ]

    def inside_other(index: int) -> bool:
        head = ctx.cues[index].head
        return any(
            other != index
            and clauses[other][0] <= head <= clauses[other][1]  # type: ignore[index]
            and not doc[head].is_ancestor(doc[ctx.cues[other].head])
            for other in candidates
        )

    pool = [index for index in candidates if not inside_other(index)] or candidates
    if not pool:
        return None

    def rank(index: int) -> tuple[bool, bool, bool, int]:
        frame = ctx.frames[index]
        content = frame.content
        holds = content is not None and content[0] <= first and last <= content[1]
        return (
            not holds,  # its own clause holds the quote, not just the sentence after it
            frame.cue.cls == "noun",  # a verb of saying before a noun ("in a message")
            frame.cue.head > first,  # the cue that comes before
            abs(frame.cue.head - first),
        )

    return min(pool, key=rank)


def colon_lead_in(ctx: Context, first: int) -> tuple[int | None, TokRange | None]:
    """(frame, or else speaker) of a lead-in ending in a colon right before the quote."""
    doc = ctx.doc
    i = first - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0 or doc[i].text != ":" or ctx.quote_of[i] >= 0:
        return None, None
    sent = sentence_of(doc, i)
    for j in range(i - 1, sent.start - 1, -1):
        index = ctx.frame_at.get(j)
        if index is not None and ctx.cues[index].cls in VERBAL_CLASSES:
            if fronted_participle(doc, ctx.cues[index].head):
                continue  # 'Asked about it, she shrugged:': she speaks, not who asked
            return index, None
    return None, lead_in_speaker(ctx, sent.start, i - 1)


def fronted_participle(doc: Doc, head: int) -> bool:
    """A participle clause before the main clause's subject ('Asked about it, she ...')."""
    token = doc[head]
    main = token.head
    return (
        token.dep_ == "advcl"
        and token.tag_ in ("VBN", "VBG")
        and any(c.dep_ in ("nsubj", "nsubjpass") and token.i < c.i < main.i for c in main.children)
    )


def after_colon(ctx: Context, first: int) -> bool:
    """The passage follows a colon that ends a lead-in."""
    doc = ctx.doc
    i = first - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i >= 0 and doc[i].text == ":" and ctx.quote_of[i] < 0


def part_of_frame(doc: Doc, frame: Frame, first: int, last: int) -> bool:
    """A quoted name inside the frame ('told MSNBC's "Morning Joe" that ...', 'speaking on
    ABC's "This Week"')."""
    known = _frame_tokens(frame) | _adjunct_tokens(doc, frame)
    inner = [t for t in doc[first : last + 1] if not (t.is_punct or t.is_space)]
    if any(t.text in ("?", "!") for t in doc[first + 1 : last]):
        return False  # 'said, "Why now?"': a question or a cry someone uttered, no name
    set_off = first > 0 and doc[first - 1].text in (",", ":")
    if set_off and not any(t.pos_ in ("PROPN", "NOUN") for t in inner):
        return False  # 'said: "Never."', 'told reporters, "Enough."': no name, an answer
    titled = title_cased(inner)
    owned = first > 0 and doc[first - 1].text in POSSESSIVE_MARKERS  # a programme, a column
    if bool(inner) and titled and owned:
        return True
    if frame.content is not None and frame.content[0] <= first <= frame.content[1]:
        return False
    return bool(inner) and titled and all(t.i in known for t in inner)


def lead_words(ctx: Context, frame: Frame, first: int) -> list[Token]:
    """Words between a cue and the quote after it that the cue's frame does not explain."""
    known = _frame_tokens(frame) | _adjunct_tokens(ctx.doc, frame)
    words = [
        t
        for t in ctx.words(frame.cue.last + 1, first - 1)
        if t.i not in known
        # 'scolded him: "..."': the one spoken to
        and not (t.head.i == frame.cue.head and t.dep_ in OBJECTS and t.pos_ == "PRON")
    ]
    if words and words[0].lower_ == "that":
        words = words[1:]
    return words


def _frame_tokens(frame: Frame) -> set[int]:
    """Tokens that belong to a frame's own words: cue, source, addressee, adjuncts."""
    tokens = set(range(frame.cue.first, frame.cue.last + 1))
    for part in (frame.source, frame.addressee):
        if part is not None:
            tokens.update(range(part[0], part[1] + 1))
    return tokens


def _adjunct_tokens(doc: Doc, frame: Frame) -> set[int]:
    """Prepositional phrases and adverbs hanging off the cue ('in an interview', 'on Tuesday')."""
    tokens: set[int] = set()
    head = doc[frame.cue.head]
    for child in head.children:
        if child.dep_ in _FRAME_DEPS and not (child.dep_ == "dobj" and frame.content_kind == "np"):
            tokens.update(range(child.left_edge.i, child.right_edge.i + 1))
        if child.dep_ in ("aux", "auxpass", "neg", "punct", "mark") or child.lower_ == "that":
            tokens.add(child.i)
    return tokens
