"""Speakers: the person or body behind each source mention, and how it was reached.

:class:`SpeakerResolver` gives every source mention a referent: a person, a body
(organisation, outlet, government, campaign, police, a group the article names), or nobody
(an unnamed source). Each :class:`Speaker` says how it was reached (``how``).
"""

from onrecord.pipeline.speakers.aliases import note_source_mentions
from onrecord.pipeline.speakers.context import Speaker
from onrecord.pipeline.speakers.genders import infer_genders
from onrecord.pipeline.speakers.resolver import SpeakerResolver

__all__ = ["Speaker", "SpeakerResolver", "infer_genders", "note_source_mentions"]
