"""New articles make a new version: a changelog, stable permalinks, a feed entry per update; the
history is small, outside the content, and grows only when the briefing changes."""

from __future__ import annotations

import html
import json
import shutil
import xml.etree.ElementTree as ET

import pytest

from briefing.cli import main
from briefing.history import read_story

from .conftest import DEMO_STORY, build

NEW_ARTICLE = """---
outlet: "Example Wire"
published: 2025-01-12
---
Ukraine said on Saturday it had captured two North Korean soldiers in Russia's Kursk region and brought \
them to Kyiv for questioning.

The SBU said the prisoners do not speak Ukrainian, English or Russian and are questioned through Korean \
translators.

Seoul's spy agency said on Sunday it would send its own interrogators to Kyiv next week.
"""


@pytest.fixture
def updated(project, shared_cache, monkeypatch):
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    first = json.loads((project / "output" / DEMO_STORY / "briefing.json").read_text())
    (project / "content" / DEMO_STORY / "005_wire.md").write_text(NEW_ARTICLE, encoding="utf-8")
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    return project, first


def test_new_article_makes_a_version_with_its_changes(updated):
    project, _ = updated
    record = json.loads((project / "output" / DEMO_STORY / "briefing.json").read_text())
    assert record["version"] == 2
    assert [(v["version"], v["date"]) for v in record["versions"]] == [(1, "2025-01-11"), (2, "2025-01-12")]
    kinds = {c["kind"] for c in record["changes"]}
    assert {"new outlet", "newly corroborated"} <= kinds
    assert {
        "kind": "new outlet",
        "text": "Example Wire",
        "sources": ["005-wire-" + record["sources"][-1]["id"][-6:]],
    } in record["changes"]
    corroborated = [c for c in record["changes"] if c["kind"] == "newly corroborated"]
    assert all(record["sources"][-1]["id"] in c["sources"] for c in corroborated)
    page = (project / "output" / DEMO_STORY / "index.html").read_text()
    assert "What changed in version 2, 2025-01-12" in page and 'href="v1/index.html"' in page


def article_of(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def test_earlier_version_keeps_its_permalink(updated):
    """The page of version 1 shows its statements with their outlets and cited sentences, its
    disagreements and its sources, as published; nothing of the article that came later."""
    project, first = updated
    page = (project / "output" / DEMO_STORY / "v1" / "index.html").read_text()
    again = article_of(page)
    shown = [f for f in first["facts"] if f["section"] in ("lede", "key", "conflict")]
    assert shown and all(html.escape(f["text"][:60], quote=False) in again for f in shown)
    assert all(html.escape(s["label"], quote=False) in again for s in first["sources"])
    assert "send its own interrogators" not in again
    assert "Read the latest version (2)" in page  # with a pointer to the new one
    latest = (project / "output" / DEMO_STORY / "v2" / "index.html").read_text()
    assert "It is the latest version" in latest and "Example Wire" in latest


def test_feed_has_an_entry_per_update(updated):
    project, _ = updated
    feed = ET.parse(project / "output" / "feed.atom").getroot()
    ids = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}id")][1:]
    assert ids == [f"urn:briefing:{DEMO_STORY}:v2", f"urn:briefing:{DEMO_STORY}:v1"]


def test_history_survives_a_clean_checkout_and_is_only_written_on_change(updated, shared_cache, monkeypatch):
    project, _ = updated
    history = (project / "history" / f"{DEMO_STORY}.json").read_bytes()
    site = project / "output"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    for path in list(site.rglob("*"))[::-1]:
        path.unlink() if path.is_file() else path.rmdir()
    site.rmdir()
    (project / ".cache").mkdir(exist_ok=True)
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    assert (project / "history" / f"{DEMO_STORY}.json").read_bytes() == history
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def history_file(project):
    return project / "history" / f"{DEMO_STORY}.json"


def test_no_version_for_a_rebuild_a_whitespace_edit_or_a_skipped_file(site, shared_cache, monkeypatch):
    project = site.parent
    first = history_file(project).read_bytes()
    article = sorted((project / "content" / DEMO_STORY).glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8").replace("\n\n", "\n\n\n") + "\n  \n")
    (project / "content" / DEMO_STORY / "empty.txt").write_text("Share this\n")  # skipped: no article text
    for extra in ((), ("--force",)):
        assert build(project, shared_cache, *extra, monkeypatch=monkeypatch) == 0
    assert history_file(project).read_bytes() == first
    record = json.loads((site / DEMO_STORY / "briefing.json").read_text())
    assert record["version"] == 1 and record["changes"] == []


def test_a_version_adds_a_tenth_of_the_briefing_at_most(updated):
    project, _ = updated
    stored = json.loads(history_file(project).read_text())
    assert [v["version"] for v in stored["versions"]] == [1, 2]
    briefing = (project / "output" / DEMO_STORY / "briefing.json").stat().st_size
    one = len(history_file(project).read_bytes())
    # the same history with the second version alone: what the second version added
    stored["versions"] = stored["versions"][:1]
    assert one - len(json.dumps(stored)) <= 0.10 * briefing
    assert not list((project / "content").rglob("*.json"))  # the build wrote nothing into the content


def test_history_lists_and_prunes_versions_keeping_their_numbers(updated, shared_cache, monkeypatch, capsys):
    project, _ = updated
    assert main(["history"]) == 0
    listing = capsys.readouterr().out
    assert (
        f"{DEMO_STORY}: 2 versions" in listing and "v1  2025-01-11" in listing and "v2  2025-01-12" in listing
    )
    assert main(["history", "--prune", "--keep", "1"]) == 0
    assert "removed 1 version, kept the latest 1" in capsys.readouterr().out
    stored = json.loads(history_file(project).read_text())
    assert [v["version"] for v in stored["versions"]] == [2]
    assert build(project, shared_cache, "--force", monkeypatch=monkeypatch) == 0
    assert not (project / "output" / DEMO_STORY / "v1").exists()
    record = json.loads((project / "output" / DEMO_STORY / "briefing.json").read_text())
    assert record["version"] == 2 and [v["version"] for v in record["versions"]] == [2]


def test_a_history_of_the_older_layout_is_read_once(updated, tmp_path, shared_cache, monkeypatch, caplog):
    """The history of the older layout (one file in the content folder, whole briefing exports)
    becomes history/ with the same versions and the same pages."""
    project, _ = updated
    stored = json.loads(history_file(project).read_text())
    versions = [
        (number, (project / "output" / DEMO_STORY / f"v{number}" / "index.html").read_text())
        for number in (1, 2)
    ]
    older = {"schema": 1, "stories": {DEMO_STORY: {"versions": []}}}
    story = read_story(history_file(project), DEMO_STORY)
    for index, version in enumerate(stored["versions"]):
        older["stories"][DEMO_STORY]["versions"].append(
            {"version": index + 1, "date": version["date"], "sources": {}, "briefing": story.record(index)}
        )
    (project / "content" / "_history.json").write_text(json.dumps(older))
    shutil.rmtree(project / "history")
    assert build(project, shared_cache, "--force", monkeypatch=monkeypatch) == 0
    assert "read 2 versions of 1 stories from the history of the older layout" in caplog.text
    assert json.loads(history_file(project).read_text())["versions"] == stored["versions"]
    for number, page in versions:
        assert (project / "output" / DEMO_STORY / f"v{number}" / "index.html").read_text() == page
    caplog.clear()
    assert build(project, shared_cache, "--force", monkeypatch=monkeypatch) == 0
    assert "older layout" not in caplog.text
