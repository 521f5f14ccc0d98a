"""``briefing add``: inputs become normalised Markdown articles that the build reads back unchanged."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from briefing import ingest
from briefing.cli import main
from briefing.errors import FetchError
from briefing.ingest import Download, add_articles, article_markdown, escape_markdown, fetch_url
from briefing.models import SourceArticle
from briefing.sources import load_article, read_file
from briefing.sources.front_matter import split_front_matter
from briefing.sources.markdown import markdown_blocks

from .conftest import DATA

PAGE = DATA / "saved-page.html"


def test_saved_page_becomes_a_markdown_article(tmp_path):
    result = add_articles([str(PAGE)], tmp_path, story="Harbour storm")
    (added,) = result.added
    assert added.path == tmp_path / "harbour-storm" / "storm-closes-the-harbour-for-a-week.md"
    assert added.title == "Storm closes the harbour for a week"
    assert result.failed == () and result.warnings == ()
    text = added.path.read_text(encoding="utf-8")
    assert text.startswith(
        "---\n"
        'title: "Storm closes the harbour for a week"\n'
        'outlet: "The Daily Example"\n'
        'url: "https://www.dailyexample.com/world/2024/03/03/storm-closes-harbour"\n'
        'published: "2024-03-03"\n'
        'author: "Jane Roe"\n'
        'language: "en"\n'
        "---\n\n"
        "The harbour of Port Example was closed on Sunday"
    )
    # what the build reads from the new file is what it read from the page
    original = read_file(PAGE, DATA, None).articles[0]
    again = load_article(added.path, tmp_path, "harbour-storm")
    for field in ("text", "title", "outlet", "url", "published", "author", "language"):
        assert getattr(again, field) == getattr(original, field), field


def test_adding_twice_never_overwrites(tmp_path):
    first = add_articles([str(PAGE)], tmp_path).added[0].path
    before = first.read_bytes()
    second = add_articles([str(PAGE)], tmp_path).added[0].path
    assert (first.name, second.name) == (
        "storm-closes-the-harbour-for-a-week.md",
        "storm-closes-the-harbour-for-a-week-2.md",
    )
    assert first.read_bytes() == before


def test_feed_gives_one_file_per_entry(tmp_path):
    result = add_articles([str(DATA / "harbour.rss"), str(DATA / "harbour.atom")], tmp_path)
    assert sorted(p.path.name for p in result.added) == [
        "council-approves-storm-fund.md",
        "ferries-sail-again-after-the-storm.md",
        "repairs-to-the-piers-begin.md",
    ]
    (failed,) = result.failed
    assert "entry 3 ('Gallery: the storm in pictures')" in str(failed)
    council = (tmp_path / "council-approves-storm-fund.md").read_text(encoding="utf-8")
    assert "javascript" not in council and "alert" not in council and "url:" not in council


HOSTILE = SourceArticle(
    id="x",
    path="x.txt",
    story="",
    text="\n\n".join(
        [
            "1. Not a list, but a sentence that starts with a number.",
            "# Not a heading either, and not *emphasis* or _this_ or **that**.",
            "- Not a bullet; [not a link](javascript:alert(1)) and <script>alert(2)</script> stay text.",
            "> Not a quote: &amp; stays &amp;, a back\\slash stays, `code` stays in its ticks.",
            "2024) was the year, + plus ~~~ tildes, and <https://example.org> is no autolink.",
        ]
    ),
    title='He said: "no" # really --- [x]',
    outlet="O'Brien & Sons: News\nLine two",
    author="- Jane: Roe",
    published="2024-03-03",
    language="en",
)


def test_front_matter_and_body_read_back_exactly():
    markdown = article_markdown(HOSTILE)
    meta, body = split_front_matter(markdown, "x.md")
    assert meta == {
        "title": HOSTILE.title,
        "outlet": HOSTILE.outlet,
        "author": HOSTILE.author,
        "published": "2024-03-03",
        "language": "en",
    }
    assert [b.text for b in markdown_blocks(body)] == HOSTILE.text.split("\n\n")
    assert not any(b.heading for b in markdown_blocks(body))


@pytest.mark.parametrize(
    ("paragraph", "escaped"),
    [
        ("1. One", "1\\. One"),
        ("# Hash", "\\# Hash"),
        ("a_b*c", "a\\_b\\*c"),
        ("- dash", "\\- dash"),
        ("plain text.", "plain text."),
    ],
)
def test_escape_markdown(paragraph, escaped):
    assert escape_markdown(paragraph) == escaped


def test_url_input_is_fetched_and_read_like_a_saved_page(tmp_path):
    calls = []

    def fetch(url: str, timeout: float) -> Download:
        calls.append((url, timeout))
        page = PAGE.read_bytes().replace(b'<link rel="canonical"', b'<link rel="alternate"')
        page = page.replace(b'property="og:url"', b'property="og:nothing"')
        return Download("https://www.bbc.com/news/storm-123", page, "text/html", "utf-8")

    result = add_articles(["https://bbc.in/storm"], tmp_path, fetch=fetch, timeout=3)
    assert calls == [("https://bbc.in/storm", 3)]
    (added,) = result.added
    article = load_article(added.path, tmp_path, None)
    assert article.url == "https://www.bbc.com/news/storm-123"  # where the page was fetched from
    assert article.title == "Storm closes the harbour for a week"


def test_feed_url_is_sniffed_when_the_server_does_not_say(tmp_path):
    def fetch(url: str, timeout: float) -> Download:
        return Download(url, (DATA / "harbour.atom").read_bytes(), "application/octet-stream")

    result = add_articles(["https://harbourwatch.example.net/feed"], tmp_path, fetch=fetch)
    assert [a.path.name for a in result.added] == ["repairs-to-the-piers-begin.md"]


@pytest.mark.parametrize(
    ("raised", "message"),
    [
        (
            urllib.error.URLError(socket.gaierror(-3, "Temporary failure in name resolution")),
            "https://example.org/a: cannot be fetched (",
        ),
        (urllib.error.URLError(TimeoutError("timed out")), "https://example.org/a: no answer within 7 s"),
        (TimeoutError("timed out"), "https://example.org/a: no answer within 7 s"),
        (
            urllib.error.HTTPError("https://example.org/a", 404, "Not Found", {}, None),
            "https://example.org/a: the server answered 404 Not Found",
        ),
    ],
)
def test_fetch_errors_are_one_clear_line(monkeypatch, raised, message):
    def urlopen(request, timeout):
        assert timeout == 7
        raise raised

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    with pytest.raises(FetchError) as caught:
        fetch_url("https://example.org/a", timeout=7)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_cli_add(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code = main(["add", str(PAGE), str(tmp_path / "missing.html"), "--story", "storm", "--content", "site"])
    assert code == 1
    out, err = capsys.readouterr()
    assert (
        out
        == "added site/storm/storm-closes-the-harbour-for-a-week.md (Storm closes the harbour for a week)\n"
    )
    assert err.splitlines() == [
        "created the content folder site",
        f"briefing: error: {tmp_path / 'missing.html'}: no such file (and not an http:// or https:// URL)",
    ]


def test_cli_add_outside_a_project_creates_no_content_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["add", str(PAGE)]) == 1
    assert "settings file not found" in capsys.readouterr().err and list(tmp_path.iterdir()) == []


def test_cli_add_offline(tmp_path, capsys, monkeypatch):
    def offline(url: str, timeout: float) -> Download:
        raise FetchError(f"{url}: cannot be fetched (no network); check the connection")

    monkeypatch.setattr(ingest, "fetch_url", offline)
    assert main(["add", "https://example.org/a", "--content", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert (
        err
        == "briefing: error: https://example.org/a: cannot be fetched (no network); check the connection\n"
    )
    assert list(Path(tmp_path).iterdir()) == []
