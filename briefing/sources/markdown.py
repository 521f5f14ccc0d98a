"""The readers of a Markdown body and of a plain-text article: their headings and paragraphs as blocks."""

from __future__ import annotations

from markdown_it import MarkdownIt

from .blocks import _EMBED_TRACE, Block, _join_wrapped

_MARKDOWN = MarkdownIt("commonmark", {"html": False})


def markdown_blocks(body: str) -> list[Block]:
    """Headings and paragraphs of a Markdown body, as plain text (markup, links and images removed).

    A block quote that carries the traces of an embedded post (a ``pic.twitter.com`` link, an
    ``(@handle)`` signature) is marked embedded as a whole.
    """
    blocks: list[Block] = []
    quote_start: list[int] = []
    heading = False
    items = 0  # how many list items the token is in
    for token in _MARKDOWN.parse(body):
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type in ("list_item_open", "list_item_close"):
            items += 1 if token.type == "list_item_open" else -1
        elif token.type == "blockquote_open":
            quote_start.append(len(blocks))
        elif token.type == "blockquote_close":
            start = quote_start.pop()
            if any(_EMBED_TRACE.search(b.text) for b in blocks[start:]):
                blocks[start:] = [Block(b.text, b.heading, True, b.item) for b in blocks[start:]]
        elif token.type == "inline":
            lines = _inline_lines(token.children or [])
            if heading:
                blocks.append(Block(" ".join(lines), heading=True))
            else:
                blocks.extend(Block(line, item=items > 0) for line in _join_wrapped(lines))
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
