"""The reader of RSS and Atom feeds: one article per entry (feedparser reads the bytes; nothing is
fetched)."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

from ..errors import ArticleError, ArticleWarning
from .article import FileArticles, article_from_blocks
from .blocks import Block, _text, normalise_space
from .metadata import _safe_url, outlet_from_url
from .validate import author_name, publication_date, site_name

# A feed's entries beyond this are not read (a news feed carries 10 to 50): each is an article.
MAX_FEED_ENTRIES = 50


def feed_articles(raw: bytes, rel: str, story: str | None) -> FileArticles:
    """One article per entry of an RSS or Atom feed (feedparser reads the bytes; nothing is fetched)."""
    import feedparser

    raw, total = _first_entries(raw, MAX_FEED_ENTRIES)
    parsed = feedparser.parse(io.BytesIO(raw), sanitize_html=True, resolve_relative_uris=False)
    total = max(total, len(parsed.entries))
    if not parsed.entries:
        if parsed.get("bozo"):
            raise ArticleError(
                rel, f"not a readable RSS or Atom feed ({parsed.get('bozo_exception')})", "feed"
            )
        raise ArticleError(rel, "no entries: not an RSS or Atom feed, or an empty one", "feed")
    channel = parsed.feed
    articles, skipped = [], []
    warnings = []
    if total > MAX_FEED_ENTRIES:
        warnings.append(
            ArticleWarning(
                rel,
                f"{total:,} entries: only the first {MAX_FEED_ENTRIES} are read; split the "
                "feed or add the entries you need as files",
                "feed",
            )
        )
    for number, entry in enumerate(parsed.entries[:MAX_FEED_ENTRIES], 1):
        content = entry.get("content") or []
        body = content[0].get("value", "") if content else entry.get("summary", "")
        link = _safe_url(entry.get("link"))
        outlet = outlet_from_url(link) or site_name(_strip_tags(channel.get("title")))
        meta = {
            "title": _strip_tags(entry.get("title")),
            "url": link,
            "outlet": outlet,
            "author": author_name(_feed_author(entry.get("author")), outlet, link),
            "published": publication_date(
                _feed_date(entry.get("published_parsed") or entry.get("updated_parsed"))
            ),
            "page_language": entry.get("language") or channel.get("language"),
        }
        key = entry.get("id") or entry.get("link") or str(number)
        try:
            blocks = html_fragment_blocks(body)
            articles.append(
                article_from_blocks(blocks, {k: v for k, v in meta.items() if v}, rel, story, key)
            )
        except ArticleError as error:
            label = f"entry {number}" + (f" ({meta['title']!r})" if meta["title"] else "")
            skipped.append(ArticleError(rel, f"{label}: {error.problem}", error.reason))
    if not articles:
        raise (
            skipped[0]
            if len(skipped) == 1
            else ArticleError(
                rel, f"none of its {len(skipped)} entries has article text left after cleaning", "no text"
            )
        )
    return FileArticles(tuple(articles), tuple(skipped), tuple(warnings))


def _first_entries(raw: bytes, limit: int) -> tuple[bytes, int]:
    """A feed cut after its ``limit``-th entry, so that the rest is never parsed (feedparser
    takes seconds a megabyte), and how many entries it holds (0 when it holds no more).

    >>> _first_entries(b"<rss><channel><item>a</item><item>b</item></channel></rss>", 1)
    (b'<rss><channel><item>a</item></channel></rss>', 2)
    """
    lower = raw.lower()
    for close, ending in ((b"</item>", b"</channel></rss>"), (b"</entry>", b"</feed>")):
        total = lower.count(close)
        if total > limit:
            end = -1
            for _ in range(limit):
                end = lower.index(close, end + 1)
            return raw[: end + len(close)] + ending, total
    return raw, 0


def _feed_author(value: str | None) -> str | None:
    """A feed's author without the e-mail address RSS puts first: ``jane@x.org (Jane Roe)``."""
    if not value:
        return None
    match = re.fullmatch(r"\s*\S+@\S+\s*\((.+)\)\s*", value)
    name = match.group(1) if match else re.sub(r"\S+@\S+", "", value)
    return _text(name)


def _feed_date(value: Any) -> str | None:
    if not value:
        return None
    return datetime(*value[:6], tzinfo=UTC).date().isoformat()


def _strip_tags(value: str | None) -> str | None:
    if not value:
        return None
    return _text(" ".join(b.text for b in html_fragment_blocks(value))) if "<" in value else _text(value)


def html_fragment_blocks(fragment: str) -> list[Block]:
    """Blocks of an HTML fragment (a feed entry's content), with scripts, styles and forms left out."""
    parser = _HtmlFragment()
    parser.feed(fragment)
    parser.close()
    return parser.blocks


class _HtmlFragment(HTMLParser):
    """Text blocks of an HTML fragment; trafilatura needs a whole page, an entry is a fragment."""

    _SKIP = frozenset(
        {"script", "style", "noscript", "nav", "footer", "aside", "form", "figcaption", "template", "svg"}
    )
    _BLOCKS = frozenset(
        {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "section", "article", "br"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._skip_depth = 0
        self._buffer: list[str] = []
        self._heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip_depth += 1
        elif tag in self._BLOCKS:
            self._flush()
            self._heading = tag in {"h1", "h2", "h3", "h4", "h5", "h6"}

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in self._BLOCKS:
            self._flush()
            self._heading = False

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = normalise_space("".join(self._buffer))
        self._buffer = []
        if text:
            self.blocks.append(Block(text, heading=self._heading))
