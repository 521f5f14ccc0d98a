"""Errors that the build reports as one clear line: what went wrong, where, and how to fix it."""

from __future__ import annotations


class BriefingError(Exception):
    """Base class of every error the build expects and explains."""


class ArticleError(BriefingError):
    """An input file that cannot be used; the rest of the site still builds."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ModelNotFoundError(BriefingError):
    """No spaCy pipeline is installed under any of the names we try."""


class SettingsError(BriefingError):
    """A setting has a value the build cannot use."""
