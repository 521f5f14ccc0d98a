"""How well loose articles are grouped into stories: B-cubed against the evaluation clusters.

The articles of the evaluation clusters are written under meaningless names (a hash) into one
temporary folder, loaded as the build loads them, grouped by :func:`briefing.stories.group_stories`,
and the grouping is scored with B-cubed precision, recall and F1 against the true clusters.

>>> score = grouping_eval(limit=20)  # doctest: +SKIP
>>> print(format_grouping(score))  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..analysers import analyser_for
from ..config import BriefingConfig
from ..pipeline import analyse_articles, load_content, pipeline_languages
from ..stories import GROUP_THRESHOLD, group_stories
from .data import load_clusters

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class GroupingScore:
    """B-cubed precision, recall and F1 of a grouping against the true clusters."""

    precision: float
    recall: float
    f1: float
    articles: int  # articles grouped (after loading and cleaning)
    clusters: int  # true clusters they come from
    stories: int  # stories the grouping made
    skipped: int = 0  # input documents that loading left out (empty after cleaning, duplicates…)
    threshold: float = GROUP_THRESHOLD


def b_cubed(predicted: Mapping[str, str], truth: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a grouping (item → group) against the truth (item → class).

    >>> b_cubed({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "y", "c": "y"})
    (0.6666666666666666, 0.6666666666666666, 0.6666666666666666)
    """
    items = sorted(predicted)
    if not items:
        return 0.0, 0.0, 0.0
    both = Counter((predicted[i], truth[i]) for i in items)
    in_group = Counter(predicted[i] for i in items)
    in_class = Counter(truth[i] for i in items)
    precision = sum(both[predicted[i], truth[i]] / in_group[predicted[i]] for i in items) / len(items)
    recall = sum(both[predicted[i], truth[i]] / in_class[truth[i]] for i in items) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def grouping_eval(
    path: Path | None = None,
    limit: int | None = None,
    config: BriefingConfig | None = None,
    cache_root: Path | None = None,
    threshold: float = GROUP_THRESHOLD,
) -> GroupingScore:
    """Drop the articles of evaluation clusters loose into one folder, group them, score the grouping.

    ``path`` defaults to ``../shared/evaldata/multinews_dev.jsonl`` (research use only: it is
    read in place; the articles are written to a temporary folder removed afterwards). The
    files are named by a hash, so nothing but their text tells where they belong. They go
    through the real loading (cleaning, duplicates, language) before they are grouped.
    """
    config = config or BriefingConfig()
    clusters = load_clusters(path, limit)
    truth: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="briefing-grouping-") as folder:
        root = Path(folder)
        for cluster in clusters:
            for number, text in enumerate(cluster.documents):
                name = hashlib.sha1(f"{cluster.id}/{number}".encode()).hexdigest()[:16] + ".txt"
                (root / name).write_text(text, encoding="utf-8")
                truth[name] = cluster.id
        loaded = load_content(root, pipeline_languages(config))
    analyses, _ = analyse_articles(loaded.articles, config, cache_root, analyser_for(config))
    stories = group_stories(loaded.articles, analyses, threshold)
    predicted = {article.path: story.slug for story in stories for article in story.articles}
    precision, recall, f1 = b_cubed(predicted, truth)
    logger.info(
        "grouped %d articles of %d clusters into %d stories", len(predicted), len(clusters), len(stories)
    )
    return GroupingScore(
        precision=precision,
        recall=recall,
        f1=f1,
        articles=len(predicted),
        clusters=len({truth[p] for p in predicted}),
        stories=len(stories),
        skipped=len(truth) - len(predicted),
        threshold=threshold,
    )


def format_grouping(score: GroupingScore) -> str:
    """A short plain-text table of a :class:`GroupingScore`."""
    header = ("grouping", "B3 precision", "B3 recall", "B3 F1", "articles", "clusters", "stories")
    row = (
        "briefing",
        f"{score.precision:.3f}",
        f"{score.recall:.3f}",
        f"{score.f1:.3f}",
        str(score.articles),
        str(score.clusters),
        str(score.stories),
    )
    widths = [max(len(a), len(b)) for a, b in zip(header, row, strict=True)]
    lines = [
        " | ".join(
            cell.ljust(w) if k == 0 else cell.rjust(w)
            for k, (cell, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in (header, row)
    ]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    lines.append(
        f"loose articles of {score.clusters} clusters grouped at threshold {score.threshold:g}; "
        f"{score.skipped} documents left out by loading"
    )
    return "\n".join(lines)
