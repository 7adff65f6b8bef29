"""Statements across reports: versions of one utterance grouped across the corpus, the
outlets and intermediaries that reported it, and how its wording drifted.

Pure functions live here (:mod:`.grouping`, :mod:`.drift`; :mod:`.records` groups
article records in memory); the store keeps
the groups in its own tables (:mod:`onrecord.corpus.store.statements`).
"""

from onrecord.statements.drift import Difference, DriftFlag, Version, drift
from onrecord.statements.grouper import Grouper, group
from onrecord.statements.grouping import Report
from onrecord.statements.model import Statement, StatementReport, StatementRow

__all__ = [
    "Difference",
    "DriftFlag",
    "Grouper",
    "Report",
    "Statement",
    "StatementReport",
    "StatementRow",
    "Version",
    "drift",
    "group",
]
