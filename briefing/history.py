"""The history of each briefing: a version each time what it says changes, and what changed.

The history lives outside the content, in its own folder at the project root (``history/``,
``BRIEFING["history"]``): one small JSON file per story, ``history/<slug>.json``, committed
with the articles so that it survives a clean checkout. A new version is recorded only when the
briefing's statements, their outlets and details, its disagreements or its sources change;
never for a rebuild, a whitespace edit or a file the build skips.

A version keeps what its permalink page and its changelog need, and no more: its statements
with their outlets, cited sentences and details, its disagreements and its sources. Every text
(a statement, a cited sentence) and every source is stored once per story and referred to by
number, so a version that adds one article adds its new sentences and a list of numbers. The
date of a version is that of the articles that made it: no date ever comes from the clock.

``briefing history`` lists the versions and prunes the oldest (:func:`prune`). A history of an
older layout (``content/_history.json``) is read once, when the folder does not exist yet.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .export import briefing_from_record, briefing_record
from .files import write_text
from .models import Briefing, Change, VersionInfo
from .pipeline import latest_date
from .sources.metadata import is_iso_date

logger = logging.getLogger(__name__)

SCHEMA = 2
LEGACY_SCHEMA = 1
LEGACY_NAME = "_history.json"  # the history of an older layout, in the content folder
SOURCE_FIELDS = ("id", "path", "title", "outlet", "url", "published", "author", "label")


# --- one story's file: versions as numbers into tables of texts and sources --------------------


class Tables:
    """The texts and sources of one story's history, each stored once."""

    def __init__(self, texts: Sequence[str] = (), sources: Sequence[dict[str, Any]] = ()) -> None:
        self.texts = list(texts)
        self.sources = list(sources)
        self._text_numbers = {t: n for n, t in enumerate(self.texts)}
        self._source_numbers = {_source_key(s): n for n, s in enumerate(self.sources)}

    def text(self, value: str) -> int:
        if value not in self._text_numbers:
            self._text_numbers[value] = len(self.texts)
            self.texts.append(value)
        return self._text_numbers[value]

    def source(self, value: dict[str, Any]) -> int:
        record = {k: value.get(k) for k in SOURCE_FIELDS}
        key = _source_key(record)
        if key not in self._source_numbers:
            self._source_numbers[key] = len(self.sources)
            self.sources.append(record)
        return self._source_numbers[key]


def _source_key(record: dict[str, Any]) -> str:
    return json.dumps([record.get(k) for k in SOURCE_FIELDS], ensure_ascii=False)


def compact(record: dict[str, Any], tables: Tables) -> dict[str, Any]:
    """What a version keeps of a briefing's JSON export (:func:`briefing.export.briefing_record`)."""
    sources = [tables.source(s) for s in record["sources"]]
    place = {s["id"]: n for n, s in enumerate(record["sources"])}

    def evidence(items: Iterable[dict[str, Any]]) -> list[list[Any]]:
        return [
            [place[e["source"]], e["sentence"], tables.text(e["text"]), e["start"], e["end"]] for e in items
        ]

    facts = []
    for f in record["facts"]:
        fact: dict[str, Any] = {"i": f["id"], "t": tables.text(f["text"]), "s": f["section"]}
        fact["e"] = evidence(f["evidence"])
        if f.get("details"):
            fact["d"] = [[d["start"], d["end"], [place[s] for s in d["sources"]]] for d in f["details"]]
        if f.get("origins", len(f["sources"])) != len(f["sources"]):
            fact["o"] = f["origins"]
        if f.get("topic"):
            fact["k"] = f["topic"]
        if f.get("topic_title"):
            fact["h"] = tables.text(f["topic_title"])
        if f.get("referent"):
            r = f["referent"]
            fact["r"] = [r["start"], r["end"], r["name"]]
        facts.append(fact)
    conflicts = [
        {
            "i": c["id"],
            "p": tables.text(c["topic"]),
            "c": [
                {"t": tables.text(k["text"]), "f": k.get("fact"), "e": evidence(k["evidence"])}
                | ({} if _derived(k) else {"s": [place[s] for s in k["sources"]]})
                for k in c["claims"]
            ],
        }
        for c in record["conflicts"]
    ]
    return {
        "title": tables.text(record["title"]),
        "updated": record["updated"],
        "sources": sources,
        "facts": facts,
        "conflicts": conflicts,
    }


def _derived(side: dict[str, Any]) -> bool:
    """Whether a side's outlets are those of its evidence, in order (then they are not stored)."""
    return list(dict.fromkeys(e["source"] for e in side["evidence"])) == side["sources"]


def expand(version: dict[str, Any], tables: Tables, slug: str) -> dict[str, Any]:
    """A stored version as a briefing export that :func:`briefing.export.briefing_from_record`
    reads: its statements, disagreements and sources; no summaries, quotes, names or timeline."""
    texts = tables.texts
    sources = [{**tables.sources[n], "summary": []} for n in version["sources"]]
    ids = [s["id"] for s in sources]

    def evidence(items: list[list[Any]]) -> list[dict[str, Any]]:
        return [
            {"source": ids[s], "sentence": n, "text": texts[t], "start": a, "end": b}
            for s, n, t, a, b in items
        ]

    facts = []
    for f in version["facts"]:
        text = texts[f["t"]]
        cited = evidence(f["e"])
        outlets = list(dict.fromkeys(e["source"] for e in cited))
        fact = {
            "id": f["i"],
            "text": text,
            "sources": outlets,
            "evidence": cited,
            "lede": f["s"] == "lede",
            "section": f["s"],
            "coverage": len(outlets),
            "origins": f.get("o", len(outlets)),
            "topic": f.get("k", 0),
            "topic_title": texts[f["h"]] if "h" in f else None,
            "details": [
                {"text": text[a:b], "start": a, "end": b, "sources": [ids[s] for s in given]}
                for a, b, given in f.get("d", [])
            ],
        }
        if "r" in f:
            a, b, name = f["r"]
            fact["referent"] = {"start": a, "end": b, "name": name, "text": text[a:b]}
        facts.append(fact)
    conflicts = []
    for c in version["conflicts"]:
        sides = []
        for k in c["c"]:
            cited = evidence(k["e"])
            given = [ids[s] for s in k["s"]] if "s" in k else list(dict.fromkeys(e["source"] for e in cited))
            sides.append({"text": texts[k["t"]], "sources": given, "fact": k["f"], "evidence": cited})
        conflicts.append({"id": c["i"], "topic": texts[c["p"]], "claims": sides})
    return {
        "slug": slug,
        "title": texts[version["title"]],
        "updated": version["updated"],
        "sources": sources,
        "facts": facts,
        "conflicts": conflicts,
        "quotes": [],
        "entities": [],
        "timeline": [],
    }


def substance(record: dict[str, Any]) -> Any:
    """What makes a new version when it changes: the statements with their outlets and
    details, the disagreements, and the sources (not the order of sections or topics)."""
    return (
        sorted(_source_key(s) for s in record["sources"]),
        sorted(
            (
                f["text"],
                tuple(f["sources"]),
                tuple((d["start"], d["end"], tuple(d["sources"])) for d in f["details"]),
            )
            for f in record["facts"]
        ),
        sorted(tuple((k["text"], tuple(k["sources"])) for k in c["claims"]) for c in record["conflicts"]),
    )


@dataclass
class StoryHistory:
    """The stored versions of one story; ``records`` are their expanded briefing exports."""

    slug: str
    tables: Tables = field(default_factory=Tables)
    versions: list[dict[str, Any]] = field(default_factory=list)  # compact, with "version" and "date"

    def record(self, index: int) -> dict[str, Any]:
        return expand(self.versions[index], self.tables, self.slug)

    def add(self, record: dict[str, Any], date: str | None) -> None:
        number = self.versions[-1]["version"] + 1 if self.versions else 1
        self.versions.append({"version": number, "date": date, **compact(record, self.tables)})

    def text(self) -> str:
        """The file's JSON; the tables keep only what the versions use (after a prune)."""
        tables = Tables()
        versions = [
            {"version": v["version"], "date": v["date"], **compact(expand(v, self.tables, self.slug), tables)}
            for v in self.versions
        ]
        return layout(SCHEMA, self.slug, tables, versions)


def layout(schema: int, slug: str, tables: Tables, versions: list[dict[str, Any]]) -> str:
    """The file's text: each text, source and version on a line of its own, so that a new
    version adds lines and changes none (a short diff in version control)."""

    def line(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def block(items: list[Any]) -> str:
        return "[\n" + ",\n".join(line(item) for item in items) + "\n]" if items else "[]"

    return (
        f'{{"schema":{schema},"story":{line(slug)},\n"texts":{block(tables.texts)},\n'
        f'"sources":{block(tables.sources)},\n"versions":{block(versions)}}}\n'
    )


def read_story(path: Path, slug: str) -> StoryHistory:
    """The history in ``path``; raises ``ValueError`` naming what is wrong with a file that is none."""
    record = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(record, dict) or record.get("schema") != SCHEMA:
        raise ValueError(f"no JSON object with schema {SCHEMA}")
    texts, sources, versions = record.get("texts"), record.get("sources"), record.get("versions")
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        raise ValueError("no list of texts")
    if not isinstance(sources, list) or not all(isinstance(s, dict) for s in sources):
        raise ValueError("no list of sources")
    if not isinstance(versions, list) or not versions:
        raise ValueError("no list of versions")
    story = StoryHistory(slug, Tables(texts, sources), versions)
    last = 0
    for index, version in enumerate(versions):
        number = version.get("version") if isinstance(version, dict) else None
        if not isinstance(number, int) or number <= last:
            raise ValueError(f"version {index + 1} is not numbered after {last}")
        if version.get("date") is not None and not is_iso_date(version["date"]):
            raise ValueError(f"version {number} has an invalid date {str(version['date'])[:40]!r}")
        try:  # what the build does with a stored version: its page
            briefing_from_record(story.record(index))
        except Exception as exc:  # whatever a hand-edited or foreign file holds
            raise ValueError(
                f"version {number} cannot be shown ({type(exc).__name__}: {str(exc)[:80]})"
            ) from exc
        last = number
    return story


# --- the folder: every story's history, read once per build, written once the site is published --


@dataclass(frozen=True, slots=True)
class HistoryUpdate:
    """A build's new history files: written by :meth:`write` only once the site that shows them
    is published, so that a failed or killed build records no version the site never served.
    ``set_aside`` are files that were no history: each is first kept as ``<name>.bad-<date>``."""

    files: dict[Path, str]
    set_aside: tuple[Path, ...] = ()

    def write(self, when: datetime | None = None) -> None:
        stamp = (when or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S")
        for path in self.set_aside:
            if path.exists() and not path.is_symlink():
                kept = path.with_name(f"{path.name}.bad-{stamp}")
                path.rename(kept)
                logger.warning("%s: kept the file that was no briefing history as %s", path, kept.name)
        for path, text in sorted(self.files.items()):
            if path.is_symlink():
                logger.warning("%s: the history is a symbolic link and is not written", path)
                continue
            write_text(path, text)


def story_path(folder: Path, slug: str) -> Path:
    return folder / f"{slug}.json"


def load_story(folder: Path, slug: str, set_aside: list[Path]) -> StoryHistory:
    """The stored versions of one story; none when its file is absent or is no history (said in
    one line; the file is set aside, not overwritten, when the new history is written). A
    symbolic link is never followed (it could import another project's versions)."""
    path = story_path(folder, slug)
    if path.is_symlink():
        logger.warning(
            "%s: the history is a symbolic link, which is not followed; the story is built without "
            "history: replace the link by the file itself",
            path,
        )
        return StoryHistory(slug)
    try:
        return read_story(path, slug)
    except FileNotFoundError:
        return StoryHistory(slug)
    except (OSError, ValueError) as exc:
        logger.warning(
            "%s: not a briefing history: %s; the story gets a new history and the file is kept as "
            "%s.bad-<date> once the site is published",
            path,
            exc,
            path.name,
        )
        set_aside.append(path)
        return StoryHistory(slug)


def legacy_stories(path: Path) -> dict[str, StoryHistory]:
    """The versions of a history of the older layout (one ``_history.json`` in the content
    folder, each version a whole briefing export), or none when it cannot be read."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        stories = {}
        for slug, story in record["stories"].items():
            history = StoryHistory(slug)
            for entry in story["versions"]:
                history.add(entry["briefing"], entry["date"] if is_iso_date(entry.get("date")) else None)
            stories[slug] = history
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        logger.warning(
            "%s: the history of the older layout cannot be read (%s); it is left as it is", path, exc
        )
        return {}
    versions = sum(len(s.versions) for s in stories.values())
    logger.warning(
        "%s: read %d versions of %d stories from the history of the older layout into %s/ "
        "(the old file is not read again; remove it once the new history is committed)",
        path,
        versions,
        len(stories),
        path.parent.parent.name or "the history folder",
    )
    return stories


def record_versions(
    folder: Path, briefings: Sequence[Briefing], legacy: Path | None = None
) -> tuple[list[Briefing], dict[str, list[dict[str, Any]]], HistoryUpdate | None]:
    """Add a version for each briefing whose substance changed; return the briefings with their
    version number, changes and earlier versions attached, every stored version by story (as
    ``{"version", "date", "briefing"}`` with the expanded export), and the files to write once
    the site is published (``None`` when no version was added).

    ``legacy`` is the history of the older layout, read when ``folder`` does not exist yet.
    """
    imported = legacy_stories(legacy) if legacy is not None and not folder.exists() else {}
    set_aside: list[Path] = []
    files: dict[Path, str] = {}
    result, stored = [], {}
    for briefing in briefings:
        history = imported.get(briefing.slug) or load_story(folder, briefing.slug, set_aside)
        record = briefing_record(briefing)
        last = history.record(-1) if history.versions else None
        if last is None or substance(last) != substance(record):
            history.add(record, version_date(record, last) or briefing.updated)
            files[story_path(folder, briefing.slug)] = history.text()
        elif briefing.slug in imported:
            files[story_path(folder, briefing.slug)] = history.text()
        stored[briefing.slug] = [
            {"version": v["version"], "date": v["date"], "briefing": history.record(i)}
            for i, v in enumerate(history.versions)
        ]
        result.append(attach(briefing, record, stored[briefing.slug]))
    for slug, history in imported.items():  # stories of the old file that are no longer built
        files.setdefault(story_path(folder, slug), history.text())
    update = HistoryUpdate(files, tuple(set_aside)) if files else None
    return result, stored, update


def version_date(record: dict[str, Any], last: dict[str, Any] | None) -> str | None:
    """The date of a new version (of the briefing export ``record``): the latest of its new or
    changed sources, if they have one."""
    before = {_source_key(s) for s in last["sources"]} if last else set()
    return latest_date(s["published"] for s in record["sources"] if _source_key(s) not in before)


def attach(briefing: Briefing, record: dict[str, Any], versions: list[dict[str, Any]]) -> Briefing:
    """The briefing (and its export ``record``) with its version number, its changes since the
    last one and its history."""
    latest = versions[-1]
    changes = changes_between(versions[-2]["briefing"], record) if len(versions) > 1 else ()
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


# --- briefing history: list and prune ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoryVersions:
    """One line of ``briefing history``: a story's versions and the size of its file."""

    slug: str
    versions: tuple[tuple[int, str | None, int, int], ...]  # number, date, statements, sources
    size: int
    problem: str | None = None


def list_versions(folder: Path) -> list[StoryVersions]:
    """Every story of the history folder with its versions (or what is wrong with its file)."""
    found = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        slug = path.stem
        try:
            story = read_story(path, slug)
        except (OSError, ValueError) as exc:
            found.append(StoryVersions(slug, (), path.stat().st_size, str(exc)))
            continue
        versions = tuple(
            (v["version"], v["date"], len(v["facts"]), len(v["sources"])) for v in story.versions
        )
        found.append(StoryVersions(slug, versions, path.stat().st_size))
    return found


def prune(folder: Path, keep: int, slugs: Sequence[str] = ()) -> dict[str, int]:
    """Keep the latest ``keep`` versions of each story (of ``slugs`` only, when given); the
    others and the texts and sources only they used are removed. Version numbers do not change,
    so the permalinks of the versions kept stay valid. Returns the versions removed by story."""
    if keep < 1:
        raise ValueError("keep at least 1 version")
    removed = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        if slugs and path.stem not in slugs:
            continue
        story = read_story(path, path.stem)
        if len(story.versions) > keep:
            removed[path.stem] = len(story.versions) - keep
            story.versions = story.versions[-keep:]
            write_text(path, story.text())
    return removed
