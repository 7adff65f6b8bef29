"""The web reader and REST API over a corpus store (``onrecord serve``)."""

from onrecord.web.app import create_app
from onrecord.web.settings import Settings

__all__ = ["Settings", "create_app"]
