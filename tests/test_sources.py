from __future__ import annotations

import json
import socket
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from briefing.config import BriefingConfig
from briefing.errors import ArticleError, ArticleWarning
from briefing.ingest import article_markdown
from briefing.pipeline import BuildResult, load_articles, load_content, pipeline_languages
from briefing.sources import (
    UNKNOWN_LANGUAGE,
    article_from_text,
    body_parts,
    load_article,
    parse_source,
    read,
    read_file,
)
from briefing.sources.article import MAX_ARTICLE_CHARS
from briefing.sources.clean import Evidence, _cut_credits, clean_blocks
from briefing.sources.markdown import text_blocks
from briefing.sources.metadata import outlet_from_url, parse_date_line

from .conftest import DATA, DEMO_JUNK, DEMO_STORY


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
        ("pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (a PDF document)"),
        ("garbage.txt", bytes(range(1, 32)) * 20, "binary file"),
        ("feed.xml", b"<html><body>not a feed</body></html>", "RSS or Atom feed"),
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


# --- formats ---------------------------------------------------------------------------------------


def test_saved_page_fixture_keeps_the_report_and_its_metadata():
    found = read_file(DATA / "saved-page.html", DATA, None)
    (article,) = found.articles
    assert (article.title, article.outlet, article.author, article.published, article.language) == (
        "Storm closes the harbour for a week",
        "The Daily Example",
        "Jane Roe",
        "2024-03-03",
        "en",
    )
    assert article.url == "https://www.dailyexample.com/world/2024/03/03/storm-closes-harbour"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("The harbour of Port Example was closed on Sunday")
    assert len(paragraphs) == 7
    for junk in (
        "cookies",
        "World",
        "Share",
        "Photo: John Doe",
        "Advertisement",
        "Read more",
        "pic.twitter.com",
        "@portnews",
        "Related",
        "Ferry fares",
        "newsletter",
        "All rights reserved",
        "(AP)",
        "dataLayer",
    ):
        assert junk not in article.text, junk
    # markup written as text in the page stays text: the page templates escape it
    assert "<script>alert(1)</script>" in paragraphs[-1]


def test_saved_page_is_read_without_the_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("reading a saved page tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert read_file(DATA / "saved-page.html", DATA, None).articles
    assert read_file(DATA / "harbour.rss", DATA, None).articles


def test_saved_page_outlet_from_the_domain_table(tmp_path):
    (tmp_path / "page.htm").write_text(
        '<html><head><link rel="canonical" href="https://edition.cnn.com/2024/03/03/world/storm">'
        "</head><body><article><h1>Storm closes the harbour</h1>"
        "<p>The harbour was closed on Sunday after a storm damaged two of its piers, officials said.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    article = load_article(tmp_path / "page.htm", tmp_path, None)
    assert (article.outlet, article.title) == ("CNN", "Storm closes the harbour")


def test_saved_page_declared_charset_is_believed(tmp_path):
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\u00e9 closes</title></head><body>'
        "<p>The caf\u00e9 on the pier was closed on Sunday after the storm, its owner said.</p></body></html>"
    )
    (tmp_path / "cafe.html").write_bytes(page.encode("cp1252"))
    found = read_file(tmp_path / "cafe.html", tmp_path, None)
    assert "The caf\u00e9 on the pier" in found.articles[0].text
    assert found.warnings == ()


def test_rss_feed_gives_one_article_per_entry():
    found = read_file(DATA / "harbour.rss", DATA, None)
    ferries, council = found.articles
    assert (ferries.title, ferries.outlet, ferries.author, ferries.published) == (
        "Ferries sail again after the storm",
        "Reuters",
        "Jane Roe",
        "2024-03-05",
    )
    assert ferries.text.startswith("Ferries to the islands sailed again on Tuesday")  # dateline gone
    for junk in ("PORT EXAMPLE", "(Reuters)", "alert", "Read more", "Reporting by"):
        assert junk not in ferries.text
    assert council.url is None  # its link was javascript:
    assert council.outlet == "Coastal News"  # the feed's own name
    assert "alert" not in council.text and "<" not in (council.title or "")
    assert ferries.path == council.path == "harbour.rss" and ferries.id != council.id
    (gallery,) = found.skipped
    assert str(gallery) == (
        "harbour.rss: entry 3 ('Gallery: the storm in pictures'): no article text left after cleaning: "
        "it holds 1 line of page furniture"
    )


def test_atom_feed_entry():
    (entry,) = read_file(DATA / "harbour.atom", DATA, None).articles
    assert (entry.title, entry.author, entry.published, entry.outlet) == (
        "Repairs to the piers begin",
        "Kari Nordmann",
        "2024-03-07",
        "harbourwatch.example.net",
    )
    assert "Photo:" not in entry.text


# --- metadata from evidence ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first_line", "author", "text_start"),
    [
        ("KYIV, Ukraine (AP) — Ukraine said it captured two soldiers.", "AP", "Ukraine said"),
        ("WASHINGTON (Reuters) - Ukraine said it captured two soldiers.", "Reuters", "Ukraine said"),
        ("(CNN) Ukraine said it captured two soldiers.", "CNN", "Ukraine said"),
        (
            "By Jane Roe and John Doe, Associated Press",
            "Jane Roe and John Doe, Associated Press",
            "Officials",
        ),
        ("Source: Reuters, PAP", "Reuters, PAP", "Officials"),
        ("(SEO) Ukraine said it captured two soldiers.", None, "(SEO) Ukraine"),
    ],
)
def test_agency_credits_and_bylines(first_line, author, text_start):
    article = article_from_text(f"{first_line}\nOfficials said the two men were being questioned.", "a.txt")
    assert article.author == author
    assert article.text.startswith(text_start)


def test_agency_sign_off_credits_the_copy():
    article = article_from_text("Officials said the two men were being questioned in Kyiv.\n(AFP)", "a.txt")
    assert (article.author, article.text) == (
        "AFP",
        "Officials said the two men were being questioned in Kyiv.",
    )


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Published 11 January 2025", "2025-01-11"),
        ("Saturday, January 11, 2025", "2025-01-11"),
        ("Jan. 11, 2025 10:22 GMT", "2025-01-11"),
        ("January 11, 2025 said the man who was there.", None),
    ],
)
def test_more_date_lines(line, iso):
    assert parse_date_line(line) == iso


def test_title_of_a_text_file_from_its_first_line():
    article = article_from_text(
        "Storm closes the harbour\nThe harbour was closed on Sunday after a storm damaged two piers.", "a.txt"
    )
    assert article.title == "Storm closes the harbour"


def test_unknown_stays_unknown():
    article = article_from_text("The harbour was closed on Sunday after a storm damaged two piers.", "b.txt")
    assert (article.title, article.outlet, article.url, article.author, article.published) == (None,) * 5
    assert article.language == UNKNOWN_LANGUAGE  # too little text to tell
    assert article.label == "unnamed outlet (b)"


@pytest.mark.parametrize(
    "junk",
    [
        "We've detected that JavaScript is disabled in your browser.",
        "Follow us on Twitter for the latest news.",
        "Click here to subscribe to our newsletter.",
        "Reporting by Jane Roe; Editing by John Doe",
        "Copyright 2024 The Associated Press. All rights reserved.",
        "Image caption, The harbour after the storm",
        "Related coverage: Storms in Norway",
        "Enlarge Image Close Associated Press A ferry waits outside the closed harbour on Sunday.",
    ],
)
def test_more_page_furniture_is_dropped(junk):
    article = article_from_text(f"The harbour was closed on Sunday after a storm.\n{junk}", "a.txt")
    assert article.text == "The harbour was closed on Sunday after a storm."


def test_a_sentence_about_copyright_is_reporting():
    text = "The lawsuit accuses the company of copyright infringement on a large scale."
    assert article_from_text(text, "a.txt").text == text


def test_embedded_post_in_a_markdown_block_quote_is_dropped(tmp_path):
    (tmp_path / "a.md").write_text(
        "The harbour was closed on Sunday after a storm damaged two piers.\n\n"
        "> The waves are huge this morning, stay away from the pier!\n>\n"
        "> — Port News (@portnews) March 3, 2024\n\n"
        "Officials said repairs would take a week.\n",
        encoding="utf-8",
    )
    article = load_article(tmp_path / "a.md", tmp_path, None)
    assert "waves" not in article.text and "Officials said" in article.text


# --- bad input -------------------------------------------------------------------------------------


def test_other_encoding_is_read_with_a_warning(tmp_path):
    text = "Le café était fermé, et les élèves ont mangé des crêpes à Noël."
    (tmp_path / "cp1252.txt").write_bytes(text.encode("cp1252"))
    found = read_file(tmp_path / "cp1252.txt", tmp_path, None)
    assert found.articles[0].text == text
    (warning,) = found.warnings
    assert str(warning).startswith("cp1252.txt: not UTF-8: read as cp125")
    assert warning.reason == "encoding"


def test_utf16_with_byte_order_mark(tmp_path):
    text = "The harbour was closed on Sunday after a storm damaged two piers."
    (tmp_path / "wide.txt").write_bytes(text.encode("utf-16"))
    found = read_file(tmp_path / "wide.txt", tmp_path, None)
    assert found.articles[0].text == text
    assert "UTF-16 text, not UTF-8" in str(found.warnings[0])


def test_undetectable_encoding_is_refused(tmp_path):
    (tmp_path / "mess.txt").write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(ArticleError, match=r"mess.txt: not UTF-8 .* could not be detected"):
        read_file(tmp_path / "mess.txt", tmp_path, None)


def test_enormous_article_is_refused_with_its_size(tmp_path):
    paragraph = "The harbour was closed on Sunday after a storm damaged two of its piers. " * 20
    paragraphs = MAX_ARTICLE_CHARS // len(paragraph) + 2
    (tmp_path / "huge.txt").write_text((paragraph + "\n") * paragraphs, encoding="utf-8")
    with pytest.raises(ArticleError) as caught:
        load_article(tmp_path / "huge.txt", tmp_path, None)
    assert caught.value.reason == "too large"
    size = paragraphs * len(paragraph.strip()) + (paragraphs - 1) * len("\n\n")
    assert f"{size:,} characters" in str(caught.value) and "150,000" in str(caught.value)


def test_enormous_file_is_not_even_read(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 1000)
    (tmp_path / "page.html").write_text("<p>x</p>" * 500, encoding="utf-8")
    with pytest.raises(ArticleError, match=r"page.html: too large: 0.0 MB"):
        read_file(tmp_path / "page.html", tmp_path, None)


def test_unreadable_file_is_reported(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    articles, skipped = load_articles(tmp_path)
    assert articles == []
    assert [str(e) for e in skipped] == ["gone.txt: cannot be read (No such file or directory)"]


GERMAN = (
    "Die Bundesregierung hat am Montag beschlossen, dass die Steuern im nächsten Jahr steigen werden, "
    "wie der Finanzminister in Berlin vor Journalisten sagte. Die Opposition kritisierte den Plan scharf."
)


def test_article_in_a_language_the_model_does_not_cover_is_skipped(tmp_path):
    (tmp_path / "de.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "en.txt").write_text("The harbour was closed on Sunday after a storm.\n", encoding="utf-8")
    loaded = load_content(tmp_path, {"en"})
    assert [a.path for a in loaded.articles] == ["en.txt"]
    (error,) = loaded.skipped
    assert error.reason == "language"
    assert str(error).startswith("de.txt: the article is in 'de', which the spaCy pipeline does not cover")
    assert "BRIEFING['model']" in str(error)
    assert [a.path for a in load_content(tmp_path, {"de"}).articles] == ["de.txt", "en.txt"]
    assert len(load_content(tmp_path, {"xx"}).articles) == 2


def test_declared_language_is_believed(tmp_path):
    (tmp_path / "a.md").write_text(f"---\nlanguage: en-GB\n---\n{GERMAN}\n", encoding="utf-8")
    assert load_article(tmp_path / "a.md", tmp_path, None).language == "en"


def test_pipeline_languages_from_the_package_name():
    assert pipeline_languages(BriefingConfig()) == {"en"}


# --- duplicates ------------------------------------------------------------------------------------

REPORT = "The harbour was closed on Sunday after a storm damaged two piers.\n\nRepairs will take a week.\n"


def test_same_text_twice_is_kept_once(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.md").write_text("# Storm\n\n" + REPORT.upper().lower(), encoding="utf-8")
    loaded = load_content(tmp_path)
    assert [a.path for a in loaded.articles] == ["a.txt"]
    assert [str(e) for e in loaded.skipped] == ["b.md: same article as a.txt (same text): kept a.txt only"]


def test_same_url_twice_keeps_the_longer_text(tmp_path):
    url = "https://www.reuters.com/world/storm"
    (tmp_path / "a.md").write_text(f'---\nurl: "{url}"\n---\nThe harbour was closed on Sunday.\n')
    (tmp_path / "b.md").write_text(f'---\nurl: "{url}/?utm_source=feed"\n---\n{REPORT}')
    loaded = load_content(tmp_path)
    assert [a.path for a in loaded.articles] == ["b.md"]
    (error,) = loaded.skipped
    assert str(error) == f"a.md: same article as b.md (same URL {url}/?utm_source=feed): kept b.md only"


def test_same_wire_copy_at_two_outlets_is_kept_for_both(tmp_path):
    for name, outlet in (("a.md", "The Moscow Times"), ("b.md", "Euronews")):
        (tmp_path / name).write_text(f'---\noutlet: "{outlet}"\n---\n{REPORT}')
    assert len(load_content(tmp_path).articles) == 2


def test_the_same_article_in_two_story_folders_serves_both(tmp_path):
    url = "https://www.reuters.com/world/storm"
    for story in ("harbour-storm", "ferry-cancellations"):
        (tmp_path / story).mkdir()
        (tmp_path / story / "storm.md").write_text(f'---\nurl: "{url}"\n---\n{REPORT}')
    (tmp_path / "loose.txt").write_text(REPORT, encoding="utf-8")  # a loose copy is a duplicate
    loaded = load_content(tmp_path)
    assert [a.path for a in loaded.articles] == ["ferry-cancellations/storm.md", "harbour-storm/storm.md"]
    assert [e.path for e in loaded.skipped] == ["loose.txt"]


@pytest.mark.parametrize("loose_name", ["a-loose.txt", "z-loose.txt"])  # before or after the folders
def test_a_loose_copy_never_takes_an_article_from_its_story_folders(tmp_path, loose_name):
    for story in ("harbour-storm", "ferry-cancellations"):
        (tmp_path / story).mkdir()
        (tmp_path / story / "storm.md").write_text(REPORT, encoding="utf-8")
    (tmp_path / loose_name).write_text(REPORT, encoding="utf-8")
    loaded = load_content(tmp_path)
    assert sorted(a.path for a in loaded.articles) == [
        "ferry-cancellations/storm.md",
        "harbour-storm/storm.md",
    ]
    assert [e.path for e in loaded.skipped] == [loose_name]


def test_a_duplicate_within_one_story_is_dropped_and_a_longer_loose_copy_stays_in_the_story(tmp_path):
    url = "https://www.reuters.com/world/storm"
    (tmp_path / "harbour-storm").mkdir()
    for name in ("a.md", "b.md"):
        (tmp_path / "harbour-storm" / name).write_text(f'---\nurl: "{url}"\n---\nThe harbour was closed.\n')
    (tmp_path / "page.md").write_text(f'---\nurl: "{url}"\n---\n{REPORT}')  # the whole page, loose
    loaded = load_content(tmp_path)
    (article,) = loaded.articles
    assert (article.path, article.story) == ("page.md", "harbour-storm")
    assert sorted(e.path for e in loaded.skipped) == ["harbour-storm/a.md", "harbour-storm/b.md"]


def test_build_summary_says_what_was_skipped_and_why():
    result = BuildResult(
        (),
        (
            ArticleError("a", "x", "empty"),
            ArticleError("b", "y", "duplicate"),
            ArticleError("c", "z", "empty"),
        ),
        3,
        0,
        (ArticleWarning("d", "w", "encoding"),),
    )
    assert result.summary == "3 articles in 0 stories, 3 skipped (2 empty, 1 duplicate), 1 warning"


@pytest.mark.parametrize("note", ["(djp)", "10th graf pvs", "(ends)"])
def test_a_one_paragraph_wire_story_loses_its_note_not_its_text(note):
    text = (
        "The harbour of Valletta was closed on Sunday after a storm damaged two of its piers, and "
        "ferries to Gozo were cancelled until Tuesday, the port authority said in a statement. "
        f"Repairs will take a week, a spokesman said. {note}"
    )
    article = article_from_text(text, "wire.txt")
    assert article.text == text.removesuffix(f" {note}")
    assert f"trailing note: {note}" in article.removed


@pytest.mark.parametrize("credit", ["(Associated Press)", "(Jane Roe/AP)", "— Jane Roe (@jroe) May 2, 2017"])
def test_a_caption_or_post_ending_in_a_credit_is_still_furniture(credit):
    caption = (
        "Port workers inspect one of the two piers of the harbour of Valletta that the storm damaged on "
        f"Sunday, before the ferries to Gozo were cancelled. {credit}"
    )
    article = article_from_text(
        f"{caption}\nThe harbour was closed on Sunday after the storm, officials said.", "a.txt"
    )
    assert article.text == "The harbour was closed on Sunday after the storm, officials said."


# Real saved pages from trafilatura's evaluation set (tests/data/pages/README.md), with the
# snippets their article text must and must not hold.
PAGES = DATA / "pages"
PAGE_NOTES = json.loads((PAGES / "evaldata.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("url", sorted(PAGE_NOTES))
def test_real_saved_page_keeps_its_article_and_leaves_out_the_rest(url):
    page = PAGE_NOTES[url]
    raw = (PAGES / "eval" / page["file"]).read_bytes()
    article = parse_source(raw, page["file"], "html", None).articles[0]
    text = " ".join(" ".join(part for _, part in body_parts(article)).split())  # as briefing add writes it
    for snippet in page["with"]:
        assert " ".join(snippet.split()) in text
    for snippet in page["without"]:
        assert " ".join(snippet.split()) not in text


def test_a_credit_glued_to_a_long_paragraph_goes_without_the_paragraph():
    raw = (PAGES / "eval" / "iwr.de.IWRpressedienst.Nordex.html").read_bytes()
    text = parse_source(raw, "page.html", "html", None).articles[0].text
    assert "Windenergieanlagen speisen den Strom über leistungselektronische Umrichter" in text
    assert "©" not in text and "NordexHamburg" not in text
    assert _cut_credits("Photo: Jane Roe/AP", Evidence()) == "Photo: Jane Roe/AP"  # a caption stays whole
    caption = (
        "Rescue workers carry a man from the damaged pier of the harbour on Sunday, after the storm "
        "that closed the port for two days and cancelled every ferry to the islands, in this photo "
        "released by the port authority on Monday and shown to reporters at the harbour office. "
        "Jane Roe/AFP/Getty Images"
    )
    assert _cut_credits(caption, Evidence()) == caption  # its credit after it: still a caption


def test_a_section_heading_is_written_by_add_and_never_analysed(tmp_path):
    raw = (PAGES / "eval" / "womencantalksports.com-top10.html").read_bytes()
    article = parse_source(raw, "page.html", "html", None).articles[0]
    assert "5. Kristi Dosh" in [heading for _, heading in article.headings]
    assert "5. Kristi Dosh" not in article.text.split("\n\n")
    markdown = article_markdown(article)
    assert "\n\n## 5\\. Kristi Dosh\n\n" in markdown
    (tmp_path / "page.md").write_text(markdown, encoding="utf-8")
    again = read_file(tmp_path / "page.md", tmp_path, None).articles[0]
    assert (again.text, again.headings, again.items) == (article.text, article.headings, article.items)


def test_a_page_class_named_after_a_widget_does_not_remove_the_page():
    from briefing.sources.pages import prune_widgets

    page = (
        '<html><body class="single cookies-not-set share_tools_on"><div class="post category-social-issues">'
        "<p>The harbour was closed on Sunday after a storm damaged two of its piers.</p></div>"
        '<div class="share-buttons">Share on Facebook</div><aside class="related">Other stories</aside>'
        "</body></html>"
    )
    pruned = lxml.html.tostring(prune_widgets(lxml.html.fromstring(page)), encoding="unicode")
    assert "The harbour was closed" in pruned
    assert "Share on Facebook" not in pruned and "Other stories" not in pruned


def test_text_after_a_heading_and_list_items_are_read():
    from briefing.sources.pages import _body_blocks

    body = lxml.etree.fromstring(
        "<body><head>Ferries</head>Ferries to Gozo were cancelled until Tuesday, the port said."
        "<p>The harbour was closed on Sunday after a storm damaged its piers, officials said.</p>"
        "<list><item>two piers damaged</item><item><ref>Other stories</ref></item></list>"
        "<p>Repairs will take a week and cost about two million euros, a spokesman said.</p></body>"
    )
    kept, evidence = clean_blocks(_body_blocks(body))
    assert kept[0] == "Ferries to Gozo were cancelled until Tuesday, the port said."
    assert "two piers damaged" in kept
    assert "links: Other stories" in evidence.removed


@pytest.mark.parametrize(
    "paragraph",
    [
        "子どもへの虐待をなくすための法律ができて、体罰を禁止することになりました。",
        "আজ শনিবার সকালে উপজেলার গ্রামে এ ঘটনা ঘটে। হামলাকারীকে আটক করেছে পুলিশ।",
        "وقالت الحكومة إن الميناء سيبقى مغلقا حتى يوم الثلاثاء؟",
    ],
)
def test_sentence_ends_are_told_in_every_script(paragraph):
    assert article_from_text(paragraph, "a.txt").text == paragraph


@pytest.mark.parametrize(
    "note",
    ["(djp)", "10th graf pvs", "(Reporting by Jane Roe; Editing by John Doe)", "(MORE)", "Learn more"],
)
def test_a_one_paragraph_article_ending_in_a_note_is_kept(note):
    text = (
        "The harbour of Valletta was closed on Sunday after a storm damaged two of its piers, and ferries "
        "to Gozo were cancelled until Tuesday, the port authority said. ``We will reopen as soon as the "
        f"piers are safe,'' a spokesman said. {note}"
    )
    article = article_from_text(text, "wire.txt")
    assert article.text.startswith("The harbour of Valletta was closed on Sunday")
    assert "a spokesman said" in article.text


def test_a_last_sentence_without_a_stop_and_a_signature_are_kept():
    letter = (
        "Dear editor,\nThe harbour was closed on Sunday after a storm damaged two of its piers, and the "
        "ferries were cancelled.\nWe ask the port to tell us when the ferries will run again, since many "
        "of us work on the other island and cannot wait a week\nBest regards,\nJane Roe"
    )
    article = article_from_text(letter, "letter.txt")
    assert article.text.endswith("cannot wait a week\n\nBest regards,\n\nJane Roe")


def test_a_notice_inside_an_article_goes_and_the_article_stays():
    report = "Ten volunteer firefighters were charged with setting fires to empty houses, the sheriff said."
    captcha = "You must enter the characters with black color that stand out from the other characters"
    text = f"{report}\n\n{captcha}\n\n"
    article = article_from_text(text + "The investigation took a year, officials said on Tuesday.", "a.txt")
    assert "characters" not in article.text and article.text.startswith("Ten volunteer firefighters")
    assert any(r.startswith("page notice: You must enter") for r in article.removed)


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (
            "These crawls are part of an effort to archive pages as they are created and archive the pages "
            "that they refer to.",
            "web archive",
        ),
        (
            "The interactive transcript could not be loaded.\n"
            "Rating is available when the video has been rented.",
            "video",
        ),
        (
            "Sorry, the page you requested was not found.\nPlease check the URL for proper spelling and "
            "capitalization.",
            "page-not-found",
        ),
        (
            "You must enter the characters with black color that stand out from the other characters.",
            "robot check",
        ),
        (
            "Tweet with a location\nYou can add location information to your Tweets, such as your city or "
            "precise location, from the web and via third-party applications.",
            "social site",
        ),
    ],
)
def test_a_page_that_is_no_article_is_refused_with_its_reason(page, reason):
    with pytest.raises(ArticleError) as refused:
        article_from_text(page, "notice.txt")
    assert refused.value.reason == "no article"
    assert reason in refused.value.problem
