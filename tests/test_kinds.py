from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest

from briefing.codec import from_plain, to_plain
from briefing.errors import ArticleError
from briefing.evaluation.data import DEFAULT_DATA, load_clusters
from briefing.export import briefing_from_record, briefing_record
from briefing.ingest import add_articles
from briefing.models import Briefing
from briefing.sources import article_from_text, read_file
from briefing.sources.clean import word_count
from briefing.sources.kinds import STATEMENT_MAX_WORDS, source_kind

from .conftest import DATA

SHORT_SOURCES = DATA / "short_sources.json"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # in their own words: the news itself
        (
            "We are heartbroken by the loss of our friend and bandmate. We ask for privacy for his "
            "family at this time.",
            "statement",
        ),
        (
            "I will not run for a fourth term. Serving this valley has been the honour of my life.",
            "statement",
        ),
        ("Our thoughts are with everyone hurt in today's fire. Thank you to the crews.", "statement"),
        ("Proud of our team! Let's finish the job on Sunday.", "statement"),
        # an outlet's short brief, in the third person: never labelled
        (
            "Two people were hurt when a bus left the road near Linz on Tuesday, police said. The "
            "driver was not injured.",
            None,
        ),
        ("“We will rebuild,” the mayor told reporters after the fire destroyed the town hall.", None),
        ("The US Navy sent two ships to the strait on Friday. Talks resume next week.", None),
        ("A.I. tools will grade the exams from next year. Teachers' unions oppose the plan.", None),
        # first person, but quoting someone else, or too long to be a statement by its wording
        ("We have learned that the minister, according to two aides, will resign on Monday.", None),
        (" ".join(["I walked along the harbour wall that night and watched the boats."] * 8), None),
    ],
)
def test_statement_is_told_by_its_wording(text, kind):
    assert source_kind(text, None, "en") == kind


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://twitter.com/harbourmaster/status/1879000000000000001", "post"),
        ("https://x.com/harbourmaster/status/1879000000000000001?s=20", "post"),
        ("https://mobile.twitter.com/harbourmaster/status/1879", "post"),
        ("https://www.facebook.com/harbourferries/posts/pfbid02abc", "post"),
        ("https://www.instagram.com/p/C1a2B3c4D5e/", "post"),
        ("https://www.tiktok.com/@harbour.ferries/video/7312345678901234567", "post"),
        ("https://www.youtube.com/post/UgkxAbCdEf", "post"),
        ("https://bsky.app/profile/harbour.example.org/post/3kabc", "post"),
        ("https://x.com/harbourmaster", None),  # a profile, not a post
        ("https://www.facebook.com/harbourferries", None),
        ("https://www.youtube.com/watch?v=abc123", None),
        ("https://www.bbc.com/news/world-123", None),
        ("https://www.box.com/harbourmaster/status/1879", None),
    ],
)
def test_post_is_told_by_its_address(url, kind):
    assert source_kind("Ferries to the islands were cancelled on Sunday after the storm.", url, "en") == kind


def test_press_release_is_a_statement_and_keeps_only_its_text():
    article = article_from_text(
        "FOR IMMEDIATE RELEASE\nHarbour Ferries today announced that crossings to both islands will "
        "resume on Friday, after repairs to the north pier were finished ahead of schedule.",
        "release.txt",
    )
    assert article.kind == "statement"
    assert article.text.startswith("Harbour Ferries today announced")


def test_short_post_keeps_its_text_and_label_and_loses_its_furniture():
    article = article_from_text(
        "Embed\nI am stepping down as coach at the end of the season. Thank you all.\n"
        "Share this article\nWe use cookies to improve your experience.",
        "post.txt",
    )
    assert article.text == "I am stepping down as coach at the end of the season. Thank you all."
    assert article.kind == "statement"


def test_first_person_in_another_language_is_not_labelled():
    text = "Me siento muy orgulloso de mi equipo y de mi familia."  # "Me" is no English here
    assert article_from_text(text, "es.txt").kind is None


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")
    return read_file(folder / name, folder, None)


def test_front_matter_kind_overrides_the_rule(tmp_path):
    statement = "We are heartbroken by the loss of our friend. We ask for privacy for his family."
    assert write(tmp_path, "a.md", statement).articles[0].kind == "statement"
    assert write(tmp_path, "b.md", f"---\nkind: article\n---\n{statement}\n").articles[0].kind is None
    posted = write(tmp_path, "c.md", f"---\nkind: Post\n---\n{statement}\n")
    assert (posted.articles[0].kind, posted.warnings) == ("post", ())


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("tweet", "front matter 'kind' is 'tweet', not a kind of source: write post, statement or article"),
        ("[post]", "front matter 'kind' is a list, not text: write it as one quoted line"),
        ("x" * 50, "front matter 'kind' is 50 characters long, more than 40: shorten it"),
    ],
)
def test_front_matter_kind_is_checked(tmp_path, value, problem):
    found = write(
        tmp_path, "a.md", f"---\nkind: {value}\n---\nFerries were cancelled on Sunday, police said.\n"
    )
    (warning,) = found.warnings
    assert str(warning) == f"a.md: {problem}; ignored"
    assert found.articles[0].kind is None


def test_dev_clusters_labels_match_a_readers():
    """Every dev document the rule labels is the news itself by a reader's judgement, and no
    outlet's report is labelled (labels stored in tests/data, without the licensed text)."""
    if not DEFAULT_DATA.is_file():
        pytest.skip(f"evaluation data not found at {DEFAULT_DATA} (../shared/evaldata beside the repo)")
    stored = {(d["cluster"], d["document"]): d for d in json.loads(SHORT_SOURCES.read_text())["documents"]}
    labelled = set()
    for cluster in load_clusters():
        for number, document in enumerate(cluster.documents):
            try:
                article = article_from_text(document, f"{number}.txt")
            except ArticleError:
                continue
            label = stored.get((cluster.id, number))
            if label:
                assert label["sha1"] == hashlib.sha1(document.encode()).hexdigest()
                assert label["rule"] == article.kind, label
            if article.kind:
                labelled.add((cluster.id, number))
                assert label, (cluster.id, number)
            elif word_count(article.text) < 150:
                assert label, (cluster.id, number)  # every short document was read
    assert len(labelled) == 3
    # the readers: 2 of the 3 labelled are the news itself (both posts, labelled statement for want
    # of a URL; the third a show's promotional line); of the 3 such short documents, 2 are labelled
    itself = {key for key, d in stored.items() if d["reading"] in ("post", "statement")}
    assert (len(labelled & itself), len(itself)) == (2, 3)
    assert max(d["words"] for d in stored.values() if d["rule"]) < STATEMENT_MAX_WORDS
    assert min(d["words"] for d in stored.values() if d["reading"] == "report") > STATEMENT_MAX_WORDS


def test_kind_survives_the_cache_and_the_json_read_back(demo_briefing):
    """A cached briefing and an earlier version read back from its JSON keep each source's kind."""
    first = replace(demo_briefing.sources[0], kind="post")
    briefing = replace(demo_briefing, sources=(first, *demo_briefing.sources[1:]))
    assert from_plain(Briefing, to_plain(briefing)).sources == briefing.sources
    record = briefing_record(briefing)
    assert [s["kind"] for s in record["sources"]] == ["post"] + [None] * (len(record["sources"]) - 1)
    assert briefing_from_record(record).sources[0].kind == "post"


def test_briefing_add_writes_the_kind_of_a_saved_post(tmp_path):
    page = (
        '<html><head><title>Harbour desk on X</title><link rel="canonical" '
        'href="https://x.com/harbourdesk/status/1878000000000000001"></head><body><article>'
        "<p>Ferries to both islands run again from Friday: the north pier is repaired.</p>"
        "<p>Share this post</p></article></body></html>"
    )
    (tmp_path / "post.html").write_text(page, encoding="utf-8")
    result = add_articles([str(tmp_path / "post.html")], tmp_path / "content", story="harbour")
    (added,) = result.added
    markdown = added.path.read_text(encoding="utf-8")
    assert 'kind: "post"' in markdown and "Share this" not in markdown
    assert read_file(added.path, tmp_path / "content", None).articles[0].kind == "post"
