"""Discover the article files of the content root, read them, and clean their text.

Readers turn each accepted format into a list of text blocks (headings and paragraphs):
Markdown with YAML front matter, plain text, saved web pages (main text found by trafilatura)
and RSS/Atom feeds (feedparser, one article per entry). Cleaning then drops the blocks that are
page furniture rather than reporting (navigation, advertising, share buttons, photo captions and
credits, "Also read" links, embedded posts, agency sign-offs) and keeps what they tell us about
the article (byline, credit, date, URL). Nothing here touches the network.

>>> article = article_from_text("By Jane Roe\\nThe harbour was closed on Sunday after a storm.", "a.txt")
>>> article.author, article.text
('Jane Roe', 'The harbour was closed on Sunday after a storm.')
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import yaml
from markdown_it import MarkdownIt

from .errors import ArticleError, ArticleWarning, BriefingError
from .models import SourceArticle, visible
from .render import URL_SAFE
from .walk import walk_files

logger = logging.getLogger(__name__)

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
ACCEPTED_SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
FRONT_MATTER_KEYS = ("title", "outlet", "url", "published", "author", "language", "story")

# A file larger than this is not read at all (a saved page with inline scripts is a few MB at most).
MAX_FILE_BYTES = 20_000_000
# An article text longer than this (about 10,000 words; the longest of the 243 Multi-News
# evaluation articles has 49,746 characters) is refused: spaCy parses 2,500 to 4,000 words a
# second here, so one such file would add a long wait to every cold build.
MAX_ARTICLE_CHARS = 60_000
# Text or Markdown longer than this is refused before cleaning, which only removes lines.
MAX_SOURCE_CHARS = 2 * MAX_ARTICLE_CHARS
# A saved page showing more text than this (navigation, comments and all) is refused before
# its article is looked for: trafilatura took 4 s on 1.7 million characters, a minute on 8.7.
MAX_PAGE_TEXT_CHARS = 5 * MAX_ARTICLE_CHARS
# A feed's entries beyond this are not read (a news feed carries 10 to 50): each is an article.
MAX_FEED_ENTRIES = 50
# Language detection is trusted only with this much text and this much certainty.
LANGUAGE_MIN_WORDS = 20
LANGUAGE_MIN_PROBABILITY = 0.9
# Plain English is told from its function words, without loading py3langid (~0.5 s). Measured on
# the 227 Multi-News dev articles of 20 words or more and on German, French, Spanish, Dutch,
# Italian and Portuguese news (tests/languages/): the English markers are at least 6.6 % of an
# English article's words (median 18 %), 0 % of a foreign one's and under 10 % of one quoting an
# English sentence; English function words cover at least 75 % of an English article's short
# words (median 91 %) and at most 40 % of a foreign one's, English quotation included.
ENGLISH_MIN_MARKERS = 0.05
ENGLISH_MIN_SHORT_WORDS = 0.6
UNKNOWN_LANGUAGE = "und"  # ISO 639-2 "undetermined"
# charset-normalizer's "mess" of a decoding; above this the detected encoding is not trusted.
MAX_ENCODING_CHAOS = 0.1

# Well-known news domains; any other domain is shown as the domain itself.
OUTLETS_BY_DOMAIN = {
    "abc.net.au": "ABC News (Australia)",
    "abcnews.go.com": "ABC News",
    "aljazeera.com": "Al Jazeera",
    "apnews.com": "Associated Press",
    "axios.com": "Axios",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "bloomberg.com": "Bloomberg",
    "cbc.ca": "CBC News",
    "cbsnews.com": "CBS News",
    "cnbc.com": "CNBC",
    "cnn.com": "CNN",
    "dw.com": "Deutsche Welle",
    "economist.com": "The Economist",
    "euronews.com": "Euronews",
    "foxnews.com": "Fox News",
    "france24.com": "France 24",
    "ft.com": "Financial Times",
    "huffpost.com": "HuffPost",
    "independent.co.uk": "The Independent",
    "japantimes.co.jp": "The Japan Times",
    "kyivindependent.com": "The Kyiv Independent",
    "kyivpost.com": "Kyiv Post",
    "latimes.com": "Los Angeles Times",
    "lemonde.fr": "Le Monde",
    "meduza.io": "Meduza",
    "nbcnews.com": "NBC News",
    "newsweek.com": "Newsweek",
    "npr.org": "NPR",
    "nytimes.com": "The New York Times",
    "politico.com": "Politico",
    "politico.eu": "Politico Europe",
    "rferl.org": "Radio Free Europe/Radio Liberty",
    "reuters.com": "Reuters",
    "scmp.com": "South China Morning Post",
    "sky.com": "Sky News",
    "spiegel.de": "Der Spiegel",
    "telegraph.co.uk": "The Telegraph",
    "theatlantic.com": "The Atlantic",
    "theguardian.com": "The Guardian",
    "themoscowtimes.com": "The Moscow Times",
    "time.com": "Time",
    "usatoday.com": "USA Today",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "yna.co.kr": "Yonhap",
}

# News agencies whose name in a dateline "(AP)" or a sign-off credits the copy.
AGENCIES = frozenset(
    {
        "AP",
        "AFP",
        "ANI",
        "ANSA",
        "Bloomberg",
        "CNN",
        "dpa",
        "DPA",
        "EFE",
        "IANS",
        "Interfax",
        "Kyodo",
        "PAP",
        "PTI",
        "Reuters",
        "TASS",
        "UPI",
        "Xinhua",
        "Yonhap",
    }
)


@dataclass(frozen=True, slots=True)
class Block:
    """A run of article text as the page laid it out."""

    text: str
    heading: bool = False
    embedded: bool = False  # part of an embedded post (a tweet, an Instagram post…)


@dataclass(frozen=True, slots=True)
class FileArticles:
    """What one input gave: its articles, the entries it could not use, and what was guessed."""

    articles: tuple[SourceArticle, ...]
    skipped: tuple[ArticleError, ...] = ()
    warnings: tuple[ArticleWarning, ...] = ()


@dataclass(slots=True)
class Evidence:
    """What cleaning learned about the article from the lines it removed."""

    author: str | None = None
    url: str | None = None
    published: str | None = None
    title: str | None = None
    removed: list[str] = field(default_factory=list)


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


def article_from_text(text: str, rel: str, story: str = "") -> SourceArticle:
    """An article from plain text that has no file of its own (evaluation data, tests)."""
    return article_from_blocks(text_blocks(text), {}, rel, story)


def article_from_blocks(
    blocks: list[Block], meta: dict[str, Any], rel: str, story: str | None, key: str | None = None
) -> SourceArticle:
    """Clean the blocks and settle the metadata: the file's own metadata first, then evidence.

    ``meta`` holds front matter keys; ``page_language`` is a language the page or feed declares,
    used only when the text is too short to tell. ``key`` tells apart articles of one file.
    """
    kept, evidence = clean_blocks(blocks)
    if not kept:
        raise ArticleError(rel, "no article text left after cleaning", "no text")
    text = "\n\n".join(kept)
    if len(text) > MAX_ARTICLE_CHARS:
        raise ArticleError(rel, _too_long(len(text)), "too large")
    title = _name(meta.get("title"), "title") or _name(_first_heading(blocks), "title") or evidence.title
    url = _safe_url(_text(meta.get("url"))) or evidence.url
    outlet = _name(meta.get("outlet"), "outlet") or outlet_from_url(url)
    language = (
        language_code(meta.get("language"), rel)
        or detected_language(text)
        or language_code(meta.get("page_language"), rel)
        or UNKNOWN_LANGUAGE
    )
    return SourceArticle(
        id=article_id(rel, key),
        path=rel,
        story=_text(meta.get("story")) or story or "",
        text=text,
        title=title,
        outlet=outlet,
        url=url,
        published=_date_text(meta.get("published")) or evidence.published,
        author=_name(meta.get("author"), "author") or _name(evidence.author, "author"),
        language=language,
        removed=tuple(evidence.removed),
    )


_INVISIBLE_ELEMENTS = re.compile(r"<(script|style|template|svg)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")


def _visible_chars(html: str) -> int:
    """About how many characters of text a page shows (scripts, styles and tags left out): the
    work of finding its article grows faster than that, so it is bounded before it starts."""
    return len("".join(_TAG.sub(" ", _INVISIBLE_ELEMENTS.sub(" ", html)).split()))


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


# --- bytes to text -------------------------------------------------------------------------------

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an Office document"),
    (b"\xd0\xcf\x11\xe0", "an Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a media file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 12, 13, 27}


def _check_bytes(raw: bytes, rel: str) -> None:
    if not raw.strip():
        raise ArticleError(rel, "empty file", "empty")
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise ArticleError(
                rel, f"binary file ({what}), not text: save the article as .html, .md or .txt", "binary"
            )


def decode_text(raw: bytes, rel: str, declared: str | None = None) -> tuple[str, ArticleWarning | None]:
    """The text of some bytes, and a warning when it was not UTF-8 and its encoding was guessed.

    A byte-order mark or the page's own ``<meta charset>`` is believed; otherwise UTF-8 is
    tried, then charset-normalizer's best guess if it is confident. Binary data raises.
    """
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as exc:
                raise ArticleError(
                    rel,
                    f"starts like {codec} text but is not ({exc.reason}): re-save it as UTF-8",
                    "encoding",
                ) from exc
            if codec == "utf-8-sig":
                return text, None
            return text, ArticleWarning(
                rel, f"{codec.upper()} text, not UTF-8: re-save it as UTF-8", "encoding"
            )
    if _looks_binary(raw):
        raise ArticleError(rel, "binary file, not text: save the article as .html, .md or .txt", "binary")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        bad_byte = exc.start
    if declared:
        try:
            return raw.decode(declared), None
        except (LookupError, UnicodeDecodeError):
            logger.debug("%s: declared charset %s does not decode it", rel, declared)
    from charset_normalizer import from_bytes

    match = from_bytes(raw).best()
    if match is None or match.chaos > MAX_ENCODING_CHAOS:
        raise ArticleError(
            rel,
            f"not UTF-8 (invalid byte at offset {bad_byte}) and its encoding could not be detected "
            "with confidence: re-save it as UTF-8",
            "encoding",
        )
    return str(match), ArticleWarning(
        rel, f"not UTF-8: read as {match.encoding} (detected); re-save it as UTF-8 to be sure", "encoding"
    )


def _looks_binary(raw: bytes) -> bool:
    """NUL or other control bytes where text has none; UTF-16 without a byte-order mark is text."""
    sample = raw[:8192]
    if b"\x00" in sample:
        # UTF-16 text has a NUL in every other byte for Latin script; anything else is binary
        zeros = max(sample[0::2].count(0), sample[1::2].count(0))
        return len(sample) < 16 or zeros < 0.4 * (len(sample) / 2)
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return controls > 0.05 * len(sample)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _declared_charset(raw: bytes) -> str | None:
    match = _META_CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii") if match else None


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


# --- front matter and Markdown ---------------------------------------------------------------------


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader without aliases: ``*name`` could make a few bytes expand to gigabytes."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None,
                None,
                f"an alias (*{event.anchor}) is not accepted: write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A YAML date as a date, and one with no such day (2025-13-45) as the text it is."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


# The longest value each front matter key may have, in characters.
FIELD_LIMITS = {
    "title": 400,
    "outlet": 120,
    "url": 2000,
    "published": 40,
    "author": 300,
    "language": 20,
    "story": 100,
}
MAX_FRONT_MATTER = 16_000  # characters
HINT = " (quote values that contain ':', '#', '[' or start with a quote)"


def split_front_matter(source: str, rel: str) -> tuple[dict[str, Any], str]:
    """Split YAML front matter (between ``---`` lines) from a Markdown body.

    Only the known keys are kept, each checked in type and length: a value that is no text
    (a list, a mapping), too long, or a date that is none is left out with a warning, so that
    the article is built without it (see :func:`front_matter_problems`).
    """
    if not source.startswith("---"):
        return {}, source
    match = re.match(r"^---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*$\r?\n?", source, re.S | re.M)
    if not match:
        raise ArticleError(
            rel, "front matter starts with '---' but has no closing '---' line", "front matter"
        )
    if len(match.group(1)) > MAX_FRONT_MATTER:
        raise ArticleError(
            rel,
            f"front matter of {len(match.group(1)):,} characters, more than the {MAX_FRONT_MATTER:,} "
            f"its keys ({', '.join(FRONT_MATTER_KEYS)}) can need: remove what is not one of them",
            "front matter",
        )
    try:
        meta = yaml.load(match.group(1), Loader=_FrontMatterLoader) or {}
    except RecursionError as exc:  # [[[[…]]]] nested thousands deep
        raise ArticleError(rel, "malformed front matter: nested too deep", "front matter") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        hint = "" if isinstance(exc, yaml.composer.ComposerError) else HINT
        raise ArticleError(
            rel, f"malformed front matter{where}: {getattr(exc, 'problem', exc)}{hint}", "front matter"
        ) from exc
    if not isinstance(meta, dict):
        raise ArticleError(rel, "front matter must be 'key: value' lines", "front matter")
    unknown = sorted(str(k)[:40] for k in meta if k not in FRONT_MATTER_KEYS)
    if unknown:
        logger.warning("%s: unknown front matter keys ignored: %s", rel, ", ".join(unknown[:10]))
    return {k: meta[k] for k in FRONT_MATTER_KEYS if meta.get(k) is not None}, source[match.end() :]


def front_matter_problems(meta: dict[str, Any], rel: str) -> tuple[dict[str, Any], list[ArticleWarning]]:
    """The front matter values that can be used, and one warning for each that cannot.

    >>> meta, problems = front_matter_problems({"title": ["a"], "published": "2025-13-45"}, "a.md")
    >>> meta, [p.problem for p in problems]  # doctest: +NORMALIZE_WHITESPACE
    ({}, ["front matter 'title' is a list, not text: write it as one quoted line; ignored",
          "front matter 'published' is '2025-13-45', not a date: write it as YYYY-MM-DD; ignored"])
    """
    kept: dict[str, Any] = {}
    problems = []
    for key, value in meta.items():
        problem = None
        if key == "author" and isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ", ".join(value)  # several authors
        if key == "published" and isinstance(value, date):
            value = value.isoformat()
        limit = FIELD_LIMITS[key]
        if key == "published" and isinstance(value, str) and not is_iso_date(value.strip()):
            value = parse_date_line(value[:limit]) or value  # "January 11, 2025"
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            kinds = {list: "a list", dict: "a mapping", bool: "true or false"}
            problem = (
                f"is {kinds.get(type(value), type(value).__name__)}, not text: write it as one quoted line"
            )
        elif len(str(value)) > limit:
            problem = f"is {len(str(value)):,} characters long, more than {limit}: shorten it"
        elif key == "published" and not is_iso_date(str(value).strip()):
            problem = f"is {str(value)[:40]!r}, not a date: write it as YYYY-MM-DD"
        if problem:
            problems.append(ArticleWarning(rel, f"front matter {key!r} {problem}; ignored", "front matter"))
        else:
            kept[key] = value
    return kept, problems


def is_iso_date(value: Any) -> bool:
    """An ISO 8601 date or date-time with a real day (not "last Tuesday", not 2025-13-45)."""
    if not isinstance(value, str) or len(value) > FIELD_LIMITS["published"]:
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


_MARKDOWN = MarkdownIt("commonmark", {"html": False})


def markdown_blocks(body: str) -> list[Block]:
    """Headings and paragraphs of a Markdown body, as plain text (markup, links and images removed).

    A block quote that carries the traces of an embedded post (a ``pic.twitter.com`` link, an
    ``(@handle)`` signature) is marked embedded as a whole.
    """
    blocks: list[Block] = []
    quote_start: list[int] = []
    heading = False
    for token in _MARKDOWN.parse(body):
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "blockquote_open":
            quote_start.append(len(blocks))
        elif token.type == "blockquote_close":
            start = quote_start.pop()
            if any(_EMBED_TRACE.search(b.text) for b in blocks[start:]):
                blocks[start:] = [Block(b.text, b.heading, embedded=True) for b in blocks[start:]]
        elif token.type == "inline":
            lines = _inline_lines(token.children or [])
            if heading:
                blocks.append(Block(" ".join(lines), heading=True))
            else:
                blocks.extend(Block(line) for line in _join_wrapped(lines))
    return blocks


def _inline_lines(children: list) -> list[str]:
    lines, current = [], []
    for child in children:
        if child.type in ("text", "code_inline"):
            current.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            lines.append("".join(current))
            current = []
    lines.append("".join(current))
    return lines


def text_blocks(source: str) -> list[Block]:
    """Paragraphs of a plain-text article: one a line, hard-wrapped lines joined again."""
    return [Block(line) for line in _join_wrapped(source.splitlines())]


def _join_wrapped(lines: list[str]) -> list[str]:
    """Join lines that a hard wrap split: the next line starts in lower case mid-sentence."""
    joined: list[str] = []
    for line in (normalise_space(line) for line in lines):
        if not line:
            continue
        if joined and _continues(joined[-1], line):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _continues(previous: str, line: str) -> bool:
    return (
        line[0].islower()
        and not _ends_sentence(previous)
        and not previous.endswith(":")
        and not line.startswith(("http://", "https://"))
    )


# Characters that reorder or hide text (bidi embeddings, overrides and isolates, zero-width
# space, word joiner, byte order mark): never part of what an article says.
_HIDDEN = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u2060\ufeff"))


def normalise_space(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").translate(_HIDDEN)
    return re.sub(r"\s+", " ", text).strip()


_CLOSERS = "\"'”’»)]*_"


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS + " ")[-1:] in {".", "!", "?", "…"}


# --- saved web pages and feeds ---------------------------------------------------------------------

# Embedded posts and page widgets that trafilatura would otherwise keep as article text.
_PRUNE_XPATH = [
    "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram-media') "
    "or contains(@class, 'tiktok-embed') or contains(@class, 'embed')]",
    "//figcaption",
    "//*[contains(@class, 'share') or contains(@class, 'social') or contains(@class, 'newsletter')]",
    "//*[contains(@class, 'related') or contains(@class, 'advert') or contains(@class, 'cookie')]",
]
_SOCIAL_EMBED = re.compile(r"\b(?:twitter\.com|x\.com|instagram\.com|tiktok\.com|facebook\.com)/", re.I)


def html_page(source: str, url: str | None = None) -> tuple[dict[str, Any], list[Block]]:
    """Metadata and main-text blocks of a saved web page, found by trafilatura (never fetching)."""
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - a dependency, but say how to fix a broken install
        raise BriefingError("reading .html pages requires trafilatura: pip install trafilatura") from exc

    document = trafilatura.bare_extraction(
        source,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        prune_xpath=_PRUNE_XPATH,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or document.body is None:
        return {}, []
    page_url = _safe_url(document.url) or _safe_url(url)
    site = _text(document.sitename)
    if site and (site.lower() == (document.hostname or "").lower() or ("." in site and " " not in site)):
        site = None  # trafilatura fills in the bare domain; our table names it better
    meta = {
        "title": document.title,
        "url": page_url,
        "outlet": site or outlet_from_url(page_url),
        "author": document.author,
        "published": document.date,
        "page_language": document.language or _html_language(source),
    }
    return {k: v for k, v in meta.items() if v}, _body_blocks(document.body)


def _body_blocks(body: Any) -> list[Block]:
    """Blocks of trafilatura's XML body: ``head`` is a heading, ``list`` items and ``quote`` parts."""
    blocks: list[Block] = []
    for line_break in body.iter("lb"):
        line_break.tail = "\n" + (line_break.tail or "")
    for element in body:
        if element.tag == "head":
            blocks.append(Block(normalise_space("".join(element.itertext())), heading=True))
        elif element.tag == "list":
            for item in element.iter("item"):
                blocks.extend(Block(line) for line in _join_wrapped("".join(item.itertext()).split("\n")))
        elif element.tag == "quote":
            text = "".join(element.itertext())
            embedded = bool(_EMBED_TRACE.search(text) or _SOCIAL_EMBED.search(text))
            parts = [p for p in element if p.tag == "p"] or [element]
            for part in parts:
                for line in _join_wrapped("".join(part.itertext()).split("\n")):
                    blocks.append(Block(line, embedded=embedded))
        else:
            blocks.extend(Block(line) for line in _join_wrapped("".join(element.itertext()).split("\n")))
    return blocks


_HTML_LANG = re.compile(r"<html\b[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.I)


def _html_language(source: str) -> str | None:
    match = _HTML_LANG.search(source[:4096])
    return match.group(1) if match else None


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
        meta = {
            "title": _strip_tags(entry.get("title")),
            "url": link,
            "outlet": outlet_from_url(link) or _strip_tags(channel.get("title")),
            "author": _feed_author(entry.get("author")),
            "published": _feed_date(entry.get("published_parsed") or entry.get("updated_parsed")),
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


# --- language ----------------------------------------------------------------------------------


def language_code(value: Any, rel: str = "") -> str | None:
    """A lower-case ISO 639 code from ``en``, ``EN``, ``en-GB`` or ``en_US``; ``None`` otherwise."""
    text = _text(value)
    if not text:
        return None
    code = re.split(r"[-_]", text.lower(), maxsplit=1)[0]
    if re.fullmatch(r"[a-z]{2,3}", code):
        return code
    logger.warning("%s: language %r is not a language code such as en or de; ignored", rel, text)
    return None


@lru_cache(maxsize=1)
def _language_identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float] | None:
    """The language of a text and the probability py3langid gives it; ``None`` for too little text.

    >>> detect_language("Die Regierung hat am Montag beschlossen, dass die Steuern im nächsten "
    ...                 "Jahr steigen werden, wie der Minister in Berlin sagte.")[0]
    'de'
    """
    sample = text[:5000]
    if len(sample.split()) < LANGUAGE_MIN_WORDS:
        return None
    code, probability = _language_identifier().classify(sample)
    return str(code), float(probability)


# Words of English and of no other language we meet in the news ("is", "was", "in", "of", "a",
# "die", "will", "also", "over", "had", "on", "at" and "to" are common in Dutch, German, French,
# Spanish or the Nordic languages, so they are not here).
_ENGLISH_MARKERS = frozenset(
    """the and that with which their would been have has from this were they them there what who
    about into than when where while could should these those because being said after other its
    our your she his""".split()  # noqa: SIM905 (a list of words reads best as words)
)
# Every short English function word, ambiguous ones included: the short words of English text
# are nearly all among them, those of other languages mostly not.
_ENGLISH_SHORT_WORDS = frozenset(
    """a i an as at be by do go he if in is it me my no of on or so to up us we all and any are but
    can did for had has her him his how its may new not now off one our out own per saw say see she
    the too two was who why yet you via ago get got let put set""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def plainly_english(text: str) -> bool:
    """Whether a text is plainly English, told from its function words alone (py3langid not loaded).

    Both must hold over at least ``LANGUAGE_MIN_WORDS`` words: English markers ("the", "which",
    "would"…) make up ``ENGLISH_MIN_MARKERS`` of the words, and English function words make up
    ``ENGLISH_MIN_SHORT_WORDS`` of the words of three letters or fewer — a German or French
    article quoting an English sentence has the first but not the second.

    >>> plainly_english("The harbour was closed on Sunday after a storm damaged two piers, and the "
    ...                 "ferries that use it will stay in port until the repairs have been made.")
    True
    >>> plainly_english("Der Hafen wurde am Sonntag geschlossen, nachdem ein Sturm zwei Anleger "
    ...                 "beschädigt hatte; die Fähren bleiben bis zur Reparatur im Hafen.")
    False
    """
    sample = text[:5000]
    if len(sample.split()) < LANGUAGE_MIN_WORDS:
        return False
    words = _WORD.findall(sample.lower())
    short = [w for w in words if len(w) <= 3]
    if not words or not short:
        return False
    markers = sum(w in _ENGLISH_MARKERS for w in words) / len(words)
    covered = sum(w in _ENGLISH_SHORT_WORDS for w in short) / len(short)
    return markers >= ENGLISH_MIN_MARKERS and covered >= ENGLISH_MIN_SHORT_WORDS


def detected_language(text: str) -> str | None:
    """The language of a text when detection is sure of it: plain English at once, else py3langid's."""
    if plainly_english(text):
        return "en"
    found = detect_language(text)
    return found[0] if found and found[1] >= LANGUAGE_MIN_PROBABILITY else None


# --- cleaning ----------------------------------------------------------------------------------

# Lines that are page furniture, whatever else they say.
_FURNITURE = re.compile(
    r"""^(?:advertisement|advertising|loader|comments?|close(?:\ button)?|menu|search|
        share(?:\ this\ (?:article|story))?\b.*|newsletters?\b.*|subscribe\b.*|sign\ up\b.*|
        go\ to\ accessibility\ shortcuts|skip\ to\ (?:main\ )?content|read\ more|more\ stories|
        published\ on\b.*|updated\b.{0,40}|embed:?|original\ url:?|
        follow\ (?:us|\w+(?:\ \w+)?\ on)\b.*|click\ here\b.*|listen\ to\ (?:this\ )?(?:article|story)\b.*|
        image\ (?:source|caption)\b.*|media\ caption\b.*|most\ (?:read|popular|viewed)\b.*|
        (?:additional\ )?reporting\ by\b.*|(?:writing|editing)\ by\b.*|our\ standards:.*|
        story\ continues\ below\b.*|continue\ reading\b.*|
        .{0,40}\bjavascript\ is\ disabled\b.*|please\ enable\ javascript\b.*|
        we\ use\ cookies\b.*|sorry,\ the\ page\ you\ requested\b.*)$""",
    re.I | re.X,
)
# Lines introducing links to other articles.
_CROSS_LINK = re.compile(
    r"""^(?:also\ read|read\ (?:more|also)|related(?:\ (?:articles?|stories|coverage|content))?|see\ also|
        watch|more\ on\ this\ story|recommended)\s*[:|-]""",
    re.I | re.X,
)
# Photo captions and credits.
_CAPTION = re.compile(
    r"^(?:file(?:\ photo)?\s*[-–—:]|photo:|image:|pictured:|copyright\b)"
    r"|\b(?:photo|picture|image)s?\ (?:by|credit|courtesy)\b"
    r"|©|\bcopyright\s+(?:\d{4}|©)|\ball\ rights\ reserved\b|\bgetty\ images\b"
    r"|\bvia\ (?:kns|reuters|ap|afp)\b",
    re.I | re.X,
)
_BYLINE = re.compile(r"^[Bb]y\s+(?P<who>[A-Z][^.!?]{1,80})$")
_CREDIT = re.compile(r"^(?:sources?|credits?)\s*:\s*(?P<who>[^.!?]{2,80})$", re.I)
_SIGN_OFF = re.compile(r"^\((?:with inputs? from [^)]*|(?P<who>[\w.]{1,8}(?:/[\w.]{1,8})*))\)$", re.I)
# "KYIV, Ukraine (AP) — " or "(CNN) — " opening a paragraph: where and which agency.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][\w.'’\- ]{1,30})?\s+)?"
    r"\((?P<agency>[A-Za-z][\w.& ]{0,20})\)\s*(?:[—–-]{1,2}\s*)?(?=[A-Z0-9\"“‘'])"
)
_EMBED_TRACE = re.compile(r"pic\.twitter\.com/|^[—–-]\s*.*\(@\w+\)", re.I)
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_DATE_LINE = re.compile(
    r"^(?:(?:published|posted|first\ published)(?:\ on)?:?\s+)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:(?P<m1>[A-Za-z]+)\.?\s+(?P<d1>\d{1,2}),?\s+(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})\s+(?P<m2>[A-Za-z]+)\.?,?\s+(?P<y2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))(?:[ ,T|].{0,24})?$",
    re.I | re.X,
)
_URL = re.compile(r"https?://[^\s<>\"]+")


def clean_blocks(blocks: list[Block]) -> tuple[list[str], Evidence]:
    """Keep the paragraphs that report; learn the byline, credit, date and URL from the rest."""
    evidence = Evidence()
    kept: list[str] = []
    in_embed = False
    for number, block in enumerate(blocks):
        text = normalise_space(block.text)
        if not text:
            continue
        if block.heading:
            in_embed = text.lower().rstrip(":").strip() in {"embed", "embedded post", "tweet"}
            continue
        text = _strip_dateline(text, evidence)
        reason = "embedded post" if block.embedded else _furniture_reason(text, in_embed, evidence)
        if reason == "heading or fragment" and (split := _trailing_note(text)):
            # a paragraph of sentences that ends in a wire note or sign-off ("… officials said.
            # (djp)", "… 10th graf pvs"): the note goes, not the paragraph
            text, note = split
            evidence.removed.append(f"trailing note: {note}")
            reason = None
        if reason is not None:
            if number == 0 and reason == "heading or fragment" and _looks_like_title(text):
                evidence.title = text
            evidence.removed.append(f"{reason}: {text}")
            continue
        kept.append(text)
    return kept, evidence


_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*(?=\s)")
# a wire note after the last sentence: in lower case, in brackets or with a figure ("(djp)",
# "10th graf pvs"); not the cut-off end of a sentence ("… paid by a US. law")
NOTE_MAX_WORDS = 6
BODY_MIN_WORDS = 15  # the sentences before it: a paragraph, not a heading


def _trailing_note(text: str) -> tuple[str, str] | None:
    """A paragraph that ends in a short note after its last sentence: (sentences, note).

    >>> sentences, note = _trailing_note(
    ...     "The storm closed the harbour on Sunday and ferries to the two islands were cancelled, "
    ...     "officials said. (djp)"
    ... )
    >>> sentences[-15:], note
    ('officials said.', '(djp)')
    >>> _trailing_note("Storm closes the harbour") is None
    True
    """
    ends = list(_SENTENCE_END.finditer(text))
    if not ends:
        return None
    body, note = text[: ends[-1].end()].strip(), text[ends[-1].end() :].strip()
    if not note or len(note.split()) > NOTE_MAX_WORDS or len(body.split()) < BODY_MIN_WORDS:
        return None
    wire_code = (note.startswith("(") and note.endswith(")")) or any(c.isdigit() for c in note)
    if not wire_code or any(c.isupper() or c in "@/|" for c in note) or not any(c.isalpha() for c in note):
        # "(Associated Press)", "(Name/AP)", "— Name (@handle) Dec. 25, 2016": a photo caption's
        # credit or an embedded post, whose paragraph is furniture as a whole
        return None
    return body, note


def _strip_dateline(text: str, evidence: Evidence) -> str:
    """Drop a "CITY (AP) —" dateline from the start of a paragraph, keeping the agency as credit."""
    match = _DATELINE.match(text)
    if not match or match.group("agency") not in AGENCIES:
        return text
    evidence.author = evidence.author or match.group("agency")
    evidence.removed.append(f"dateline: {text[: match.end()].strip()}")
    return text[match.end() :]


def _looks_like_title(text: str) -> bool:
    return 3 <= len(text.split()) <= 25 and text[0].isupper() and not re.search(r"[|•»›]", text)


def _furniture_reason(text: str, in_embed: bool, evidence: Evidence) -> str | None:
    if in_embed or _EMBED_TRACE.search(text):
        return "embedded post"
    if _URL.fullmatch(text):
        evidence.url = evidence.url or _safe_url(text)
        return "bare URL"
    if published := parse_date_line(text):
        evidence.published = evidence.published or published
        return "dateline"
    if "\ufffd" in text:
        return "broken characters"
    if _FURNITURE.match(text):
        if text.lower().startswith("original url"):
            return "original url"
        return "page furniture"
    if _CROSS_LINK.match(text):
        return "link to another article"
    if match := _BYLINE.match(text):
        evidence.author = evidence.author or match.group("who").strip()
        return "byline"
    if match := _CREDIT.match(text):
        evidence.author = evidence.author or match.group("who").strip()
        return "credit"
    if match := _SIGN_OFF.match(text):
        if match.group("who") in AGENCIES:
            evidence.author = evidence.author or match.group("who")
        return "sign-off"
    if _CAPTION.search(text):
        return "photo caption or credit"
    if not _ends_sentence(text):
        return "heading or fragment"
    if len(text.split()) < 4:
        return "fragment"
    return None


def parse_date_line(text: str) -> str | None:
    """The ISO date of a line that is only a date ("January 11, 2025", "Published 11 Jan 2025")."""
    match = _DATE_LINE.match(text)
    if not match:
        return None
    if match.group("iso"):
        return match.group("iso")
    month_name = (match.group("m1") or match.group("m2")).lower()
    month = next(
        (i for i, m in enumerate(_MONTHS, 1) if len(month_name) >= 3 and m.startswith(month_name)), None
    )
    if month is None:
        return None
    day = int(match.group("d1") or match.group("d2"))
    year = int(match.group("y1") or match.group("y2"))
    try:
        return date(year, month, day).isoformat()
    except ValueError:  # 31 February
        return None


def _first_heading(blocks: list[Block]) -> str | None:
    return next((normalise_space(b.text) for b in blocks if b.heading and b.text.strip()), None)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = normalise_space(str(value))
    return text or None


def _name(value: Any, key: str) -> str | None:
    """A title, outlet or author as shown on the pages: one line of visible text, no longer than
    :data:`FIELD_LIMITS` allows (else nothing: a cut name could name someone else), with no
    format characters (bidi overrides, zero-width characters) that could make it read as another."""
    text = _text(value)
    if text is None:
        return None
    text = normalise_space(visible(text))
    return text if text and len(text) <= FIELD_LIMITS[key] else None


def _date_text(value: Any) -> str | None:
    """Front matter dates come as ``date`` objects from YAML or as strings; keep ISO 8601 text."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return _text(value)


def _safe_url(url: str | None) -> str | None:
    """Only absolute http(s) URLs are kept; anything else (``javascript:``, ``data:``…) is dropped.

    The URL comes back percent-encoded wherever it held a character that could end or break the
    Markdown, HTML or JSON around it (quotes, angle brackets, backslashes, spaces, controls).

    >>> _safe_url("https://example.com/a b" + chr(92)), _safe_url("javascript:alert(1)")
    ('https://example.com/a%20b%5C', None)
    """
    if not url:
        return None
    url = url.strip().strip("<>")
    if len(url) > FIELD_LIMITS["url"] or visible(url) != url:
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    if not re.fullmatch(r"[\w.:@\[\]%-]+", parts.netloc) or "\\" in parts.netloc:
        return None
    return urlunsplit(
        (
            parts.scheme.lower(),
            parts.netloc,
            quote(parts.path, safe=URL_SAFE),
            quote(parts.query, safe=URL_SAFE + "?"),
            quote(parts.fragment, safe=URL_SAFE + "?#"),
        )
    )


def outlet_from_url(url: str | None) -> str | None:
    """The outlet's name from a URL's domain: a known name, else the domain itself."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    for domain, name in OUTLETS_BY_DOMAIN.items():
        if host == domain or host.endswith("." + domain):
            return name
    return host or None
