"""The reader of saved web pages: metadata and main-text blocks found by trafilatura (never fetching)."""

from __future__ import annotations

import re
from typing import Any

from ..errors import BriefingError
from .blocks import _EMBED_TRACE, Block, _join_wrapped, _text, normalise_space
from .metadata import _safe_url
from .validate import PageText, outlet_name, page_author, page_date

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
    outlet = outlet_name(document.sitename, page_url, document.title)
    page = PageText.of(source, page_url)
    meta = {
        "title": document.title,
        "url": page_url,
        "outlet": outlet,
        "author": page_author(document.author, outlet, page_url, page, _text(document.sitename)),
        "published": page_date(document.date, page),
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
