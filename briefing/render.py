"""Markdown → HTML with markdown-it-py and its footnote plugin; no raw HTML, only http(s) links."""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import quote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

_MARKDOWN_PUNCTUATION = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


# Characters a URL keeps as they are when it is written into Markdown or HTML: every other one
# (quotes, angle brackets, backslashes, spaces, controls) is percent-encoded.
URL_SAFE = "/:@!$&'()*+,;=%~-._"


def escape_markdown(text: str) -> str:
    """Backslash-escape every ASCII punctuation mark, so article text is only ever text.

    >>> escape_markdown("[click](javascript:x) <b>")
    '\\\\[click\\\\]\\\\(javascript\\\\:x\\\\) \\\\<b\\\\>'
    """
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def is_safe_link(url: str) -> bool:
    """Links may go to http(s) pages or to anchors on the same page; nothing else."""
    url = url.strip()
    if url.startswith("#"):
        return True
    return urlsplit(url).scheme.lower() in ("http", "https") and bool(urlsplit(url).netloc)


def text_fragment_url(url: str, sentence: str) -> str:
    """The article URL with a text fragment that makes the browser jump to ``sentence``.

    Long sentences are matched by their first and last words (``#:~:text=start,end``).
    """
    words = sentence.split()
    parts = [" ".join(words)] if len(words) <= 10 else [" ".join(words[:5]), " ".join(words[-5:])]
    encoded = ",".join(quote(p, safe="").replace("-", "%2D") for p in parts)
    return f"{url.split('#', 1)[0]}#:~:text={encoded}"


def _ref_id(tokens, idx, options, env, renderer) -> tuple[str, str]:
    ident = renderer.rules["footnote_anchor_name"](tokens, idx, options, env)
    sub = tokens[idx].meta.get("subId", -1)
    return ident, (f"{ident}:{sub}" if sub > 0 else ident)


def _render_citation(self, tokens, idx, options, env) -> str:
    """A footnote reference that shows the source's number and names the outlet to screen readers."""
    ident, ref = _ref_id(tokens, idx, options, env, self)
    number, name = env.get("citations", {}).get(
        tokens[idx].meta.get("label"), (str(tokens[idx].meta["id"] + 1), "")
    )
    # numbers in a row are set apart by commas, as in print ("region¹,³,⁵"), styled or not
    comma = "," if idx > 0 and tokens[idx - 1].type == "footnote_ref" else ""
    said = f": {escapeHtml(name)}" if name and name != f"Source {number}" else ""
    label = f' aria-label="Source {escapeHtml(number)}{said}"'
    return (
        f'<sup class="footnote-ref">{comma}<a href="#fn{ident}" id="fnref{ref}" role="doc-noteref"{label}>'
        f"{escapeHtml(number)}</a></sup>"
    )


def _render_endnotes_open(self, tokens, idx, options, env) -> str:
    """The source sentences of every footnote, folded: a footnote number opens them (the
    browser unfolds a ``<details>`` it is sent into; ``briefing.js`` does it where it does not)."""
    return (
        '<details class="footnotes-more" id="sentences"><summary>The source sentences</summary>\n'
        '<section class="footnotes" role="doc-endnotes" aria-label="Footnotes">\n'
        '<ol class="footnotes-list">\n'
    )


def _render_endnotes_close(self, tokens, idx, options, env) -> str:
    return "</ol>\n</section>\n</details>\n"


def _render_backlink(self, tokens, idx, options, env) -> str:
    _, ref = _ref_id(tokens, idx, options, env, self)
    return (
        f' <a href="#fnref{ref}" class="footnote-backref" role="doc-backlink" aria-label="Back to text">↩︎</a>'
    )


def _render_heading(self, tokens, idx, options, env) -> str:
    """Headings shifted down by ``env["headingOffset"]``: "##" is h3 inside a fragment under an h2."""
    token = tokens[idx]
    level = min(6, int(token.tag[1]) + env.get("headingOffset", 0))
    return f"<h{level}>" if token.nesting == 1 else f"</h{level}>\n"


def _render_more(self, tokens, idx, options, env) -> str:
    """``:::: more Title`` opens a section folded under its heading (a native ``<details>``)."""
    token = tokens[idx]
    if token.nesting != 1:
        return "</details>\n"
    title = token.info.strip().removeprefix("more").strip()
    level = min(6, 2 + env.get("headingOffset", 0))
    return f'<details class="more"><summary><h{level}>{escapeHtml(title)}</h{level}></summary>\n'


def _render_link(self, tokens, idx, options, env) -> str:
    """A link; in an embed (``env["linkTarget"]``) one that leaves the page opens in the top
    window, while the page's own anchors (footnotes) stay in the frame."""
    token = tokens[idx]
    target = env.get("linkTarget")
    if target and not (token.attrGet("href") or "").startswith("#"):
        token.attrSet("target", target)
    return self.renderToken(tokens, idx, options, env)


def _render_figure(self, tokens, idx, options, env) -> str:
    """``::: figure`` in our Markdown stands for the HTML figure the caller passed in ``env``."""
    return env.get("figure", "") if tokens[idx].nesting == 1 else ""


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.use(footnote_plugin)
    md.use(container_plugin, name="figure", render=_render_figure)
    md.use(container_plugin, name="more", render=_render_more)
    md.add_render_rule("heading_open", _render_heading)
    md.add_render_rule("heading_close", _render_heading)
    md.add_render_rule("footnote_ref", _render_citation)
    md.add_render_rule("link_open", _render_link)
    md.add_render_rule("footnote_block_open", _render_endnotes_open)
    md.add_render_rule("footnote_block_close", _render_endnotes_close)
    md.add_render_rule("footnote_anchor", _render_backlink)
    md.validateLink = is_safe_link
    return md


def render_markdown(
    text: str,
    doc_id: str,
    citations: dict[str, tuple[str, str]] | None = None,
    figure: str = "",
    heading_offset: int = 0,
    link_target: str | None = None,
) -> str:
    """HTML for a briefing's Markdown.

    ``doc_id`` keeps footnote ids unique on pages that show several briefings; ``citations``
    maps a footnote label to the (number, outlet name) its reference shows; ``figure`` is the
    HTML that a ``::: figure`` block stands for (built by us, never from article text, which
    is escaped and so can never open such a block); ``heading_offset`` moves every heading
    down that many levels; ``link_target`` ("_top" in an embed) where links off the page open.
    """
    return render_views(text, doc_id, citations, figure, [(heading_offset, link_target)])[0]


def render_views(
    text: str,
    doc_id: str,
    citations: dict[str, tuple[str, str]] | None,
    figure: str,
    views: Sequence[tuple[int, str | None]],
) -> list[str]:
    """The HTML of :func:`render_markdown` for each ``(heading_offset, link_target)`` of
    ``views``, the Markdown parsed once (parsing is most of the work)."""
    md = _markdown()
    env = {
        "docId": doc_id,
        "citations": citations or {},
        "figure": figure,
        "headingOffset": 0,
        "linkTarget": None,
    }
    tokens = md.parse(text, env)
    pages = []
    for heading_offset, link_target in views:
        view = {**env, "headingOffset": heading_offset, "linkTarget": link_target}
        # a link target is set on the tokens themselves: those views render a copy
        shown = copy.deepcopy(tokens) if link_target else tokens
        pages.append(md.renderer.render(shown, md.options, view))
    return pages
