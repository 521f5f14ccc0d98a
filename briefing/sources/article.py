"""An article from its blocks: cleaned, its metadata settled from the file and from what cleaning
learned, its language told, its id given.

>>> article = article_from_text("By Jane Roe\\nThe harbour was closed on Sunday after a storm.", "a.txt")
>>> article.author, article.text
('Jane Roe', 'The harbour was closed on Sunday after a storm.')
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from ..errors import ArticleError, ArticleWarning
from ..models import SourceArticle
from .blocks import Block, _text, normalise_space
from .clean import NOTICE_REASON, Evidence, clean_blocks, page_notice, word_count
from .kinds import REPORT, SOURCE_KINDS, source_kind
from .language import UNKNOWN_LANGUAGE, detected_language, language_code
from .markdown import text_blocks
from .metadata import _date_text, _name, _safe_url, outlet_from_url, parse_date_line
from .validate import author_name, publication_date

# An article text longer than this (about 25,000 words) is refused: spaCy parses 2,500 to 4,000
# words a second here, so one such file would add a long wait to every cold build. Long reads
# stay well under it: the longest of the 243 Multi-News evaluation articles has 49,746
# characters, the longest article page of trafilatura's evaluation set about 100,000.
MAX_ARTICLE_CHARS = 150_000


@dataclass(frozen=True, slots=True)
class FileArticles:
    """What one input gave: its articles, the entries it could not use, and what was guessed."""

    articles: tuple[SourceArticle, ...]
    skipped: tuple[ArticleError, ...] = ()
    warnings: tuple[ArticleWarning, ...] = ()


def article_from_text(text: str, rel: str, story: str = "") -> SourceArticle:
    """An article from plain text that has no file of its own (evaluation data, tests)."""
    return article_from_blocks(text_blocks(text), {}, rel, story)


def article_from_blocks(
    blocks: list[Block], meta: dict[str, Any], rel: str, story: str | None, key: str | None = None
) -> SourceArticle:
    """Clean the blocks and settle the metadata: the file's own metadata first, then evidence.

    ``meta`` holds front matter keys, each as the editor wrote it or as the page or feed reader
    checked it (:mod:`.validate`); ``page_language`` is a language the page or feed declares,
    used only when the text is too short to tell; a ``kind`` there overrides the one told from
    the text and URL (``article``: an outlet's report, no label). ``key`` tells apart articles
    of one file. What cleaning learned (a byline, a credit, a date line) is checked here before
    it is used.
    """
    kept, evidence = clean_blocks(blocks)
    prefix = f"{NOTICE_REASON}: "
    notices = [r.removeprefix(prefix) for r in evidence.removed if r.startswith(prefix)]
    shown = " ".join(notices)
    if notices and word_count(" ".join(kept)) < word_count(shown) and (notice := page_notice(shown)):
        # a page that is more notice than text ("This feature is not available right now")
        raise ArticleError(rel, f"no article: the page shows {notice}", "no article")
    if not kept:
        raise ArticleError(rel, "no article text left after cleaning" + _what_it_held(evidence), "no text")
    text = "\n\n".join(kept)
    if notice := page_notice(text):
        raise ArticleError(rel, f"no article: the page shows {notice}", "no article")
    if len(text) > MAX_ARTICLE_CHARS:
        raise ArticleError(rel, _too_long(len(text)), "too large")
    title = _name(meta.get("title"), "title") or _name(_first_heading(blocks), "title") or evidence.title
    url = _safe_url(_text(meta.get("url"))) or evidence.url
    outlet = _name(meta.get("outlet"), "outlet") or outlet_from_url(url)
    language = (
        language_code(meta.get("language"))
        or detected_language(text)
        or language_code(meta.get("page_language"))
        or UNKNOWN_LANGUAGE
    )
    declared = _text(meta.get("kind"))
    lines = (b.text for b in blocks if b.text.strip())
    if declared and declared.lower() in (*SOURCE_KINDS, REPORT):
        kind = declared.lower()
    else:
        kind = source_kind(text, url, language, lines)
    return SourceArticle(
        id=article_id(rel, key),
        path=rel,
        story=_text(meta.get("story")) or story or "",
        text=text,
        title=title,
        outlet=outlet,
        url=url,
        published=_date_text(meta.get("published")) or _date_line_before_text(blocks, kept, evidence),
        author=_name(meta.get("author"), "author") or author_name(evidence.author, outlet, url),
        language=language,
        removed=tuple(evidence.removed),
        headings=tuple(evidence.headings),
        items=tuple(evidence.items),
        kind=None if kind == REPORT else kind,
    )


def body_parts(article: SourceArticle) -> list[tuple[str, str]]:
    """The article's body in order, each part a ``paragraph``, a list ``item`` or a ``heading``.

    >>> body_parts(SourceArticle("a", "a.md", "", "One.\\n\\nTwo.", headings=((1, "Then"),)))
    [('paragraph', 'One.'), ('heading', 'Then'), ('paragraph', 'Two.')]
    """
    headings: dict[int, list[str]] = {}
    for before, heading in article.headings:
        headings.setdefault(before, []).append(heading)
    items = set(article.items)
    parts: list[tuple[str, str]] = []
    for number, paragraph in enumerate(article.text.split("\n\n")):
        parts.extend(("heading", heading) for heading in headings.get(number, ()))
        parts.append(("item" if number in items else "paragraph", paragraph))
    return parts


def _date_line_before_text(blocks: list[Block], kept: list[str], evidence: Evidence) -> str | None:
    """The date of a date line above the article's first paragraph; one further down dates
    something else (a cited report, an embedded post, a comment)."""
    if not evidence.published:
        return None
    for block in blocks:
        text = normalise_space(block.text)
        if parse_date_line(text) == evidence.published:
            return publication_date(evidence.published)
        if kept and kept[0] in text:
            return None
    return None


# What the lines cleaning removed were, told when nothing was left ("it holds …").
_HELD = {
    "links": ("link", "links"),
    "link to another article": ("link", "links"),
    "heading or fragment": ("heading or short line", "headings or short lines"),
    "fragment": ("heading or short line", "headings or short lines"),
    "photo caption or credit": ("photo caption or credit", "photo captions or credits"),
    "page furniture": ("line of page furniture", "lines of page furniture"),
    NOTICE_REASON: ("notice", "notices"),
}


def _what_it_held(evidence: Evidence) -> str:
    """What a page that gave no article text held instead: its three most frequent kinds of line,
    none of them a paragraph of sentences.

    >>> _what_it_held(Evidence(removed=["links: Home", "links: Sport", "heading or fragment: Menu"]))
    ': it holds 2 links and 1 heading or short line'
    """
    kinds = [_HELD.get(line.split(":", 1)[0]) for line in evidence.removed]
    counted = sorted(((kinds.count(k), k) for k in dict.fromkeys(kinds) if k), key=lambda c: -c[0])
    if not counted:
        return ""
    told = [f"{lines} {kind[lines > 1]}" for lines, kind in counted[:3]]
    return ": it holds " + (", ".join(told[:-1]) + " and " if len(told) > 1 else "") + told[-1]


def _first_heading(blocks: list[Block]) -> str | None:
    return next((normalise_space(b.text) for b in blocks if b.heading and b.text.strip()), None)


def _too_long(chars: int) -> str:
    return (
        f"too large: {chars:,} characters of text, more than the {MAX_ARTICLE_CHARS:,} an article "
        "may have: keep only the article, or split it into several"
    )


def article_id(rel_path: str, key: str | None = None) -> str:
    """A short id, stable for a given path under the content root (and entry ``key`` of a feed)."""
    stem = re.sub(r"[^a-z0-9]+", "-", PurePosixPath(rel_path).stem.lower()).strip("-")[:24]
    digest = hashlib.sha1((rel_path if key is None else f"{rel_path}#{key}").encode()).hexdigest()[:6]
    return f"{stem}-{digest}" if stem else digest
