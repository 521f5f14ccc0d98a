"""A content-addressed JSON cache of the build's stage results.

Each result that is a pure function of its inputs is stored under a hash of them: an article's
analysis (its text, the spaCy pipeline, the versions of spaCy and briefing), its summary (the
analysis and the summarizer settings), a story's briefing (its articles, the settings, the model
and the code) and a briefing's rendered HTML. A changed input never reads a stale entry; an
unchanged one is never computed twice. Entries are written whole or not at all, so a build
stopped at any moment leaves only whole entries behind.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from .codec import from_plain, to_plain
from .models import ArticleAnalysis

logger = logging.getLogger(__name__)

FORMAT = 2  # of the stored entries; a new format reads none of the old ones


def digest(*parts: str) -> str:
    """A hash of some strings (as a key of the cache)."""
    hashed = hashlib.sha256(str(FORMAT).encode())
    for part in parts:
        hashed.update(b"\0")
        hashed.update(part.encode("utf-8", "surrogatepass"))
    return hashed.hexdigest()


def plain_key(value: Any) -> str:
    """A hash of a record of :mod:`briefing.models` (or plain values made of them)."""
    return digest(json.dumps(to_plain(value), ensure_ascii=False, sort_keys=True))


@cache
def code_version() -> str:
    """A hash of the briefing package's own source: a changed stage never reads an old result."""
    package = Path(__file__).resolve().parent
    hashed = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        hashed.update(str(path.relative_to(package)).encode())
        hashed.update(b"\0")
        hashed.update(path.read_bytes())
    return hashed.hexdigest()


class Store:
    """Plain JSON values under ``folder/<kind>/<key>.json``; ``None`` stores nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def get(self, kind: str, key: str) -> Any | None:
        if self.folder is None:
            return None
        path = self.folder / kind / f"{key}.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            logger.warning("ignoring unreadable cache entry %s: %s", path, exc)
            return None

    def has(self, kind: str, key: str) -> bool:
        return self.folder is not None and (self.folder / kind / f"{key}.json").is_file()

    def put(self, kind: str, key: str, value: Any) -> None:
        if self.folder is None:
            return
        folder = self.folder / kind
        folder.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        # write then rename, so a killed build never leaves half an entry
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
            os.replace(tmp, folder / f"{key}.json")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def record(self, kind: str, key: str, type_: Any) -> Any | None:
        """The record of ``type_`` stored under ``key``, or ``None`` (also for an entry of another shape)."""
        value = self.get(kind, key)
        if value is None:
            return None
        try:
            return from_plain(type_, value)
        except (ValueError, KeyError, TypeError) as exc:
            logger.warning("ignoring a cache entry of another shape (%s/%s): %s", kind, key, exc)
            return None

    def put_record(self, kind: str, key: str, record: Any) -> None:
        self.put(kind, key, to_plain(record))


class AnalysisCache:
    """The analysis of each article text, keyed by the text and ``salt`` (model and versions)."""

    def __init__(self, folder: Path | None, salt: str) -> None:
        self.store = Store(folder)
        self.salt = salt

    def key(self, text: str) -> str:
        return digest(self.salt, text)

    def get(self, text: str, article_id: str) -> ArticleAnalysis | None:
        found = self.store.record("analysis", self.key(text), ArticleAnalysis)
        return None if found is None else analysis_for(found, article_id)

    def has(self, text: str) -> bool:
        return self.store.has("analysis", self.key(text))

    def put(self, text: str, analysis: ArticleAnalysis) -> None:
        self.store.put("analysis", self.key(text), analysis_record(analysis))


def analysis_record(analysis: ArticleAnalysis) -> dict:
    """An analysis as the plain dict the cache stores as JSON (the warm spaCy server sends the same)."""
    return to_plain(analysis)


def analysis_from_record(record: dict, article_id: str) -> ArticleAnalysis:
    """The analysis of ``article_id`` back from :func:`analysis_record`'s dict."""
    return analysis_for(from_plain(ArticleAnalysis, record), article_id)


def analysis_for(analysis: ArticleAnalysis, article_id: str) -> ArticleAnalysis:
    """The same analysis as that of ``article_id`` (the same text may be another file's)."""
    if analysis.article_id == article_id:
        return analysis
    sentences = tuple(replace(s, article_id=article_id) for s in analysis.sentences)
    return replace(analysis, article_id=article_id, sentences=sentences)
