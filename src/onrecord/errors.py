"""Errors a user can act on."""


class OnrecordError(Exception):
    """Base class for errors onrecord reports to users."""


class InputError(OnrecordError):
    """The input cannot be analysed as given; the message says why and what to do."""


class ModelError(OnrecordError):
    """The spaCy pipeline cannot be loaded or lacks a component onrecord needs."""
