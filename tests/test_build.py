"""End to end: build the demo site into a temporary folder and read what was written."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from briefing.cli import main

from .conftest import DEMO_JUNK, DEMO_STORY, build, links_of, tags_of


def test_index_json_follows_the_contract(site):
    index = json.loads((site / "index.json").read_text())
    assert index == {
        "schema": 1,
        "briefings": [
            {
                "slug": DEMO_STORY,
                "title": index["briefings"][0]["title"],
                "url": f"{DEMO_STORY}/index.html",
                "json": f"{DEMO_STORY}/briefing.json",
                "embed": f"{DEMO_STORY}/embed.html",
                "fragment": f"{DEMO_STORY}/fragment.html",
                "updated": "2025-01-11",
            }
        ],
    }
    for key in ("url", "json", "embed", "fragment"):
        assert (site / index["briefings"][0][key]).is_file()


def test_briefing_json(site):
    record = json.loads((site / DEMO_STORY / "briefing.json").read_text())
    for key in (
        "slug",
        "title",
        "updated",
        "summary",
        "sources",
        "facts",
        "conflicts",
        "quotes",
        "entities",
        "timeline",
    ):
        assert key in record
    assert record["updated"] == "2025-01-11"
    assert len(record["sources"]) == 5
    source_ids = {s["id"] for s in record["sources"]}
    assert all(s["path"].startswith(f"{DEMO_STORY}/") and s["summary"] for s in record["sources"])
    lede = [f for f in record["facts"] if f["lede"]]
    assert 3 <= len(lede) <= 5 and record["facts"][: len(lede)] == lede
    assert record["summary"] == " ".join(f["text"] for f in lede)
    assert sum(len(f["sources"]) >= 3 for f in record["facts"]) >= 3
    for fact in record["facts"]:
        assert set(fact["sources"]) <= source_ids
        assert [e["source"] for e in fact["evidence"]] == fact["sources"]
        for junk in DEMO_JUNK:
            assert junk not in fact["text"]


def test_briefing_page_footnotes_link_each_outlet_with_a_url(site):
    html = (site / DEMO_STORY / "index.html").read_text()
    record = json.loads((site / DEMO_STORY / "briefing.json").read_text())
    assert html.count("<h1") == 1
    # one footnote per outlet sentence of each statement, each cited at least once
    cited = record["facts"] + record["quotes"]
    assert html.count('class="footnote-item"') == sum(len(item["sources"]) for item in cited)
    assert html.count('role="doc-noteref"') >= html.count('class="footnote-item"')
    moscow = next(s for s in record["sources"] if s["url"])
    cited = [item for item in record["facts"] + record["quotes"] if moscow["id"] in item["sources"]]
    fragment_links = [h for h, _ in links_of(html) if h.startswith(moscow["url"] + "#:~:text=")]
    assert len(fragment_links) == len(cited) > 0
    for source in record["sources"]:
        assert source["label"] in html
    for href, _ in links_of(html):
        assert href.startswith(("#", "../", "briefing.json", "embed.html", "https://"))


def test_index_page_lists_the_briefing(site):
    html = (site / "index.html").read_text()
    assert f'href="./{DEMO_STORY}/index.html"' in html
    assert (site / "theme" / "css" / "briefing.css").is_file()


def test_same_input_gives_byte_identical_output(project, shared_cache, monkeypatch, tmp_path):
    assert build(project, shared_cache, "--output", str(tmp_path / "a"), monkeypatch=monkeypatch) == 0
    assert build(project, shared_cache, "--output", str(tmp_path / "b"), monkeypatch=monkeypatch) == 0
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_bad_article_is_skipped_and_the_site_still_builds(project, shared_cache, monkeypatch, capsys):
    (project / "content" / DEMO_STORY / "zz-empty.md").write_text("")
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    captured = capsys.readouterr()
    assert f"skipped {DEMO_STORY}/zz-empty.md: empty file" in captured.err
    assert "5 articles in 1 stories, 1 skipped" in captured.out
    assert (project / "output" / DEMO_STORY / "index.html").is_file()


def test_hostile_article_puts_no_markup_on_any_page(project, shared_cache, monkeypatch):
    (project / "content" / DEMO_STORY / "hostile.md").write_text(
        "---\n"
        'title: "<script>alert(1)</script> Prisoners"\n'
        'outlet: "<img src=x onerror=alert(2)>"\n'
        'url: "javascript:alert(3)"\n'
        'author: "<b>Eve</b>"\n'
        "---\n"
        "The SBU said the prisoners do not speak Ukrainian, English or Russian <script>alert(4)</script>.\n\n"
        "Ukraine said it captured two North Korean soldiers in the Kursk region [x](javascript:alert(5)).\n",
        encoding="utf-8",
    )
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    record = json.loads((project / "output" / DEMO_STORY / "briefing.json").read_text())
    assert len(record["sources"]) == 6
    for page in (project / "output").rglob("*.html"):
        html = page.read_text()
        # the one script allowed is our JSON-LD data block, which nothing in it can close early
        assert html.count("<script") == html.count('<script type="application/ld+json">')
        assert html.count("</script") == html.count("<script")
        for tag, attrs in tags_of(html):
            if tag == "script":
                assert attrs == {"type": "application/ld+json"}, (page, attrs)
                continue
            assert tag not in {"img", "b", "iframe", "object"}, (page, tag)
            assert not any(name.startswith("on") for name in attrs), (page, tag, attrs)
            assert not any(v.strip().lower().startswith("javascript:") for v in attrs.values()), (page, attrs)
    assert (
        "&lt;img src=x onerror=alert(2)&gt;" in (project / "output" / DEMO_STORY / "index.html").read_text()
    )


def test_missing_content_folder_is_one_clear_line(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["build", "--content", "nowhere"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nowhere: content folder not found" in err[0]


def test_pelican_builds_the_same_site(site, project, shared_cache, tmp_path):
    settings = project / "pelicanconf.py"
    settings.write_text(
        settings.read_text().replace('"cache": ".cache/briefing"', f'"cache": {str(shared_cache)!r}')
    )
    out = tmp_path / "pelican-out"
    subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(out), "-q"],
        cwd=project,
        check=True,
    )
    for path in site.rglob("*"):
        if path.is_file() and path.name != ".briefing-build.json":  # the CLI's record of its inputs
            assert (out / path.relative_to(site)).read_bytes() == path.read_bytes(), path


def test_python_m_briefing(project, shared_cache):
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "build", "--cache", str(shared_cache), "--output", "site"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "5 articles in 1 stories" in done.stdout
    assert (project / "site" / "index.json").is_file()


def test_eval_prints_both_tables(capsys, monkeypatch):
    from briefing.evaluate import DEFAULT_DATA

    if not DEFAULT_DATA.is_file():
        pytest.skip(f"evaluation data not found at {DEFAULT_DATA}")
    from .conftest import ROOT

    monkeypatch.chdir(ROOT)
    assert main(["eval", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    for system in ("briefing", "lexrank", "textrank", "lsa", "lead"):
        assert f"\n{system} " in out
    assert "2 clusters" in out and "briefing vs best peer" in out
    assert "gold facts found" in out and "disagreements found" in out
