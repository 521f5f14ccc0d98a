"""Errors that the build reports as one clear line: what went wrong, where, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


class BriefingError(Exception):
    """Base class of every error the build expects and explains."""


class ArticleError(BriefingError):
    """An input file that cannot be used; the rest of the site still builds.

    ``reason`` is a short name for the kind of problem ("empty", "binary", "encoding", "too large",
    "front matter", "language", "file type", "unreadable", "no text", "no article", "duplicate",
    "feed"), used to count what a build skipped; ``problem`` says what is wrong and how to fix it.
    """

    def __init__(self, path: str, problem: str, reason: str = "unusable") -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ArticleWarning:
    """An input the build could use, but only after a guess the editor should know about."""

    path: str
    problem: str
    reason: str = "warning"

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


class StrictInputError(BriefingError):
    """``--strict``: some input files were skipped or needed a guess, so the build stops."""


class FetchError(BriefingError):
    """``briefing add URL``: the page could not be fetched."""


class ModelNotFoundError(BriefingError):
    """No spaCy pipeline is installed under any of the names we try."""


class SettingsError(BriefingError):
    """A setting has a value the build cannot use."""
