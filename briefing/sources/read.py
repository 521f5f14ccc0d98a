"""One input file, or the bytes of a download, to its articles: the reader its kind calls for,
after the limits on size that keep a build quick."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from ..errors import ArticleError
from ..models import SourceArticle
from .article import MAX_ARTICLE_CHARS, FileArticles, _too_long, article_from_blocks
from .decode import _check_bytes, _declared_charset, decode_text
from .feeds import feed_articles
from .front_matter import front_matter_problems, split_front_matter
from .markdown import markdown_blocks, text_blocks
from .pages import html_page

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
ACCEPTED_SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES

# A file larger than this is not read at all (a saved page with inline scripts is a few MB at most).
MAX_FILE_BYTES = 20_000_000
# Text or Markdown longer than this is refused before cleaning, which only removes lines.
MAX_SOURCE_CHARS = 2 * MAX_ARTICLE_CHARS
# A saved page showing more text than this (navigation, comments and all) is refused before
# its article is looked for: trafilatura took 4 s on 1.7 million characters, a minute on 8.7.
MAX_PAGE_TEXT_CHARS = 2 * MAX_ARTICLE_CHARS


def kind_of(suffix: str, rel: str) -> str:
    """The reader for a file name ending: markdown, text, html or feed."""
    suffix = suffix.lower()
    for kind, suffixes in (
        ("markdown", MARKDOWN_SUFFIXES),
        ("text", TEXT_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("feed", FEED_SUFFIXES),
    ):
        if suffix in suffixes:
            return kind
    raise ArticleError(
        rel,
        f"unknown file type {suffix or '(none)'}: use .md, .txt, .html or a feed (.xml, .rss, .atom)",
        "file type",
    )


def read_file(path: Path, content_root: Path, story: str | None) -> FileArticles:
    """Read and clean one input file; raise :class:`ArticleError` when none of it can be used."""
    rel = path.relative_to(content_root).as_posix()
    kind = kind_of(path.suffix, rel)
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            raw = b"" if size > MAX_FILE_BYTES else handle.read(MAX_FILE_BYTES + 1)
        size = max(size, len(raw))
        if size > MAX_FILE_BYTES:
            raise ArticleError(
                rel,
                f"too large: {_megabytes(size)}, more than the {_megabytes(MAX_FILE_BYTES)} an article "
                "file may have: split it or keep only the article",
                "too large",
            )
    except OSError as exc:
        raise ArticleError(rel, f"cannot be read ({exc.strerror or exc})", "unreadable") from exc
    return parse_source(raw, rel, kind, story)


def load_article(path: Path, content_root: Path, story: str | None) -> SourceArticle:
    """The article of one file (the first usable entry of a feed); :class:`ArticleError` if none."""
    return read_file(path, content_root, story).articles[0]


def parse_source(
    raw: bytes,
    rel: str,
    kind: str,
    story: str | None,
    url: str | None = None,
    charset: str | None = None,
) -> FileArticles:
    """Articles from the bytes of one input of the given kind (see :func:`kind_of`).

    ``url`` is where the bytes were fetched from, when they were: it counts as the article's
    URL unless the page names its own canonical one. ``charset`` is the encoding the server
    declared; a saved page's ``<meta charset>`` counts too.
    """
    _check_bytes(raw, rel)
    if kind == "feed":
        return feed_articles(raw, rel, story)
    declared = charset or (_declared_charset(raw) if kind == "html" else None)
    text, warning = decode_text(raw, rel, declared)
    if kind in ("markdown", "text") and len(text) > MAX_SOURCE_CHARS:
        raise ArticleError(rel, _too_long(len(text)), "too large")
    if kind == "html" and _visible_chars(text) > MAX_PAGE_TEXT_CHARS:
        raise ArticleError(
            rel,
            f"too large: more than {MAX_PAGE_TEXT_CHARS:,} characters of text on the page, "
            f"where an article has at most {MAX_ARTICLE_CHARS:,}: save the article's page alone",
            "too large",
        )
    warnings = (warning,) if warning else ()
    meta: dict[str, Any] = {}
    if kind == "markdown":
        meta, body = split_front_matter(text, rel)
        meta, problems = front_matter_problems(meta, rel)
        warnings += tuple(problems)
        blocks = markdown_blocks(body)
    elif kind == "html":
        meta, blocks = html_page(text, url)
    else:
        blocks = text_blocks(text)
        meta = {"url": url} if url else {}
    return FileArticles((article_from_blocks(blocks, meta, rel, story),), (), warnings)


_INVISIBLE_ELEMENTS = re.compile(r"<(script|style|template|svg)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")


def _visible_chars(html: str) -> int:
    """About how many characters of text a page shows (scripts, styles and tags left out): the
    work of finding its article grows faster than that, so it is bounded before it starts."""
    return len("".join(_TAG.sub(" ", _INVISIBLE_ELEMENTS.sub(" ", html)).split()))


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
