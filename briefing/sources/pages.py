"""The reader of saved web pages: metadata and main-text blocks found by trafilatura (never fetching)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from ..errors import BriefingError
from .blocks import _EMBED_TRACE, Block, _join_wrapped, _text, normalise_space
from .metadata import _safe_url
from .validate import PageText, outlet_name, page_author, page_date, page_title

# Page widgets that trafilatura would otherwise keep as article text, told by a word of one of
# their class names ("share-buttons", "related_posts"): whole words only, since a page's wrapper
# is often named after a state ("share_tools_on", "cookies-not-set").
_WIDGET_WORDS = frozenset(
    {
        "share",
        "sharing",
        "sharedaddy",
        "shariff",
        "social",
        "newsletter",
        "related",
        "advert",
        "adverts",
        "advertisement",
        "advertising",
        "cookie",
        "cookies",
    }
)
# Embedded posts (a tweet, an Instagram or TikTok post) quoted in the page.
_EMBED_WORDS = frozenset({"embed", "embedded", "tweet"})
# Elements that hold the article, whatever their class says; nor is an element holding at least
# this share of the page's text ever a widget.
_NEVER_PRUNED = frozenset({"html", "body", "main", "article"})
MAX_WIDGET_SHARE = 0.5
_SOCIAL_EMBED = re.compile(r"\b(?:twitter\.com|x\.com|instagram\.com|tiktok\.com|facebook\.com)/", re.I)


# The first word of a class name that tags a post rather than names a part of the page
# (WordPress's "category-social-issues", "tag-related", "no-share").
_TAG_WORDS = frozenset({"category", "tag", "tags", "no", "has", "is", "with", "format", "status", "type"})


def class_words(element: Any) -> set[str]:
    """The first and last words of an element's class names, split at hyphens and underscores,
    in lower case; none of a name that tags a post ("category-social-issues").

    >>> from lxml.html import fragment_fromstring
    >>> sorted(class_words(fragment_fromstring(
    ...     '<div class="post share_tools_on x--pusher category-social-issues"></div>')))
    ['on', 'post', 'pusher', 'share', 'x']
    """
    words: set[str] = set()
    for name in (element.get("class") or "").lower().split():
        parts = [part for part in re.split(r"[_-]+", name) if part]
        if parts and parts[0] not in _TAG_WORDS:
            words.update((parts[0], parts[-1]))
    return words


def prune_widgets(tree: Any) -> Any:
    """Remove share and social buttons, newsletter boxes, related links, adverts, cookie notices,
    captions and embedded posts from a parsed page, never the elements that hold its article."""
    body = tree.find(".//body")
    page_chars = len((body if body is not None else tree).text_content()) or 1
    doomed = []
    for element in tree.iter("*"):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _NEVER_PRUNED:
            continue
        words = class_words(element)
        if not (
            tag == "figcaption"
            or words & _WIDGET_WORDS
            or (tag == "blockquote" and (words & _EMBED_WORDS or "twitter" in words or "instagram" in words))
        ):
            continue
        if len(element.text_content()) >= MAX_WIDGET_SHARE * page_chars:
            continue  # a wrapper of the whole page named after a widget it holds
        doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()  # the text after it (its tail) stays
    return tree


# trafilatura's plain-text output, which is not used, warns of every link without a target
logging.getLogger("trafilatura.xml").setLevel(logging.ERROR)


def html_page(source: str, url: str | None = None) -> tuple[dict[str, Any], list[Block]]:
    """Metadata and main-text blocks of a saved web page, found by trafilatura (never fetching)."""
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - a dependency, but say how to fix a broken install
        raise BriefingError("reading .html pages requires trafilatura: pip install trafilatura") from exc

    from trafilatura.utils import load_html

    tree = load_html(source)
    if tree is None:
        return {}, []
    document = trafilatura.bare_extraction(
        prune_widgets(tree),
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=True,  # to tell a list of links from a list that is part of the article
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or document.body is None:
        return {}, []
    page_url = _safe_url(document.url) or _safe_url(url)
    outlet = outlet_name(document.sitename, page_url, document.title)
    page = PageText.of(source, page_url)
    blocks = _body_blocks(document.body)
    text = [b.text for b in blocks if not b.heading and len(b.text) >= 40] or [""]
    article = (text[0], text[-1])  # where the page's byline and date are looked for
    meta = {
        "title": page_title(document.title, outlet, page_url, document.sitename),
        "url": page_url,
        "outlet": outlet,
        "author": page_author(document.author, outlet, page_url, page, _text(document.sitename), article),
        "published": page_date(document.date, page, article),
        "page_language": document.language or _html_language(source),
    }
    return {k: v for k, v in meta.items() if v}, blocks


def _body_blocks(body: Any) -> list[Block]:
    """Blocks of trafilatura's XML body: ``head`` is a heading; each item of a ``list``, cell of a
    ``table`` and paragraph of a ``quote`` is a block of its own, and so is the text that follows
    an element (its tail). A block all of whose text is links (``ref``) is marked so."""
    blocks: list[Block] = []
    for line_break in body.iter("lb"):
        line_break.tail = "\n" + (line_break.tail or "")
    for element in body:
        if element.tag == "head":
            blocks.append(Block(normalise_space("".join(element.itertext())), heading=True))
        else:
            embedded = element.tag == "quote" and bool(
                _EMBED_TRACE.search(text := "".join(element.itertext())) or _SOCIAL_EMBED.search(text)
            )
            for run in _runs(element):
                blocks.extend(
                    Block(line, embedded=embedded, item=run.item, link=run.link)
                    for line in _join_wrapped(run.text.split("\n"))
                )
        if element.tail and element.tail.strip():
            blocks.extend(Block(line) for line in _join_wrapped(element.tail.split("\n")))
    return blocks


# Elements of trafilatura's XML whose text stands apart from the text around it.
_SEPARATE = frozenset({"p", "item", "list", "cell", "row", "table", "quote", "head", "code"})


@dataclass(slots=True)
class _Run:
    text: str = ""
    unlinked: int = 0  # letters and figures of it outside links
    item: bool = False

    @property
    def link(self) -> bool:
        return self.unlinked == 0


def _runs(element: Any) -> list[_Run]:
    """The runs of text of an element: each item, cell or paragraph in it a run of its own.

    >>> from lxml import etree
    >>> [(r.text, r.item, r.link) for r in _runs(etree.fromstring(
    ...     "<list><item>One <hi>two</hi></item><item><ref>Three</ref><list><item>Four</item></list>"
    ...     "five</item></list>"))]
    [('One two', True, False), ('Three', True, True), ('Four', True, False), ('five', True, False)]
    """
    runs = [_Run()]

    def walk(node: Any, item: bool, linked: bool) -> None:
        item = item or node.tag in ("item", "cell")
        linked = linked or node.tag == "ref"
        add(node.text, item, linked)
        for child in node:
            if child.tag in _SEPARATE and (child.tag != "code" or "\n" in "".join(child.itertext())):
                # (inline code, "the `Dockerfile` of…", stays in its sentence)
                runs.append(_Run())
                walk(child, item, False)
                runs.append(_Run())
            else:
                walk(child, item, linked)
            add(child.tail, item, linked and child.tag != "ref")

    def add(text: str | None, item: bool, linked: bool) -> None:
        if text:
            runs[-1].text += text
            runs[-1].item = runs[-1].item or item
            runs[-1].unlinked += 0 if linked else sum(c.isalnum() for c in text)

    walk(element, False, False)
    return [run for run in runs if run.text.strip()]


_HTML_LANG = re.compile(r"<html\b[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.I)


def _html_language(source: str) -> str | None:
    match = _HTML_LANG.search(source[:4096])
    return match.group(1) if match else None
