"""Discovery: the article files of the content root, each with the story its folder names."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from ..errors import ArticleError
from ..walk import walk_files

logger = logging.getLogger(__name__)


def discover(
    content_root: Path, skipped: list[ArticleError] | None = None
) -> Iterator[tuple[Path, str | None]]:
    """Yield each article file under the content root with the story its folder names.

    Files directly in the root yield ``None``: they are grouped into stories later.
    Hidden entries and names starting with ``_`` are skipped. Only what lies inside the content
    root is read (see :func:`briefing.walk.walk_files`): each path left out (a link that leaves
    the root, a folder that cannot be listed…) is added to ``skipped``. A broken link is
    yielded, so that reading it reports the problem instead of leaving the article out without
    a word.
    """
    if not content_root.is_dir():
        raise ArticleError(str(content_root), "content folder not found", "unreadable")
    listing = walk_files(content_root)
    for problem in listing.skipped:
        error = ArticleError(problem.path, problem.problem, "unreadable")
        if skipped is None:
            logger.warning("skipped %s", error)
        else:
            skipped.append(error)
    for path in listing.files:
        parts = path.relative_to(content_root).parts
        yield path, (parts[0] if len(parts) > 1 else None)
