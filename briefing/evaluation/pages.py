"""How much of a saved page's article the reader keeps, next to plain trafilatura.

A folder laid out as trafilatura's own evaluation set: ``evaldata.json`` maps each page's URL to
its ``file`` (under ``eval/``), the snippets the extraction must contain (``with``) and those it
must not (``without``). Each page is read the way ``briefing add page.html`` reads it (the text
kept after cleaning, whatever its language) and by ``trafilatura.extract`` with its default
settings, in the same run. The snippets are scored as trafilatura scores itself: a ``with``
snippet found is a true positive, one missing a false negative; a ``without`` snippet found is a
false positive, one absent a true negative (whitespace-normalised substring matching).

>>> print(format_pages(pages_eval(Path("tests/data/pages"))))  # doctest: +SKIP
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ArticleError, BriefingError
from ..models import SourceArticle
from ..sources import body_parts, parse_source


@dataclass(slots=True)
class SnippetScore:
    """Snippets found and missed by one reader over the pages, and the pages it refused."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    refused: list[str] = field(default_factory=list)  # page files that gave no text

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    def add(self, page: dict[str, Any], text: str | None) -> None:
        """Count one page's snippets against the text read from it (``None``: refused)."""
        found = _norm(text or "")
        with_found = sum(1 for s in page["with"] if _norm(s) in found) if text else 0
        without_found = sum(1 for s in page["without"] if _norm(s) in found) if text else 0
        self.tp += with_found
        self.fn += len(page["with"]) - with_found
        self.fp += without_found
        self.tn += len(page["without"]) - without_found


@dataclass(slots=True)
class PageScore:
    """Both readers on the same pages, and the pages only trafilatura could read (file, reason)."""

    pages: int = 0
    briefing: SnippetScore = field(default_factory=SnippetScore)
    trafilatura: SnippetScore = field(default_factory=SnippetScore)
    refused_only_here: list[tuple[str, str]] = field(default_factory=list)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_page(raw: bytes, name: str) -> SourceArticle:
    """A saved page read as the build reads it; :class:`ArticleError` when it keeps no text."""
    return parse_source(raw, name, "html", None).articles[0]


def page_text(article: SourceArticle) -> str:
    """The text ``briefing add`` writes of an article: paragraphs, list items and headings."""
    return "\n\n".join(text for _, text in body_parts(article))


def briefing_text(raw: bytes, name: str) -> str:
    """The text ``briefing add`` keeps of a saved page; :class:`ArticleError` when it keeps none."""
    return page_text(read_page(raw, name))


def trafilatura_text(raw: bytes) -> str | None:
    """Plain ``trafilatura.extract`` with its default settings."""
    import trafilatura

    return trafilatura.extract(raw)


def read_index(folder: Path) -> dict[str, dict[str, Any]]:
    """The annotations of a folder laid out as trafilatura's evaluation set, by page URL."""
    index = Path(folder) / "evaldata.json"
    if not index.is_file():
        raise BriefingError(
            f"{index}: not found: --pages takes a folder laid out as trafilatura's evaluation set "
            "(evaldata.json and the pages under eval/)"
        )
    try:
        return json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BriefingError(f"{index}: not a page evaluation index ({exc})") from exc


def load_pages(folder: Path, limit: int | None = None) -> Iterator[tuple[str, dict[str, Any], bytes]]:
    """(file name, annotation, bytes) of each page of the folder whose file is there, by URL."""
    annotations = read_index(folder)
    count = 0
    for url in sorted(annotations):
        page = annotations[url]
        path = Path(folder) / "eval" / page["file"]
        if not path.is_file():
            continue  # trafilatura keeps some pages in a cache folder it does not ship
        if limit is not None and count >= limit:
            break
        count += 1
        yield page["file"], page, path.read_bytes()


def pages_eval(
    folder: Path,
    limit: int | None = None,
    reader: Callable[[bytes, str], str] = briefing_text,
    peer: Callable[[bytes], str | None] = trafilatura_text,
) -> PageScore:
    """Score the reader and its peer on the first ``limit`` pages of ``folder`` (all when ``None``)."""
    score = PageScore()
    for name, page, raw in load_pages(folder, limit):
        score.pages += 1
        try:
            ours: str | None = reader(raw, name)
            reason = ""
        except ArticleError as exc:
            ours, reason = None, exc.problem
        try:
            theirs = peer(raw)
        except Exception:  # a crash of the peer counts as a page it could not read
            theirs = None
        score.briefing.add(page, ours)
        score.trafilatura.add(page, theirs)
        if not ours:
            score.briefing.refused.append(name)
        if not theirs:
            score.trafilatura.refused.append(name)
        if not ours and theirs:
            score.refused_only_here.append((name, reason))
    return score


def format_pages(score: PageScore) -> str:
    """The two readers side by side as an aligned plain-text table, then the pages only
    trafilatura could read, each with the reason the reader gave."""
    lines = [
        f"page extraction on {score.pages} saved pages (snippets, scored as trafilatura scores itself)",
        f"{'reader':14} {'precision':>9} {'recall':>7} {'accuracy':>8} {'F1':>6} {'refused':>8}",
    ]
    for name, reader in (("briefing", score.briefing), ("trafilatura", score.trafilatura)):
        lines.append(
            f"{name:14} {reader.precision:9.3f} {reader.recall:7.3f} {reader.accuracy:8.3f} "
            f"{reader.f1:6.3f} {len(reader.refused):8}"
        )
    lines.append(f"refused by briefing, read by trafilatura: {len(score.refused_only_here)}")
    lines.extend(f"  {name}: {reason}" for name, reason in score.refused_only_here)
    return "\n".join(lines)
