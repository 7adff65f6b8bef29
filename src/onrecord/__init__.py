"""onrecord: who said what, to whom, when and how, from news articles."""

from onrecord.api import analyze, analyze_many
from onrecord.article import Article
from onrecord.errors import InputError
from onrecord.record import ArticleRecord, Entity, Quote

__all__ = ["Article", "ArticleRecord", "Entity", "InputError", "Quote", "analyze", "analyze_many"]
__version__ = "0.1.0"
