"""The machine-readable output: ``index.json`` and one JSON file per briefing (schema 1)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .files import write_text
from .models import (
    Briefing,
    Conflict,
    Detail,
    Evidence,
    Fact,
    NamedEntity,
    Quote,
    Referent,
    SentenceRef,
    Side,
    SourceArticle,
    TimelineEntry,
)

SCHEMA = 1


def page_path(slug: str) -> str:
    return f"{slug}/index.html"


def json_path(slug: str) -> str:
    return f"{slug}/briefing.json"


def version_path(slug: str, number: int) -> str:
    """The permalink of one version of a briefing: it never changes once published."""
    return f"{slug}/v{number}/index.html"


def embed_path(slug: str) -> str:
    return f"{slug}/embed.html"


def fragment_path(slug: str) -> str:
    return f"{slug}/fragment.html"


def _referent(fact: Fact) -> dict:
    """``reading`` (the statement with its referent in brackets) and ``referent`` (the words it
    stands in for and the name), for a statement whose first words name someone elsewhere."""
    r = fact.referent
    if r is None:
        return {}
    where = {"text": fact.text[r.start : r.end], "start": r.start, "end": r.end, "name": r.name}
    return {"reading": fact.reading, "referent": where}


def _referent_from(item: dict | None) -> Referent | None:
    return None if not item else Referent(item["start"], item["end"], item["name"])


def lede_text(briefing: Briefing) -> str:
    return " ".join(f.reading for f in briefing.lede)


def _evidence(item: Evidence) -> dict[str, Any]:
    return {
        "source": item.source,
        "sentence": item.sentence,
        "text": item.text,
        "start": item.start,
        "end": item.end,
    }


def _source(article: SourceArticle, briefing: Briefing) -> dict[str, Any]:
    return {
        "id": article.id,
        "outlet": article.outlet,
        "label": article.label,
        "title": article.title,
        "url": article.url,
        "published": article.published,
        "author": article.author,
        "path": article.path,
        "summary": [s.text for s in briefing.summaries.get(article.id, ())],
        "kind": article.kind,
    }


def briefing_record(briefing: Briefing) -> dict[str, Any]:
    """The JSON export of one briefing (contract 4 of the design)."""
    return {
        "schema": SCHEMA,
        "slug": briefing.slug,
        "title": briefing.title,
        "updated": briefing.updated,
        "url": page_path(briefing.slug),
        "summary": lede_text(briefing),
        "sources": [_source(a, briefing) for a in briefing.sources],
        "facts": [
            {
                "id": f.id,
                "text": f.text,
                "sources": list(f.sources),
                "evidence": [_evidence(e) for e in f.evidence],
                "lede": f.lede,
                "section": f.section,
                "coverage": len(f.sources),
                "origins": f.origins,
                "topic": f.topic,
                "topic_title": f.topic_title,
                "details": [
                    {
                        "text": f.text[d.start : d.end],
                        "start": d.start,
                        "end": d.end,
                        "sources": list(d.sources),
                    }
                    for d in f.details
                ],
                **_referent(f),
            }
            for f in briefing.facts
        ],
        "conflicts": [
            {
                "id": c.id,
                "topic": c.topic,
                "claims": [
                    {
                        "text": k.text,
                        "sources": list(k.sources),
                        "fact": k.fact,
                        "evidence": [_evidence(e) for e in k.evidence],
                    }
                    for k in c.sides
                ],
            }
            for c in briefing.conflicts
        ],
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "sources": list(q.sources),
                "evidence": [_evidence(e) for e in q.evidence],
            }
            for q in briefing.quotes
        ],
        "version": briefing.version,
        "changes": [{"kind": c.kind, "text": c.text, "sources": list(c.sources)} for c in briefing.changes],
        "versions": [
            {"version": v.number, "date": v.date, "url": version_path(briefing.slug, v.number)}
            for v in briefing.history
        ],
        "entities": [
            {"name": e.name, "label": e.label, "sources": list(e.sources), "mentions": e.mentions}
            for e in briefing.entities
        ],
        "timeline": [
            {"date": t.date, "iso": t.iso, "text": t.text, "sources": list(t.sources), "fact": t.fact}
            for t in briefing.timeline
        ],
    }


def index_record(briefings: Sequence[Briefing]) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "briefings": [
            {
                "slug": b.slug,
                "title": b.title,
                "url": page_path(b.slug),
                "json": json_path(b.slug),
                "embed": embed_path(b.slug),
                "fragment": fragment_path(b.slug),
                "updated": b.updated,
            }
            for b in briefings
        ],
    }


def briefing_from_record(record: dict[str, Any]) -> Briefing:
    """A briefing back from its JSON export, as an earlier version kept in the history.

    Article texts are not part of the export: the sources come back without them, which is all
    a page needs.
    """

    def evidence(items: list[dict[str, Any]]) -> tuple[Evidence, ...]:
        return tuple(Evidence(e["source"], e["sentence"], e["text"], e["start"], e["end"]) for e in items)

    sources = tuple(
        SourceArticle(
            id=s["id"],
            path=s["path"],
            story=record["slug"],
            text="",
            title=s["title"],
            outlet=s["outlet"],
            url=s["url"],
            published=s["published"],
            author=s["author"],
            alias=None if s["outlet"] else s.get("label"),
            kind=s.get("kind"),
        )
        for s in record["sources"]
    )
    summaries = {
        s["id"]: tuple(SentenceRef(s["id"], i, text, 0, 0) for i, text in enumerate(s["summary"]))
        for s in record["sources"]
    }
    return Briefing(
        slug=record["slug"],
        title=record["title"],
        updated=record["updated"],
        sources=sources,
        summaries=summaries,
        facts=tuple(
            Fact(
                f["id"],
                f["text"],
                evidence(f["evidence"]),
                f["section"],
                f["origins"],
                f["topic"],
                tuple(Detail(d["start"], d["end"], tuple(d["sources"])) for d in f.get("details", ())),
                _referent_from(f.get("referent")),
                f.get("topic_title"),
            )
            for f in record["facts"]
        ),
        conflicts=tuple(
            Conflict(
                c["id"],
                c["topic"],
                tuple(
                    Side(k["text"], tuple(k["sources"]), evidence(k["evidence"]), k["fact"])
                    for k in c["claims"]
                ),
            )
            for c in record["conflicts"]
        ),
        quotes=tuple(
            Quote(q["text"], q["speaker"], tuple(q["sources"]), evidence(q["evidence"]))
            for q in record["quotes"]
        ),
        entities=tuple(
            NamedEntity(e["name"], e["label"], tuple(e["sources"]), e["mentions"]) for e in record["entities"]
        ),
        timeline=tuple(
            TimelineEntry(t["date"], t["iso"], t["text"], tuple(t["sources"]), t["fact"])
            for t in record["timeline"]
        ),
    )


def json_ld(briefing: Briefing, site_url: str = "") -> str:
    """schema.org ``NewsArticle`` of a briefing with its sources as citations, safe in a <script>."""
    record: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": briefing.title,
        "description": lede_text(briefing),
        "citation": [
            {
                "@type": "NewsArticle",
                "headline": a.title,
                "url": a.url,
                "datePublished": a.published,
                "author": a.author,
                "publisher": {"@type": "Organization", "name": a.outlet} if a.outlet else None,
            }
            for a in briefing.sources
        ],
    }
    if briefing.updated:
        record["dateModified"] = briefing.updated
    if site_url:
        record["url"] = f"{site_url.rstrip('/')}/{page_path(briefing.slug)}"
    record["citation"] = [{k: v for k, v in c.items() if v is not None} for c in record["citation"]]
    text = json.dumps(record, ensure_ascii=False, indent=2)
    # nothing in the data can close the script element or open a comment
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def dump(record: dict[str, Any]) -> str:
    """Stable JSON text: the same record always gives the same bytes."""
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def write_json(
    output_root: Path, briefings: Sequence[Briefing], texts: Mapping[str, str] | None = None
) -> None:
    """Write ``index.json`` and each briefing's JSON under ``output_root`` (``texts``: the JSON
    of some briefings by slug, already made)."""
    texts = texts or {}
    for briefing in briefings:
        text = texts.get(briefing.slug) or dump(briefing_record(briefing))
        write_text(output_root / json_path(briefing.slug), text)
    write_text(output_root / "index.json", dump(index_record(briefings)))
