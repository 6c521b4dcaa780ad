"""Errors a user can act on, as opposed to bugs.

A ``KnownError`` carries a message in Vietnamese and in English; the window shows it in a
dialog and the command line prints it on one line and exits with status 1. Anything else
that escapes is a bug and is reported with its traceback.
"""

from __future__ import annotations


class KnownError(Exception):
    """A problem with the user's input or environment, explained in both languages."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(f"{vi} / {en}")
        self.vi = vi
        self.en = en

    def message(self, language: str = "vi") -> str:
        return self.en if language == "en" else self.vi


class DatabaseError(KnownError):
    """The database cannot be opened or used as it is; it was left unchanged."""


class NotFound(KnownError):
    """A unit, checklist or assessment named by the user does not exist."""


class InvalidInput(KnownError):
    """A value the user gave is not acceptable; nothing was changed."""


class LockedError(KnownError):
    """The assessment is submitted and locked; reopen it first."""
