"""The history of each briefing: a version each time its articles change, and what changed.

The history is a plain JSON file beside the articles (``_history.json`` in the content folder,
``BRIEFING["history"]``), so that it survives a clean checkout and is committed with them.
Each version keeps the briefing's JSON export, so earlier versions can be shown at their own
permalinks, and the date of the articles that made it: no date ever comes from the clock.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .errors import BriefingError
from .export import briefing_record, dump, write_text
from .models import Briefing, Change, VersionInfo
from .pipeline import latest_date

logger = logging.getLogger(__name__)

SCHEMA = 1


def load_history(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The stored versions by story slug; an absent file is an empty history."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise BriefingError(f"{path}: the briefing history cannot be read ({exc}); fix or remove it") from exc
    if record.get("schema") != SCHEMA or not isinstance(record.get("stories"), dict):
        raise BriefingError(f"{path}: not a briefing history (schema {SCHEMA})")
    return {slug: list(story["versions"]) for slug, story in record["stories"].items()}


def signature(briefing: Briefing, content_root: Path) -> dict[str, str]:
    """What a version is made of: each source article and a hash of its file as the editor left
    it (not of the cleaned text, so that better cleaning never makes a new version)."""
    found = {}
    for article in briefing.sources:
        try:
            data = (content_root / article.path).read_bytes()
        except OSError:
            data = article.text.encode()
        found[article.id] = hashlib.sha1(data).hexdigest()[:16]
    return found


def record_versions(
    path: Path, briefings: Sequence[Briefing], content_root: Path
) -> tuple[list[Briefing], dict[str, list[dict[str, Any]]]]:
    """Add a version for each briefing whose articles changed; return the briefings with their
    version number, changes and earlier versions attached, and every stored version by story.
    The file is written only when a version was added."""
    stored = load_history(path)
    changed = False
    result = []
    for briefing in briefings:
        versions = stored.setdefault(briefing.slug, [])
        current = signature(briefing, content_root)
        if not versions or versions[-1]["sources"] != current:
            previous = versions[-1] if versions else None
            added = [
                a for a in briefing.sources if not previous or previous["sources"].get(a.id) != current[a.id]
            ]
            versions.append(
                {
                    "version": len(versions) + 1,
                    "date": latest_date(a.published for a in added) or briefing.updated,
                    "sources": current,
                    "briefing": briefing_record(briefing),
                }
            )
            changed = True
        result.append(attach(briefing, versions))
    if changed:
        write_text(
            path, dump({"schema": SCHEMA, "stories": {s: {"versions": v} for s, v in sorted(stored.items())}})
        )
    return result, stored


def attach(briefing: Briefing, versions: list[dict[str, Any]]) -> Briefing:
    """The briefing with its version number, its changes since the last one and its history."""
    latest = versions[-1]
    changes = (
        changes_between(versions[-2]["briefing"], briefing_record(briefing)) if len(versions) > 1 else ()
    )
    history = tuple(
        VersionInfo(
            number=v["version"],
            date=v["date"],
            changes=changes_between(versions[i - 1]["briefing"], v["briefing"]) if i else (),
        )
        for i, v in enumerate(versions)
    )
    return replace(briefing, version=latest["version"], changes=changes, history=history)


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> tuple[Change, ...]:
    """What a reader of the earlier version would want to know about the later one.

    A statement is the same statement when it cites one of the same sentences.
    """
    old_sources = {s["id"] for s in before["sources"]}
    labels = {s["id"]: s["label"] for s in after["sources"]}
    changes = [
        Change("new outlet", labels[s["id"]], (s["id"],))
        for s in after["sources"]
        if s["id"] not in old_sources
    ]

    def keys(items: list[dict[str, Any]]) -> set[tuple[str, str]]:
        return {(e["source"], e["text"]) for e in items}

    earlier = [(keys(f["evidence"]), set(f["sources"])) for f in before["facts"]]
    for fact in after["facts"]:
        if fact["section"] == "conflict":
            continue
        cited = keys(fact["evidence"])
        matches = [sources for evidence, sources in earlier if evidence & cited]
        if not matches:
            changes.append(Change("new fact", fact["text"], tuple(fact["sources"])))
        elif set(fact["sources"]) - set().union(*matches):
            changes.append(Change("newly corroborated", fact["text"], tuple(fact["sources"])))
    old_conflicts = [keys([e for c in k["claims"] for e in c["evidence"]]) for k in before["conflicts"]]
    for conflict in after["conflicts"]:
        cited = keys([e for c in conflict["claims"] for e in c["evidence"]])
        if not any(cited & old for old in old_conflicts):
            sides = " / ".join(c["text"] for c in conflict["claims"])
            sources = tuple(dict.fromkeys(s for c in conflict["claims"] for s in c["sources"]))
            changes.append(Change("new disagreement", sides, sources))
    return tuple(changes)
