"""``briefing add``: turn saved pages, feeds, text files and URLs into normalised Markdown articles.

Each input is read exactly as the build reads it (the same readers and the same cleaning), then
written as one Markdown file with YAML front matter per article, so that an editor can see and
correct what the build will use. Files are named after the article's title and never overwrite
an existing file.

>>> result = add_articles(["saved-page.html"], Path("content"), story="harbour-storm")  # doctest: +SKIP
>>> [str(a.path) for a in result.added]  # doctest: +SKIP
['content/harbour-storm/storm-closes-the-harbour-for-a-week.md']
"""

from __future__ import annotations

import logging
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import yaml

from .errors import ArticleError, ArticleWarning, BriefingError, FetchError
from .models import SourceArticle
from .sources import (
    MAX_FILE_BYTES,
    UNKNOWN_LANGUAGE,
    FileArticles,
    body_parts,
    kind_of,
    parse_source,
    read_file,
)
from .stories import slugify

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 20.0  # seconds to wait for a server when adding a URL

# The reader for a response's media type; anything else is sniffed from its first bytes.
KINDS_BY_MEDIA_TYPE = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "text/plain": "text",
    "text/markdown": "markdown",
}


@dataclass(frozen=True, slots=True)
class Download:
    """What a server sent for a URL."""

    url: str  # after redirects
    body: bytes
    media_type: str
    charset: str | None = None


@dataclass(frozen=True, slots=True)
class AddedArticle:
    """One Markdown file written by :func:`add_articles`."""

    source: str  # the path or URL it came from
    path: Path
    title: str | None


@dataclass(frozen=True, slots=True)
class AddResult:
    """The files written, the inputs (or feed entries) that could not be used, and the guesses made."""

    added: tuple[AddedArticle, ...]
    failed: tuple[BriefingError, ...]
    warnings: tuple[ArticleWarning, ...]


Fetcher = Callable[[str, float], Download]


def _cut_at_word(slug: str, limit: int) -> str:
    """A slug of at most ``limit`` characters, cut between words ("storm-closes-the"), not in one.

    >>> _cut_at_word("storm-closes-the-harbour-of-valletta", 20), _cut_at_word("a" * 30, 10)
    ('storm-closes-the', 'aaaaaaaaaa')
    """
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1].rsplit("-", 1)[0] if "-" in slug[: limit + 1] else slug[:limit]
    return cut.rstrip("-")


def add_articles(
    inputs: Sequence[str],
    content_root: Path,
    story: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    fetch: Fetcher | None = None,
) -> AddResult:
    """Write each input (a file path or an http(s) URL) as Markdown article(s) under the content root.

    With ``story`` the files go into the story's folder (created when missing). A feed gives one
    file per entry. ``fetch`` replaces :func:`fetch_url` (tests never touch the network).
    """
    folder = content_root / slugify(story) if story else content_root
    added: list[AddedArticle] = []
    failed: list[BriefingError] = []
    warnings: list[ArticleWarning] = []
    for source in inputs:
        try:
            found = read_input(source, timeout, fetch or fetch_url)
        except BriefingError as error:
            logger.debug("not added: %s", error)  # the caller reports each failure once
            failed.append(error)
            continue
        failed.extend(found.skipped)
        warnings.extend(found.warnings)
        for article in found.articles:
            path = write_article(article, folder, keep_story=story is None)
            logger.info("added %s as %s", source, path)
            added.append(AddedArticle(source, path, article.title))
    return AddResult(tuple(added), tuple(failed), tuple(warnings))


def is_url(text: str) -> bool:
    return urlsplit(text).scheme.lower() in ("http", "https")


def read_input(source: str, timeout: float = DEFAULT_TIMEOUT, fetch: Fetcher | None = None) -> FileArticles:
    """The articles of one input: a local file (any format the build reads) or an http(s) URL."""
    if is_url(source):
        download = (fetch or fetch_url)(source, timeout)
        kind = KINDS_BY_MEDIA_TYPE.get(download.media_type) or sniff_kind(download.body, source)
        return parse_source(download.body, source, kind, None, url=download.url, charset=download.charset)
    path = Path(source)
    if not path.is_file():
        raise ArticleError(source, "no such file (and not an http:// or https:// URL)", "unreadable")
    return read_file(path.resolve(), path.resolve().parent, None)


def sniff_kind(body: bytes, source: str) -> str:
    """html or feed from a document's first bytes, for a server that does not say what it sent."""
    head = body[:2048].lstrip().lower()
    if re.search(rb"<(?:rss|feed|rdf:rdf)\b", head):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "html"
    return kind_of(PurePosixPath(urlsplit(source).path).suffix, source)


def fetch_url(url: str, timeout: float = DEFAULT_TIMEOUT) -> Download:
    """GET ``url`` with a timeout; :class:`FetchError` with one clear line when that fails."""
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"briefing/{_version()} (news briefing generator)",
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
            "text/plain;q=0.9,*/*;q=0.5",
        },
    )
    advice = "check the address and the network connection, or save the page and add the file"
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_FILE_BYTES + 1)
            final_url = response.geturl()
            media_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: the server answered {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            raise FetchError(f"{url}: no answer within {timeout:g} s; {advice}") from exc
        raise FetchError(f"{url}: cannot be fetched ({exc.reason}); {advice}") from exc
    except TimeoutError as exc:
        raise FetchError(f"{url}: no answer within {timeout:g} s; {advice}") from exc
    except (OSError, ValueError) as exc:
        raise FetchError(f"{url}: cannot be fetched ({exc}); {advice}") from exc
    if len(body) > MAX_FILE_BYTES:
        raise FetchError(
            f"{url}: more than {MAX_FILE_BYTES // 1_000_000} MB; save the article alone and add the file"
        )
    return Download(final_url, body, media_type, charset)


def _version() -> str:
    try:
        return version("briefing")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "dev"


# --- writing ---------------------------------------------------------------------------------------


def write_article(article: SourceArticle, folder: Path, keep_story: bool = True) -> Path:
    """Write one article as Markdown into ``folder`` under a new name; never overwrite a file."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = _cut_at_word(slugify(article.title or PurePosixPath(article.path).stem), 60) or "article"
    text = article_markdown(article, keep_story)
    for number in range(1, 10_000):
        path = folder / (f"{stem}.md" if number == 1 else f"{stem}-{number}.md")
        try:
            with path.open("x", encoding="utf-8") as handle:
                handle.write(text)
        except FileExistsError:
            continue
        return path
    raise BriefingError(f"{folder}: too many files named {stem}-N.md; rename some")  # pragma: no cover


def article_markdown(article: SourceArticle, keep_story: bool = True) -> str:
    """The article as Markdown: quoted YAML front matter, then its cleaned paragraphs and section
    headings, escaped."""
    fields = {
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published,
        "author": article.author,
        "language": None if article.language == UNKNOWN_LANGUAGE else article.language,
        "story": article.story if keep_story else None,
        "kind": article.kind,
    }
    front = [f"{key}: {yaml_quoted(value)}" for key, value in fields.items() if value]
    body = "\n\n".join(
        {"heading": "## ", "item": "- "}.get(part, "") + escape_markdown(text)
        for part, text in body_parts(article)
    )
    return "\n".join(["---", *front, "---", "", body, ""])


def yaml_quoted(value: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``value`` (quotes, colons, newlines…).

    >>> yaml_quoted('He said: "no"')
    '"He said: \\\\"no\\\\""'
    """
    return yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1_000_000).strip()


_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>&])")
_LINE_START = re.compile(r"^(#|>|[-+*](?=\s)|=+$|~~~|(?P<number>\d{1,9})(?P<mark>[.)])(?=\s|$))")


def escape_markdown(paragraph: str) -> str:
    """A paragraph that Markdown reads back as the same plain text (no emphasis, link or list).

    >>> escape_markdown("1. Not a *list* <b>")
    '1\\\\. Not a \\\\*list\\\\* \\\\<b\\\\>'
    """
    text = _INLINE_SPECIALS.sub(r"\\\1", paragraph)
    match = _LINE_START.match(text)
    if match:
        if match.group("number"):
            text = f"{match.group('number')}\\{text[len(match.group('number')) :]}"
        else:
            text = "\\" + text
    return text
