"""Discover the article files of the content root, read them, and clean their text.

Readers turn each accepted format into a list of text blocks (headings and paragraphs);
cleaning drops the blocks that are page furniture rather than reporting (navigation,
advertising, share buttons, photo captions and credits, "Also read" links, embedded posts,
agency sign-offs) and keeps what they tell us about the article (byline, credit, URL).
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml
from markdown_it import MarkdownIt

from .errors import ArticleError
from .models import SourceArticle

logger = logging.getLogger(__name__)

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
ACCEPTED_SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES
FRONT_MATTER_KEYS = ("title", "outlet", "url", "published", "author", "language", "story")

# Well-known news domains; any other domain is shown as the domain itself.
OUTLETS_BY_DOMAIN = {
    "apnews.com": "Associated Press",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "cnn.com": "CNN",
    "euronews.com": "Euronews",
    "france24.com": "France 24",
    "kyivindependent.com": "The Kyiv Independent",
    "nytimes.com": "The New York Times",
    "reuters.com": "Reuters",
    "theguardian.com": "The Guardian",
    "themoscowtimes.com": "The Moscow Times",
    "washingtonpost.com": "The Washington Post",
}


@dataclass(frozen=True, slots=True)
class Block:
    """A run of article text as the page laid it out."""

    text: str
    heading: bool = False


@dataclass(slots=True)
class Evidence:
    """What cleaning learned about the article from the lines it removed."""

    author: str | None = None
    url: str | None = None
    published: str | None = None
    removed: list[str] = field(default_factory=list)


def discover(content_root: Path) -> Iterator[tuple[Path, str | None]]:
    """Yield each article file under the content root with the story its folder names.

    Files directly in the root yield ``None``: they are grouped into stories later.
    Hidden entries and names starting with ``_`` are skipped.
    """
    if not content_root.is_dir():
        raise ArticleError(str(content_root), "content folder not found")
    for entry in sorted(content_root.iterdir()):
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_dir():
            for path in sorted(entry.rglob("*")):
                if path.is_file() and not any(
                    p.startswith((".", "_")) for p in path.relative_to(entry).parts
                ):
                    yield path, entry.name
        elif entry.is_file():
            yield entry, None


def load_article(path: Path, content_root: Path, story: str | None) -> SourceArticle:
    """Read and clean one article file; raise :class:`ArticleError` when it cannot be used."""
    rel = path.relative_to(content_root).as_posix()
    suffix = path.suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise ArticleError(rel, f"unknown file type {suffix or '(none)'}: use .md, .txt or .html")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(rel, f"cannot be read ({exc.strerror})") from exc
    if not raw.strip():
        raise ArticleError(rel, "empty file")
    if b"\x00" in raw[:4096]:
        raise ArticleError(rel, "binary file, not text")
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(rel, f"not UTF-8 text (byte {exc.start}): re-save it as UTF-8") from exc

    meta: dict[str, Any] = {}
    if suffix in MARKDOWN_SUFFIXES:
        meta, body = split_front_matter(source, rel)
        blocks = markdown_blocks(body)
    elif suffix in HTML_SUFFIXES:
        page = _HtmlArticle()
        page.feed(source)
        page.close()
        meta = {k: v for k, v in page.meta.items() if v}
        blocks = page.blocks
    else:
        blocks = text_blocks(source)
    return article_from_blocks(blocks, meta, rel, story)


def article_from_text(text: str, rel: str, story: str = "") -> SourceArticle:
    """An article from plain text that has no file of its own (evaluation data, tests)."""
    return article_from_blocks(text_blocks(text), {}, rel, story)


def article_from_blocks(
    blocks: list[Block], meta: dict[str, Any], rel: str, story: str | None
) -> SourceArticle:
    """Clean the blocks and settle the metadata: front matter first, then evidence in the text."""
    kept, evidence = clean_blocks(blocks)
    if not kept:
        raise ArticleError(rel, "no article text left after cleaning")
    title = _text(meta.get("title")) or _first_heading(blocks)
    url = _safe_url(_text(meta.get("url"))) or evidence.url
    outlet = _text(meta.get("outlet")) or outlet_from_url(url)
    return SourceArticle(
        id=article_id(rel),
        path=rel,
        story=_text(meta.get("story")) or story or "",
        text="\n\n".join(kept),
        title=title,
        outlet=outlet,
        url=url,
        published=_date_text(meta.get("published")) or evidence.published,
        author=_text(meta.get("author")) or evidence.author,
        language=_text(meta.get("language")) or "en",
        removed=tuple(evidence.removed),
    )


def article_id(rel_path: str) -> str:
    """A short id, stable for a given path under the content root."""
    stem = re.sub(r"[^a-z0-9]+", "-", PurePosixPath(rel_path).stem.lower()).strip("-")[:24]
    digest = hashlib.sha1(rel_path.encode()).hexdigest()[:6]
    return f"{stem}-{digest}" if stem else digest


def split_front_matter(source: str, rel: str) -> tuple[dict[str, Any], str]:
    """Split YAML front matter (between ``---`` lines) from a Markdown body."""
    if not source.startswith("---"):
        return {}, source
    match = re.match(r"^---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*$\r?\n?", source, re.S | re.M)
    if not match:
        raise ArticleError(rel, "front matter starts with '---' but has no closing '---' line")
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise ArticleError(rel, f"malformed front matter{where}: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(meta, dict):
        raise ArticleError(rel, "front matter must be 'key: value' lines")
    unknown = sorted(set(map(str, meta)) - set(FRONT_MATTER_KEYS))
    if unknown:
        logger.warning("%s: unknown front matter keys ignored: %s", rel, ", ".join(unknown))
    return meta, source[match.end() :]


_MARKDOWN = MarkdownIt("commonmark", {"html": False})


def markdown_blocks(body: str) -> list[Block]:
    """Headings and paragraphs of a Markdown body, as plain text (markup, links and images removed)."""
    blocks: list[Block] = []
    tokens = _MARKDOWN.parse(body)
    heading = False
    for token in tokens:
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
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


def normalise_space(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


_CLOSERS = "\"'”’»)]*_"


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS + " ")[-1:] in {".", "!", "?", "…"}


# Lines that are page furniture, whatever else they say.
_FURNITURE = re.compile(
    r"""^(?:advertisement|advertising|loader|comments?|close(?:\ button)?|menu|search|
        share(?:\ this\ (?:article|story))?\b.*|newsletters?\b.*|subscribe\b.*|sign\ up\b.*|
        go\ to\ accessibility\ shortcuts|skip\ to\ (?:main\ )?content|read\ more|more\ stories|
        published\ on\b.*|updated\b.{0,40}|embed:?|original\ url:?)$""",
    re.I | re.X,
)
# Lines introducing links to other articles.
_CROSS_LINK = re.compile(
    r"^(?:also\ read|read\ (?:more|also)|related(?:\ articles?)?|see\ also|watch)\s*[:|-]", re.I | re.X
)
# Photo captions and credits.
_CAPTION = re.compile(
    r"^(?:file(?:\ photo)?\s*[-–—:]|photo:|image:|pictured:)"
    r"|\b(?:photo|picture|image)s?\ (?:by|credit|courtesy)\b"
    r"|\bcopyright\b|©|\bgetty\ images\b|\bvia\ (?:kns|reuters|ap|afp)\b",
    re.I | re.X,
)
_BYLINE = re.compile(r"^[Bb]y\s+(?P<who>[A-Z][^.!?]{1,80})$")
_CREDIT = re.compile(r"^(?:sources?|credits?)\s*:\s*(?P<who>[^.!?]{2,80})$", re.I)
_SIGN_OFF = re.compile(r"^\((?:with inputs? from [^)]*|[\w.]{1,8}(?:/[\w.]{1,8})*)\)$", re.I)
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
    r"^(?:(?P<m1>[A-Za-z]+)\.?\s+(?P<d1>\d{1,2}),?\s+(?P<y1>\d{4})|(?P<d2>\d{1,2})\s+(?P<m2>[A-Za-z]+)\.?,?\s+(?P<y2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))(?:[ ,T].{0,20})?$"
)
_URL = re.compile(r"https?://[^\s<>\"]+")


def clean_blocks(blocks: list[Block]) -> tuple[list[str], Evidence]:
    """Keep the paragraphs that report; learn the byline, credit and URL from the rest."""
    evidence = Evidence()
    kept: list[str] = []
    in_embed = False
    for block in blocks:
        text = normalise_space(block.text)
        if not text:
            continue
        if block.heading:
            in_embed = text.lower().rstrip(":").strip() in {"embed", "embedded post", "tweet"}
            continue
        if (reason := _furniture_reason(text, in_embed, evidence)) is not None:
            evidence.removed.append(f"{reason}: {text}")
            continue
        kept.append(text)
    return kept, evidence


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
    if _SIGN_OFF.match(text):
        return "sign-off"
    if _CAPTION.search(text):
        return "photo caption or credit"
    if not _ends_sentence(text):
        return "heading or fragment"
    if len(text.split()) < 4:
        return "fragment"
    return None


def parse_date_line(text: str) -> str | None:
    """The ISO date of a line that is only a date ("January 11, 2025", "11 Jan 2025")."""
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
    if not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _first_heading(blocks: list[Block]) -> str | None:
    return next((normalise_space(b.text) for b in blocks if b.heading and b.text.strip()), None)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = normalise_space(str(value))
    return text or None


def _date_text(value: Any) -> str | None:
    """Front matter dates come as ``date`` objects from YAML or as strings; keep ISO 8601 text."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return _text(value)


def _safe_url(url: str | None) -> str | None:
    """Only absolute http(s) URLs are kept; anything else (``javascript:``, ``data:``…) is dropped."""
    if not url:
        return None
    url = url.strip().strip("<>")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(c in url for c in "\"'<> \n\t"):
        return None
    return url


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


class _HtmlArticle(HTMLParser):
    """Text blocks and metadata of a saved web page, with the page's chrome left out."""

    _SKIP = frozenset(
        {
            "script",
            "style",
            "noscript",
            "nav",
            "header",
            "footer",
            "aside",
            "form",
            "figure",
            "template",
            "svg",
            "button",
        }
    )
    _BLOCKS = frozenset(
        {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "section", "article", "br"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.meta: dict[str, str] = {}
        self._skip_depth = 0
        self._buffer: list[str] = []
        self._heading = False
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            target = {
                "og:title": "title",
                "og:url": "url",
                "author": "author",
                "article:published_time": "published",
                "og:site_name": "outlet",
            }.get(key)
            if target and values.get("content"):
                self.meta.setdefault(target, values["content"])
        elif tag == "link" and values.get("rel", "").lower() == "canonical" and values.get("href"):
            self.meta.setdefault("url", values["href"])
        elif tag == "html" and values.get("lang"):
            self.meta.setdefault("language", values["lang"].split("-")[0])
        elif tag == "title":
            self._in_title = True
        if tag in self._SKIP:
            self._skip_depth += 1
        elif tag in self._BLOCKS:
            self._flush()
            self._heading = tag in {"h1", "h2", "h3", "h4", "h5", "h6"}

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self._SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in self._BLOCKS:
            self._flush()
            self._heading = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.meta.setdefault("page_title", data.strip())
        elif not self._skip_depth:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()
        self.meta.setdefault("title", self.meta.pop("page_title", ""))

    def _flush(self) -> None:
        text = normalise_space("".join(self._buffer))
        self._buffer = []
        if text:
            self.blocks.append(Block(text, heading=self._heading))
