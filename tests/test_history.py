"""New articles make a new version: a changelog, stable permalinks, a feed entry per update."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

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
    (project / "content" / "_history.json").unlink(missing_ok=True)
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    first = (project / "output" / DEMO_STORY / "v1" / "index.html").read_bytes()
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
    project, first = updated
    again = (project / "output" / DEMO_STORY / "v1" / "index.html").read_text()
    assert article_of(again) == article_of(first.decode())  # the briefing as it was published
    assert "Read the latest version (2)" in again  # with a pointer to the new one
    latest = (project / "output" / DEMO_STORY / "v2" / "index.html").read_text()
    assert "It is the latest version" in latest and "Example Wire" in latest


def test_feed_has_an_entry_per_update(updated):
    project, _ = updated
    feed = ET.parse(project / "output" / "feed.atom").getroot()
    ids = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}id")][1:]
    assert ids == [f"urn:briefing:{DEMO_STORY}:v2", f"urn:briefing:{DEMO_STORY}:v1"]


def test_history_survives_a_clean_checkout_and_is_only_written_on_change(updated, shared_cache, monkeypatch):
    project, _ = updated
    history = (project / "content" / "_history.json").read_bytes()
    site = project / "output"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    for path in list(site.rglob("*"))[::-1]:
        path.unlink() if path.is_file() else path.rmdir()
    site.rmdir()
    (project / ".cache").mkdir(exist_ok=True)
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    assert (project / "content" / "_history.json").read_bytes() == history
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
