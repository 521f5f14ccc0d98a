"""End to end: build the demo site into a temporary folder and read what was written."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

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
    # one footnote per outlet of each statement, each cited at least once; a side of a
    # disagreement that no statement shows cites its own sentences, one footnote per outlet
    # however many of its sentences it cites
    cited = record["facts"] + record["quotes"]
    sides = [c for conflict in record["conflicts"] for c in conflict["claims"] if c["fact"] is None]
    assert any(len(side["evidence"]) > len(side["sources"]) for side in sides)
    assert html.count('class="footnote-item"') == sum(len(item["sources"]) for item in cited) + sum(
        len(side["sources"]) for side in sides
    )
    assert html.count('role="doc-noteref"') >= html.count('class="footnote-item"')
    moscow = next(s for s in record["sources"] if s["url"])
    cited = [item for item in record["facts"] + record["quotes"] if moscow["id"] in item["sources"]]
    cited += [e for side in sides for e in side["evidence"] if e["source"] == moscow["id"]]
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
    assert_no_markup_from_articles(project / "output")
    assert (
        "&lt;img src=x onerror=alert(2)&gt;" in (project / "output" / DEMO_STORY / "index.html").read_text()
    )


def test_post_and_statement_are_labelled_on_the_pages_and_in_the_json(project, shared_cache, monkeypatch):
    story = project / "content" / DEMO_STORY
    (story / "post.md").write_text(
        '---\noutlet: "X"\nurl: "https://x.com/harbourdesk/status/1878000000000000001"\n---\n'
        "Our soldiers have taken two North Korean soldiers prisoner in the Kursk region. Both are "
        "wounded and are now in Kyiv.\n",
        encoding="utf-8",
    )
    (story / "statement.txt").write_text(
        "We will answer every question about the two prisoners held in Kyiv. Our investigators are "
        "working with interpreters.\n",
        encoding="utf-8",
    )
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    output = project / "output"
    record = json.loads((output / DEMO_STORY / "briefing.json").read_text())
    kinds = {s["path"].rsplit("/", 1)[-1]: s["kind"] for s in record["sources"]}
    assert kinds == dict.fromkeys(kinds, None) | {"post.md": "post", "statement.txt": "statement"}
    page = (output / DEMO_STORY / "index.html").read_text()
    assert '<a href="https://x.com/harbourdesk/status/1878000000000000001">X</a></strong> (post)' in page
    assert "</strong> (statement), file statement" in page
    outlets = (output / "outlets" / "index.html").read_text()
    assert '">X</a> (post)' in outlets
    assert "Source 7 (statement) <span" in outlets
    assert '1878000000000000001">The post</a>' in (output / "outlets" / "x.html").read_text()


class _Scripts(HTMLParser):
    """The type and the text of each ``<script>`` element of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.bodies: list[list[str]] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._inside = True
            self.bodies.append([dict(attrs).get("type") or "", ""])

    def handle_endtag(self, tag):
        if tag == "script":
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.bodies[-1][1] += data


def assert_no_markup_from_articles(output: Path) -> None:
    """No page carries a tag, event handler, script or javascript: link that an article brought.

    The articles' hostile parts all call ``alert(``; our templates' own scripts never do, and
    article text inside our JSON-LD block stays JSON data.
    """
    for page in output.rglob("*.html"):
        html = page.read_text()
        # a script block (our JSON-LD data) that article text closed early would leave one unbalanced
        assert html.count("</script") == html.count("<script"), page
        scripts = _Scripts()
        scripts.feed(html)
        for kind, body in scripts.bodies:
            if kind == "application/ld+json":
                json.loads(body)  # data, whatever the articles said, never code
            elif not body.strip():
                continue  # a script of our theme, loaded from its file (checked below)
            else:
                # our one page with code is the search page, whose script no article text reaches
                assert page.name == "search.html" and "alert(" not in body, page
        for tag, attrs in tags_of(html):
            if tag == "script" and "src" in attrs:
                assert attrs["src"].endswith(("/theme/js/briefing.js", "/pagefind/pagefind-ui.js")), (
                    page,
                    attrs,
                )
            assert tag not in {"img", "b", "iframe", "object"}, (page, tag)
            assert not any(name.startswith("on") for name in attrs), (page, tag, attrs)
            assert not any(v.strip().lower().startswith("javascript:") for v in attrs.values()), (page, attrs)


HOSTILE_PAGE = """<html><head>
<title>x</title>
<meta property="og:title" content="&lt;script&gt;alert(6)&lt;/script&gt; Prisoners questioned">
<meta property="og:site_name" content="&lt;img src=x onerror=alert(7)&gt;">
<meta name="author" content="&lt;b&gt;Mallory&lt;/b&gt;">
<link rel="canonical" href="javascript:alert(8)">
<script>alert(9)</script>
</head><body><article>
<p>The SBU said the two prisoners were questioned in Kyiv <script>alert(10)</script>
with Korean translators.</p>
<p onclick="alert(11)">Zelensky said Ukraine was ready to hand the soldiers over to Kim Jong Un
<a href="javascript:alert(12)">in an exchange</a> for Ukrainians held in Russia.</p>
</article></body></html>
"""

HOSTILE_FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>&lt;em&gt;Feed&lt;/em&gt; News</title>
<item><title>&lt;img src=x onerror=alert(13)&gt; Soldiers captured</title>
<link>javascript:alert(14)</link><author>x@y.z (&lt;b&gt;Trudy&lt;/b&gt;)</author>
<description>&lt;p&gt;Ukraine said it captured two North Korean soldiers in the Kursk region.&lt;/p&gt;
&lt;script&gt;alert(15)&lt;/script&gt;&lt;p&gt;The soldiers were taken to Kyiv
&lt;a href="javascript:alert(16)"&gt;for questioning&lt;/a&gt; by the SBU.&lt;/p&gt;</description></item>
</channel></rss>
"""


def test_hostile_page_and_feed_put_no_markup_on_any_page(project, shared_cache, monkeypatch):
    (project / "content" / DEMO_STORY / "hostile.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    (project / "content" / DEMO_STORY / "hostile.rss").write_text(HOSTILE_FEED, encoding="utf-8")
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    record = json.loads((project / "output" / DEMO_STORY / "briefing.json").read_text())
    assert len(record["sources"]) == 7
    added = [s for s in record["sources"] if s["path"].startswith(f"{DEMO_STORY}/hostile")]
    assert all(s["url"] is None for s in added)
    assert_no_markup_from_articles(project / "output")
    assert "alert(" not in json.dumps([s["summary"] for s in added])


def test_strict_build_stops_on_bad_input(project, shared_cache, monkeypatch, capsys):
    assert build(project, shared_cache, "--strict", "--output", "strict-ok", monkeypatch=monkeypatch) == 0
    (project / "content" / DEMO_STORY / "zz-empty.md").write_text("")
    (project / "content" / "notes.docx").write_bytes(b"PK\x03\x04")
    capsys.readouterr()
    assert build(project, shared_cache, "--strict", "--output", "strict-bad", monkeypatch=monkeypatch) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "briefing: skipped notes.docx: unknown file type .docx: use .md, .txt, .html or a feed "
        "(.xml, .rss, .atom)",
        f"briefing: skipped {DEMO_STORY}/zz-empty.md: empty file",
        "briefing: error: --strict: 2 input problems (1 empty, 1 file type); nothing was built",
    ]
    assert not (project / "strict-bad").exists()


def test_guessed_encoding_is_a_warning_and_the_article_is_used(project, shared_cache, monkeypatch, capsys):
    text = "Le café était fermé, et les élèves ont mangé des crêpes à Noël, selon le maire de Kyiv."
    (project / "content" / DEMO_STORY / "cafe.txt").write_bytes(text.encode("cp1252"))
    (project / "content" / DEMO_STORY / "copy.md").write_bytes(
        (project / "content" / DEMO_STORY / "000_2a88a105458a5c17.md").read_bytes()
    )
    assert build(project, shared_cache, monkeypatch=monkeypatch) == 0
    out, err = capsys.readouterr()
    assert f"briefing: warning: {DEMO_STORY}/cafe.txt: not UTF-8: read as cp125" in err
    assert (
        f"briefing: skipped {DEMO_STORY}/copy.md: same article as {DEMO_STORY}/000_2a88a105458a5c17.md "
        "(same text)" in err
    )
    assert "6 articles in 1 stories, 1 skipped (1 duplicate), 1 warning;" in out


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
    # built in a staging folder and swapped in whole, as by briefing build
    assert (out / ".briefing-build.json").is_file()
    assert not [p.name for p in tmp_path.iterdir() if ".building-" in p.name or ".old-" in p.name]


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
    from briefing.evaluation.data import DEFAULT_DATA

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
