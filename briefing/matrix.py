"""The coverage matrix: which outlet states which statement, as an SVG drawn at build time.

Rows are the statements several outlets share (the lede and the main account), columns the
outlets; a filled cell means the outlet states it. The picture needs no script; a table with the
same content follows it for screen readers and for anyone who prefers text.
"""

from __future__ import annotations

from html import escape

from .models import Briefing, Fact

ROW = 22
COLUMN = 28
LABEL = 330  # width of the statement labels
HEADER = 120  # height of the rotated outlet names
MAX_ROWS = 30
# colours that read on light and dark backgrounds alike
YES = 'fill="#2f6fb0"'
NO = 'fill="none" stroke="#8a8a8a" stroke-width="1"'
MARK = '✓<span class="visually-hidden"> states it</span>'


def shown_facts(briefing: Briefing) -> list[Fact]:
    """The statements the matrix shows: those of the lede and main account several outlets share."""
    return [f for f in briefing.facts if f.section in ("lede", "key") and len(f.sources) > 1][:MAX_ROWS]


def short(text: str, limit: int = 44) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def coverage_svg(briefing: Briefing) -> str:
    """The matrix as inline SVG markup, every text escaped; empty when nothing is shared."""
    facts = shown_facts(briefing)
    if not facts:
        return ""
    outlets = briefing.sources
    width = LABEL + COLUMN * len(outlets) + HEADER  # room for the slanted names
    height = HEADER + ROW * len(facts) + 10
    title = f"Which of the {len(outlets)} outlets state each of {len(facts)} statements"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="coverage" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{briefing.slug}-cov-title '
        f'{briefing.slug}-cov-desc">',
        f'<title id="{briefing.slug}-cov-title">{escape(title)}</title>',
        f'<desc id="{briefing.slug}-cov-desc">A filled square means the outlet states the statement. '
        "The table after the picture gives the same information.</desc>",
        '<g font-family="system-ui, sans-serif" font-size="12" fill="currentColor">',
    ]
    for column, article in enumerate(outlets):
        x = LABEL + column * COLUMN + COLUMN / 2
        parts.append(
            f'<text x="{x:.0f}" y="{HEADER - 6}" transform="rotate(-55 {x:.0f} {HEADER - 6})">'
            f"{column + 1}. {escape(short(article.label, 20))}</text>"
        )
    for row, fact in enumerate(facts):
        y = HEADER + row * ROW
        parts.append(f'<text x="0" y="{y + 15}">{escape(fact.id)} {escape(short(fact.reading))}</text>')
        for column, article in enumerate(outlets):
            x = LABEL + column * COLUMN + 4
            paint = YES if article.id in fact.sources else NO
            parts.append(
                f'<rect x="{x}" y="{y + 3}" width="{COLUMN - 8}" height="{ROW - 6}" rx="3" {paint}/>'
            )
    parts.append("</g></svg>")
    return "".join(parts)


def coverage_table(briefing: Briefing) -> str:
    """The same information as an HTML table, every text escaped."""
    facts = shown_facts(briefing)
    if not facts:
        return ""
    head = "".join(
        f'<th scope="col" title="{escape(a.file_name)}">{escape(a.label)}</th>' for a in briefing.sources
    )
    rows = []
    for fact in facts:
        cells = "".join(f"<td>{MARK if a.id in fact.sources else ''}</td>" for a in briefing.sources)
        rows.append(
            f'<tr><th scope="row">{escape(fact.id)}: {escape(short(fact.reading, 90))}</th>{cells}</tr>'
        )
    return (
        '<table class="coverage-table"><caption>Which outlet states which statement</caption>'
        f'<thead><tr><th scope="col">Statement</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def coverage_figure(briefing: Briefing) -> str:
    """The matrix and its table in one figure, or nothing when no statement is shared."""
    svg = coverage_svg(briefing)
    if not svg:
        return ""
    return (
        '<figure class="coverage-matrix">'
        f"{svg}"
        "<figcaption>Coverage: a filled square means the outlet states the statement.</figcaption>"
        f"<details><summary>The same as a table</summary>{coverage_table(briefing)}</details>"
        "</figure>\n"
    )
