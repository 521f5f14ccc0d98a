"""The evaluation clusters: articles about one event and their human reference summaries.

The evaluation data (Multi-News, research use only) is read from ``../shared/evaldata`` beside
the repository and is never copied into it.

>>> clusters = load_clusters(limit=3)  # doctest: +SKIP
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import BriefingError

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "evaldata" / "multinews_dev.jsonl"


@dataclass(frozen=True, slots=True)
class Cluster:
    """One evaluation item: articles about one event and the human reference summaries."""

    id: str
    documents: tuple[str, ...]
    references: tuple[str, ...]


def load_clusters(path: Path | None = None, limit: int | None = None) -> list[Cluster]:
    """The first ``limit`` clusters (all when ``None``) of a Multi-News style JSONL file."""
    path = DEFAULT_DATA if path is None else Path(path)
    if not path.is_file():
        raise BriefingError(
            f"{path}: evaluation data not found (expects ../shared/evaldata/multinews_dev.jsonl "
            "beside the repository)"
        )
    clusters: list[Cluster] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if limit is not None and len(clusters) >= limit:
                break
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                cluster = Cluster(
                    id=str(record["id"]),
                    documents=tuple(str(d["text"]) for d in record["documents"]),
                    references=tuple(str(s) for s in record["summaries"]),
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise BriefingError(f"{path}:{number}: not an evaluation record ({exc})") from exc
            clusters.append(cluster)
    return clusters
