"""The analysis of one article: spaCy's parse, then quotes, speakers, dates and acts,
assembled into its record. The only package that imports spaCy."""

from onrecord.pipeline.analyzer import analyze, analyze_many, trace_statements

__all__ = ["analyze", "analyze_many", "trace_statements"]
