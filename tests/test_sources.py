from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import ArticleError
from briefing.pipeline import load_articles
from briefing.sources import load_article, outlet_from_url, parse_date_line, text_blocks

from .conftest import DEMO_JUNK, DEMO_STORY


def by_stem(articles, stem):
    return next(a for a in articles if a.path.endswith(f"{stem}.md"))


def test_demo_articles_form_one_story(demo_articles):
    assert len(demo_articles) == 5
    assert {a.story for a in demo_articles} == {DEMO_STORY}


@pytest.mark.parametrize("junk", DEMO_JUNK)
def test_cleaning_removes_page_furniture(demo_articles, junk):
    for article in demo_articles:
        assert junk not in article.text, article.path


def test_cleaning_drops_embedded_post_and_keeps_reporting(demo_articles):
    moscow = by_stem(demo_articles, "004_d197c699e3fca682")
    assert "Our soldiers have captured North Korean military personnel" not in moscow.text
    assert "Ukraine said Saturday that investigators were questioning two wounded" in moscow.text
    euronews = by_stem(demo_articles, "002_0af340ff6e3fd363")
    assert euronews.text.startswith("The two captured soldiers were fighting alongside Russian troops")


def test_metadata_from_front_matter(demo_articles):
    moscow = by_stem(demo_articles, "004_d197c699e3fca682")
    assert moscow.outlet == "The Moscow Times"
    assert moscow.url.startswith("https://www.themoscowtimes.com/2025/01/11/")
    assert moscow.published == "2025-01-11"
    assert by_stem(demo_articles, "002_0af340ff6e3fd363").author == "Daniel Bellamy with AP"
    unnamed = by_stem(demo_articles, "000_2a88a105458a5c17")
    assert (unnamed.outlet, unnamed.url, unnamed.title) == (None, None, None)
    assert unnamed.label == "unnamed outlet (000_2a88a105458a5c17)"


def test_metadata_inferred_from_the_text_itself(tmp_path):
    (tmp_path / "wire.txt").write_text(
        "Storm closes the harbour\n"
        "By Jane Roe with AP\n"
        "March 3, 2024\n"
        "The harbour was closed on Sunday after a storm damaged two piers.\n"
        "Officials said repairs would take a week.\n"
        "Original url:\n"
        "https://www.reuters.com/world/storm-harbour\n",
        encoding="utf-8",
    )
    article = load_article(tmp_path / "wire.txt", tmp_path, None)
    assert article.author == "Jane Roe with AP"
    assert article.published == "2024-03-03"
    assert article.url == "https://www.reuters.com/world/storm-harbour"
    assert article.outlet == "Reuters"
    assert article.text == (
        "The harbour was closed on Sunday after a storm damaged two piers.\n\n"
        "Officials said repairs would take a week."
    )


def test_hard_wrapped_lines_are_joined():
    blocks = text_blocks(
        "The harbour was closed on Sunday after\na storm damaged two piers.\nRepairs start today."
    )
    assert [b.text for b in blocks] == [
        "The harbour was closed on Sunday after a storm damaged two piers.",
        "Repairs start today.",
    ]


def test_saved_html_page(tmp_path):
    (tmp_path / "page.html").write_text(
        """<html lang="en"><head><title>Site | Storm</title>
        <meta property="og:title" content="Storm closes the harbour">
        <link rel="canonical" href="https://apnews.com/article/storm">
        <script>alert("x")</script></head>
        <body><nav><a href="/">Home</a> <a href="/world">World news today</a></nav>
        <article><h1>Storm closes the harbour</h1>
        <p>The harbour was closed on Sunday after a storm damaged two piers.</p>
        <p>Officials said repairs would take a week.</p></article>
        <footer>Subscribe to our newsletter today for more.</footer></body></html>""",
        encoding="utf-8",
    )
    article = load_article(tmp_path / "page.html", tmp_path, None)
    assert article.title == "Storm closes the harbour"
    assert article.outlet == "Associated Press"
    assert "alert" not in article.text and "Home" not in article.text
    assert article.text.count("\n\n") == 1


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.md", b"  \n", "empty file"),
        ("binary.txt", b"\x00\x01\x02abc", "binary file"),
        ("latin1.txt", "Caf\u00e9 au lait was served in Kyiv.".encode("latin-1"), "not UTF-8"),
        (
            "broken.md",
            b"---\ntitle: [unclosed\n---\nSome text here for the body.\n",
            "malformed front matter",
        ),
        ("unclosed.md", b"---\ntitle: x\nSome text here.\n", "no closing '---'"),
        ("notes.docx", b"PK whatever", "unknown file type .docx"),
        ("furniture.txt", b"Advertisement\nShare this article\n", "no article text left"),
    ],
)
def test_bad_files_raise_a_clear_error(tmp_path, name, content, problem):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(ArticleError) as caught:
        load_article(tmp_path / name, tmp_path, None)
    assert str(caught.value).startswith(f"{name}: ")
    assert problem in str(caught.value)


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    story = tmp_path / "story"
    story.mkdir()
    (story / "good.txt").write_text("The harbour was closed on Sunday after a storm damaged two piers.\n")
    (story / "empty.txt").write_text("")
    articles, skipped = load_articles(tmp_path)
    assert [a.path for a in articles] == ["story/good.txt"]
    assert [e.path for e in skipped] == ["story/empty.txt"]


def test_only_http_urls_are_kept(tmp_path):
    (tmp_path / "a.md").write_text(
        '---\nurl: "javascript:alert(1)"\n---\nThe harbour was closed on Sunday after a storm.\n'
    )
    assert load_article(tmp_path / "a.md", tmp_path, None).url is None


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.themoscowtimes.com/2025/01/11/x", "The Moscow Times"),
        ("https://edition.cnn.com/x", "CNN"),
        ("https://news.example.org/x", "news.example.org"),
        (None, None),
    ],
)
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("January 11, 2025", "2025-01-11"),
        ("11 Jan 2025", "2025-01-11"),
        ("Saturday", None),
        ("2025-01-11", "2025-01-11"),
    ],
)
def test_date_lines(line, iso):
    assert parse_date_line(line) == iso


def test_discover_skips_hidden_and_private(tmp_path):
    (tmp_path / ".drafts").mkdir()
    (tmp_path / ".drafts" / "a.txt").write_text("The harbour was closed on Sunday after a storm.\n")
    (tmp_path / "_notes.txt").write_text("The harbour was closed on Sunday after a storm.\n")
    assert load_articles(Path(tmp_path)) == ([], [])
