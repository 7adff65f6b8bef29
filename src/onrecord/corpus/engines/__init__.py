"""Ingest engines beyond the local process pool: Ray Data for a cluster, and the Parquet
record files it writes.

``onrecord.corpus.ingest.ingest`` is the local engine (worker processes on this machine);
``onrecord.corpus.engines.ray_engine.ingest_ray`` runs the same analysis on a Ray cluster. Ray is
an optional dependency: ``pip install 'onrecord[ray]'``.
"""

from __future__ import annotations

from types import ModuleType

from onrecord.errors import OnrecordError

ENGINES = ("local", "ray")


class EngineError(OnrecordError):
    """An engine cannot run as asked (Ray not installed, no output given, ...)."""


def require_ray() -> ModuleType:
    """The ``ray`` module, or an EngineError saying how to install it."""
    try:
        import ray
        import ray.data  # Ray Data is the extra we need, not only Ray core
    except ImportError:
        raise EngineError(
            "the ray engine needs Ray Data, which is not installed; install it with "
            "`pip install 'onrecord[ray]'` (or `pip install 'ray[data]>=2.40,<3'`), or use "
            "--engine local"
        ) from None
    return ray
