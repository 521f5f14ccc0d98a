"""A briefing as Markdown: every statement footnoted to the exact sentence of each outlet.

Article text is untrusted: it enters the Markdown only through :func:`escape_markdown`, and
links only through :func:`markdown_link` with an http(s) URL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from urllib.parse import quote

from .matrix import coverage_figure, short, shown_facts
from .models import Briefing, Conflict, Evidence, Fact, SourceArticle
from .render import URL_SAFE, escape_markdown, is_safe_link, render_views, text_fragment_url


def markdown_link(label: str, url: str | None) -> str:
    """An escaped Markdown link, or the bare escaped label when the URL is not http(s)."""
    if not url or not is_safe_link(url):
        return escape_markdown(label)
    destination = quote(url.strip(), safe=URL_SAFE + "?#")  # nothing can end the link or escape it
    return f"[{escape_markdown(label)}](<{destination}>)"


def coverage(fact: Fact, briefing: Briefing) -> str:
    """ "4 of 5 outlets, 3 independent reports": outlets carrying one wire copy count once."""
    n, total = len(fact.sources), len(briefing.sources)
    if n == 1:
        return f"only {briefing.source(fact.sources[0]).label}"
    line = f"{n} of {total} outlets"
    if fact.origins < n:
        line += f", {fact.origins} independent report{'s' if fact.origins > 1 else ''}"
    for detail in fact.details:
        given = detail.sources
        who = f"only {briefing.source(given[0]).label}" if len(given) == 1 else f"{len(given)} of them"
        line += f"; “{short(fact.text[detail.start : detail.end])}” {who}"
    return line


def statement(fact: Fact) -> str:
    """A statement's words, escaped, each detail footnoted to the outlets that give it and the
    whole to every outlet that states it."""
    pieces, at = [], 0
    for detail in sorted(fact.details, key=lambda d: d.end):
        end = detail.end
        while end < len(fact.text) and fact.text[end] in _CLOSING:  # after "(SBU)", not inside it
            end += 1
        end = max(end, at)
        pieces.append(_escaped(_read(fact, at, end)))
        pieces.append(citations(fact.id, tuple(e for e in fact.evidence if e.source in detail.sources)))
        at = end
    pieces.append(_escaped(_read(fact, at, len(fact.text))))
    return "".join(pieces) + citations(fact.id, fact.evidence)


_CLOSING = ")]”’\"'"


def _read(fact: Fact, start: int, end: int) -> str:
    """``fact.text[start:end]`` as a reader sees it: the referent in brackets where it falls."""
    r = fact.referent
    if r is None or not start <= r.start < r.end <= end:
        return fact.text[start:end]
    return f"{fact.text[start : r.start]}[{r.name}]{fact.text[r.end : end]}"


def _escaped(piece: str) -> str:
    """A piece of a statement escaped, keeping the space it starts with."""
    return (" " if piece[:1].isspace() else "") + escape_markdown(piece)


def outlet_names(source_ids: tuple[str, ...], briefing: Briefing) -> str:
    names = [briefing.source(s).label for s in source_ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def cited(briefing: Briefing) -> list[tuple[str, tuple[Evidence, ...]]]:
    """Every statement the page footnotes, by id: facts (``f3``), sides of a disagreement that
    no fact shows (``c2-1``) and quotations (``q2``)."""
    items = [(f.id, f.evidence) for f in briefing.facts]
    items += [
        (side_id(conflict, number), claim.evidence)
        for conflict in briefing.conflicts
        for number, claim in enumerate(conflict.sides, 1)
        if claim.fact is None
    ]
    items += [(quote_id(n), q.evidence) for n, q in enumerate(briefing.quotes, 1)]
    return items


def side_id(conflict: Conflict, number: int) -> str:
    return f"{conflict.id}-{number}"


def quote_id(number: int) -> str:
    return f"q{number}"


def footnotes_of(item_id: str, evidence: tuple[Evidence, ...]) -> list[tuple[str, tuple[Evidence, ...]]]:
    """One footnote per source a statement cites, ``f3-<source>``, with every sentence of that
    source it cites (a side of a disagreement may cite several of one outlet)."""
    by_source: dict[str, list[Evidence]] = {}
    for e in evidence:
        by_source.setdefault(e.source, []).append(e)
    return [(f"{item_id}-{source}", tuple(sentences)) for source, sentences in by_source.items()]


def citations(item_id: str, evidence: tuple[Evidence, ...]) -> str:
    return "".join(f"[^{label}]" for label, _ in footnotes_of(item_id, evidence))


def source_line(article: SourceArticle) -> str:
    """Outlet, kind, title, author and date of a source, as one Markdown line."""
    parts = [f"**{markdown_link(article.label, article.url)}**"]
    if article.kind:  # a post or a statement is the news itself, not an outlet's report
        parts[0] += f" ({escape_markdown(article.kind)})"
    if article.title:
        parts.append(f"*{escape_markdown(article.title)}*")
    if article.author:
        parts.append(escape_markdown(f"by {article.author}"))
    if article.published:
        parts.append(escape_markdown(article.published))
    if not article.outlet:  # where a source with no known outlet comes from
        parts.append(escape_markdown(f"file {article.file_name}"))
    return ", ".join(parts)


def quoted(text: str) -> str:
    """A sentence between quotation marks, its own quotation marks made single as editors do:
    “"Our soldiers …," Zelensky wrote” → “‘Our soldiers …,’ Zelensky wrote”.

    >>> quoted('"We are here," he said.')
    '“‘We are here,’ he said.”'
    """
    out, opening = [], True
    for char in text:
        if char == '"':
            char = "‘" if opening else "’"
            opening = not opening
        elif char in "“”":
            char = "‘" if char == "“" else "’"
            opening = char == "’"
        out.append(char)
    return f"“{''.join(out)}”"


def footnote(label: str, sentences: tuple[Evidence, ...], briefing: Briefing) -> str:
    """A footnote: the source, then each sentence cited, linked to its place in the article."""
    article = briefing.source(sentences[0].source)
    quotes = []
    for e in sentences:
        quoted_text = quoted(e.text)
        quote = escape_markdown(quoted_text)
        if article.url and is_safe_link(article.url):
            quote = markdown_link(quoted_text, text_fragment_url(article.url, e.text))
        quotes.append(quote)
    return f"[^{label}]: {source_line(article)}: {' '.join(quotes)}"


def fact_item(fact: Fact, briefing: Briefing) -> str:
    """A list item: the statement, its footnotes, and how many outlets report it."""
    return f"- {statement(fact)} *({escape_markdown(coverage(fact, briefing))})*"


def _more(title: str, body: list[str]) -> list[str]:
    """A section a reader opens with one click or tap: ``title`` is ours (fixed words and
    counts), never article text, which is escaped and so can never open such a block."""
    return [f":::: more {title}", "", *body, "", "::::", ""]


def _topic_lists(facts: list[Fact], briefing: Briefing) -> list[str]:
    """One list per topic, in the facts' order; a topic of several of them under its heading,
    when it has one."""
    lines: list[str] = []
    topic = None
    sizes = Counter(f.topic for f in facts)
    for fact in facts:
        if topic is not None and fact.topic != topic:
            lines.append("")
        if fact.topic != topic and fact.topic_title and sizes[fact.topic] > 1:
            lines += [f"### {escape_markdown(fact.topic_title)}", ""]
        topic = fact.topic
        lines.append(fact_item(fact, briefing))
    lines.append("")
    return lines


def change_line(change, briefing: Briefing) -> str:
    """One change as a reader reads it: "Newly corroborated by …: text"."""
    names = outlet_names(change.sources, briefing) if change.sources else ""
    if change.kind == "new outlet":
        return f"New outlet: {change.text}"
    if change.kind == "newly corroborated":
        return f"Now reported by {names}: {change.text}"
    if change.kind == "new disagreement":
        return f"New disagreement: {change.text}"
    return f"New ({names}): {change.text}"


def citation_captions(briefing: Briefing) -> dict[str, tuple[str, str]]:
    """Each footnote label → (the source's number in the source list, the outlet's name)."""
    numbers = {a.id: str(n) for n, a in enumerate(briefing.sources, 1)}
    return {
        label: (numbers[sentences[0].source], briefing.source(sentences[0].source).label)
        for item_id, evidence in cited(briefing)
        for label, sentences in footnotes_of(item_id, evidence)
    }


def render_briefing(briefing: Briefing, heading_offset: int = 0, link_target: str | None = None) -> str:
    """The briefing body as HTML; ``heading_offset`` 1 when the title above it is an h2;
    ``link_target`` "_top" in an embed, where links off the page leave the frame."""
    return render_briefing_views(briefing, [(heading_offset, link_target)])[0]


def render_briefing_views(briefing: Briefing, views: Sequence[tuple[int, str | None]]) -> list[str]:
    """The briefing body as HTML for each ``(heading_offset, link_target)`` of ``views``."""
    return render_views(
        compose_markdown(briefing),
        briefing.slug,
        citation_captions(briefing),
        coverage_figure(briefing),
        views,
    )


def compose_markdown(briefing: Briefing) -> str:
    """The briefing body: lede, shared facts, each outlet's summary, sources, footnotes."""
    lines: list[str] = []
    lede = briefing.lede
    if lede:
        lines.append(" ".join(statement(f) for f in lede))
        lines.append("")
    if briefing.changes:
        info = briefing.history[briefing.version - 1] if briefing.history else None
        when = f", {info.date}" if info and info.date else ""
        lines += [f"## What changed in version {briefing.version}{escape_markdown(when)}", ""]
        for change in briefing.changes:
            lines.append(f"- {escape_markdown(change_line(change, briefing))}")
        lines.append("")
    main = [f for f in briefing.facts if f.section == "key"]
    if main:
        lines += ["## What the outlets report", ""]
        lines += _topic_lists(main, briefing)
    if briefing.conflicts:
        facts = {f.id: f for f in briefing.facts}
        lines += ["## Where the outlets differ", ""]
        for conflict in briefing.conflicts:
            topic = conflict.topic[:1].upper() + conflict.topic[1:] or "Differing accounts"
            lines.append(f"**{escape_markdown(topic)}**")
            lines.append("")
            for number, claim in enumerate(conflict.sides, 1):
                fact = facts[claim.fact] if claim.fact else None
                refs = (
                    citations(fact.id, fact.evidence)
                    if fact
                    else citations(side_id(conflict, number), claim.evidence)
                )
                who = escape_markdown(outlet_names(claim.sources, briefing))
                lines.append(f"- {who}: {escape_markdown(claim.text)}{refs}")
            lines.append("")
    # everything else is one click or tap away (native <details>, no script needed)
    if shown_facts(briefing):  # the matrix, when several outlets share a statement
        lines += _more("Who reports what", ["::: figure", ":::"])
    single = [f for f in briefing.facts if f.section == "single"]
    if single:
        lines += _more(f"Reported by one outlet only ({len(single)})", _topic_lists(single, briefing))
    details = [f for f in briefing.facts if f.section == "detail"]
    if details:
        lines += _more(f"More details ({len(details)})", [fact_item(f, briefing) for f in details])
    if briefing.quotes:
        quoted = []
        for number, quote in enumerate(briefing.quotes, 1):
            refs = citations(quote_id(number), quote.evidence)
            quoted.append(f"> “{escape_markdown(quote.text)}”{refs}  ")
            quoted.append(f"> — {escape_markdown(quote.speaker or '')}")
            quoted.append("")
        lines += _more(f"In their own words ({len(briefing.quotes)})", quoted)
    people = [e for e in briefing.entities if e.label in ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT")]
    if people:
        kinds = {
            "PERSON": "people",
            "ORG": "organisations",
            "GPE": "places",
            "LOC": "places",
            "FAC": "places",
        }
        named = []
        for kind in ("people", "organisations", "places"):
            names = [e for e in people if kinds.get(e.label) == kind][:12]
            if names:
                listed = ", ".join(f"{escape_markdown(e.name)} ({len(e.sources)})" for e in names)
                named.append(f"- **{kind.capitalize()}**: {listed}")
        named += ["", "*In brackets: how many outlets name them.*"]
        lines += _more("People, organisations and places", named)
    if briefing.timeline:
        dated = [f"- **{escape_markdown(e.date)}**: {escape_markdown(e.text)}" for e in briefing.timeline]
        lines += _more(f"Timeline ({len(briefing.timeline)})", dated)
    brief = []
    for article in briefing.sources:
        summary = briefing.summaries.get(article.id, ())
        brief += [f"**{escape_markdown(article.label)}**", ""]
        brief.append(" ".join(escape_markdown(s.text) for s in summary) or "*No summary: too little text.*")
        brief.append("")
    if any(briefing.summaries.values()):  # an earlier version keeps no summaries
        lines += _more("Each outlet in brief", brief)
    lines += ["## Sources", ""]
    for number, article in enumerate(briefing.sources, 1):
        lines.append(f"{number}. {source_line(article)}")
    lines.append("")
    for item_id, evidence in cited(briefing):
        for label, sentences in footnotes_of(item_id, evidence):
            lines.append(footnote(label, sentences, briefing))
    return "\n".join(lines) + "\n"
