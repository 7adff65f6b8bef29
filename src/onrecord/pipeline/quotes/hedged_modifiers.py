"""A noun phrase reported with a hedged modifier set off after it.

"talked about an accident, reportedly at the port" reports the accident *at the
port*: the parser hangs the hedged phrase on the verb, but the hedge ("reportedly",
"allegedly") marks it as part of the claim, not as the author's circumstance.
"""

from __future__ import annotations

from spacy.tokens import Token

from onrecord.lexicon import Lexicon
from onrecord.pipeline.quotes.ranges import TokRange


def with_hedged_modifier(verb: Token, content: TokRange, lexicon: Lexicon) -> TokRange:
    """``content`` run on through a hedged phrase on ``verb`` that follows it."""
    first, last = content
    hedges = {hedge for hedge in lexicon.hedges if " " not in hedge}
    for child in verb.children:
        if child.i <= last or child.dep_ not in ("prep", "advcl", "npadvmod"):
            continue
        between = child.doc[last + 1 : child.left_edge.i]
        set_off = all(token.is_punct for token in between) and any(
            token.text == "," for token in between
        )
        hedged = any(
            grandchild.dep_ == "advmod" and grandchild.lower_ in hedges
            for grandchild in child.children
        )
        if set_off and hedged:
            last = child.right_edge.i
    return first, last
