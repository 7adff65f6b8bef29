"""onrecord: who said what, to whom, when and how, from news articles."""

from onrecord.article import Article
from onrecord.errors import InputError
from onrecord.pipeline import Analyzer, analyze, analyze_many, trace_statements
from onrecord.record import ArticleRecord, Entity, Quote
from onrecord.statements.model import Statement, StatementReport

__all__ = [
    "Analyzer",
    "Article",
    "ArticleRecord",
    "Entity",
    "InputError",
    "Quote",
    "Statement",
    "StatementReport",
    "analyze",
    "analyze_many",
    "trace_statements",
]
__version__ = "0.1.0"
