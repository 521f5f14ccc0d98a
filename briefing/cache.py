"""A content-addressed JSON cache of per-article analysis.

The key is a hash of the article text, the pipeline name and version, and the versions of
briefing and spaCy, so a changed article, model or library never reads a stale entry.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from .models import ArticleAnalysis, Entity, SentenceRef, Token

logger = logging.getLogger(__name__)

FORMAT = 1


class AnalysisCache:
    """Read and write :class:`ArticleAnalysis` records under ``folder``; ``None`` disables it."""

    def __init__(self, folder: Path | None, salt: str) -> None:
        self.folder = folder
        self.salt = salt

    def key(self, text: str) -> str:
        digest = hashlib.sha256(f"{FORMAT}\0{self.salt}\0{text}".encode())
        return digest.hexdigest()

    def get(self, text: str, article_id: str) -> ArticleAnalysis | None:
        if self.folder is None:
            return None
        path = self.folder / f"{self.key(text)}.json"
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            logger.warning("ignoring unreadable cache entry %s: %s", path, exc)
            return None
        return analysis_from_record(record, article_id)

    def put(self, text: str, analysis: ArticleAnalysis) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{self.key(text)}.json"
        payload = json.dumps(analysis_record(analysis), ensure_ascii=False, separators=(",", ":"))
        # write then rename, so a killed build never leaves half an entry
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
        os.replace(tmp, path)


def analysis_record(analysis: ArticleAnalysis) -> dict:
    """An analysis as the plain dict the cache stores as JSON (the warm spaCy server sends the same)."""
    return asdict(analysis)


def analysis_from_record(record: dict, article_id: str) -> ArticleAnalysis:
    """The analysis of ``article_id`` back from :func:`analysis_record`'s dict."""
    sentences = tuple(
        SentenceRef(
            article_id=article_id,
            index=s["index"],
            text=s["text"],
            start=s["start"],
            end=s["end"],
            tokens=tuple(Token(**t) for t in s["tokens"]),
            entities=tuple(Entity(**e) for e in s["entities"]),
        )
        for s in record["sentences"]
    )
    return ArticleAnalysis(article_id, sentences, record["model"])
