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
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .compose import render_briefing
from .export import briefing_from_record, briefing_record, dump
from .files import write_text
from .models import Briefing, Change, VersionInfo
from .pipeline import latest_date
from .sources.metadata import is_iso_date

logger = logging.getLogger(__name__)

SCHEMA = 1


@dataclass(frozen=True, slots=True)
class LoadedHistory:
    """The stored versions by story slug, and whether the file must be set aside when written
    (it exists but is no history this code can read)."""

    stories: dict[str, list[dict[str, Any]]]
    unreadable: bool = False


def load_history(path: Path) -> LoadedHistory:
    """The stored versions by story slug; an absent file is an empty history.

    A file that is not a history (wrong structure, broken JSON, an invalid date) is reported in
    one line and read as an empty history; it is set aside, not overwritten, when the new one is
    written. A symbolic link is never followed (it could import another project's versions).
    """
    if path.is_symlink():
        logger.warning(
            "%s: the briefing history is a symbolic link, which is not followed; the site is built "
            "without history: replace the link by the file itself",
            path,
        )
        return LoadedHistory({}, unreadable=True)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return LoadedHistory({})
    except (OSError, ValueError) as exc:
        return _set_aside(path, f"it cannot be read ({exc})")
    problem = history_problem(record)
    if problem:
        return _set_aside(path, problem)
    return LoadedHistory({slug: list(story["versions"]) for slug, story in record["stories"].items()})


def _set_aside(path: Path, problem: str) -> LoadedHistory:
    logger.warning(
        "%s: not a briefing history: %s; the site is built with a new history and the file is kept "
        "as %s.bad-<date> once the site is published",
        path,
        problem,
        path.name,
    )
    return LoadedHistory({}, unreadable=True)


def history_problem(record: Any) -> str | None:
    """What makes ``record`` no history of schema :data:`SCHEMA`, or ``None`` when it is one."""
    if not isinstance(record, dict) or record.get("schema") != SCHEMA:
        return f"no JSON object with schema {SCHEMA}"
    stories = record.get("stories")
    if not isinstance(stories, dict):
        return "no 'stories' object"
    for slug, story in stories.items():
        versions = story.get("versions") if isinstance(story, dict) else None
        if not isinstance(versions, list) or not versions:
            return f"story {slug!r} has no list of versions"
        for number, entry in enumerate(versions, 1):
            where = f"version {number} of story {slug!r}"
            if not isinstance(entry, dict) or entry.get("version") != number:
                return f"{where} is not numbered {number}"
            if entry.get("date") is not None and not is_iso_date(entry["date"]):
                return f"{where} has an invalid date {str(entry['date'])[:40]!r}"
            sources = entry.get("sources")
            if not isinstance(sources, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in sources.items()
            ):
                return f"{where} has no sources"
            if not _briefing_record_shape(entry.get("briefing")):
                return f"{where} has no briefing"
            try:  # what the build does with a stored version: its page and its changelog
                render_briefing(briefing_from_record(entry["briefing"]))
                if number > 1:
                    changes_between(versions[number - 2]["briefing"], entry["briefing"])
            except Exception as exc:  # whatever a hand-edited or foreign file holds
                return f"{where} cannot be shown ({type(exc).__name__}: {str(exc)[:80]})"
    return None


def _briefing_record_shape(record: Any) -> bool:
    """Whether a stored briefing has what the version pages and changelogs read."""
    if not isinstance(record, dict):
        return False
    lists = ("sources", "facts", "conflicts")
    return all(isinstance(record.get(k), list) for k in lists) and all(
        isinstance(item, dict) for k in lists for item in record[k]
    )


@dataclass(frozen=True, slots=True)
class HistoryUpdate:
    """A build's new history: written by :meth:`write` only once the site that shows it is
    published, so that a failed or killed build records no version the site never served."""

    path: Path
    text: str
    set_aside: bool = False

    def write(self, when: datetime | None = None) -> None:
        """Write the history; a file that was no history is first kept as ``<name>.bad-<date>``."""
        if self.set_aside and self.path.exists() and not self.path.is_symlink():
            stamp = (when or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S")
            kept = self.path.with_name(f"{self.path.name}.bad-{stamp}")
            self.path.rename(kept)
            logger.warning("%s: kept the file that was no briefing history as %s", self.path, kept.name)
        if self.path.is_symlink():
            logger.warning("%s: the history is a symbolic link and is not written", self.path)
            return
        write_text(self.path, self.text)


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
) -> tuple[list[Briefing], dict[str, list[dict[str, Any]]], HistoryUpdate | None]:
    """Add a version for each briefing whose articles changed; return the briefings with their
    version number, changes and earlier versions attached, every stored version by story, and
    the new history to write once the site is published (``None`` when no version was added)."""
    loaded = load_history(path)
    stored = loaded.stories
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
    update = None
    if changed and not path.is_symlink():
        text = dump({"schema": SCHEMA, "stories": {s: {"versions": v} for s, v in sorted(stored.items())}})
        update = HistoryUpdate(path, text, loaded.unreadable)
    return result, stored, update


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
