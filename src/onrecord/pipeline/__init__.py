"""The analysis of one article: spaCy's parse, then quotes, speakers, dates and acts,
assembled into its record. The only package that imports spaCy; everything outside it
analyses through :class:`Analyzer` (or the ``analyze`` and ``analyze_many`` that wrap it)."""

from onrecord.pipeline.analyzer import Analyzer, analyze, analyze_many, trace_statements

__all__ = ["Analyzer", "analyze", "analyze_many", "trace_statements"]
