"""What every request handler needs: the settings, the store, the analyser, the templates."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from onrecord.corpus.store import Store
from onrecord.web.analysis import AnalysisQueue
from onrecord.web.cache import ReadCache
from onrecord.web.settings import Settings
from onrecord.web.templating import Templates


@dataclass(frozen=True)
class Context:
    settings: Settings
    store: Store
    analyser: AnalysisQueue
    templates: Templates
    cache: ReadCache


def get_context(request: Request) -> Context:
    context: Context = request.app.state.onrecord
    return context
