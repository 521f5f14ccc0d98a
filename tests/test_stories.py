"""Grouping articles into stories, and measuring the grouping."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from briefing.evaluation.grouping import GroupingScore, b_cubed, format_grouping, grouping_eval
from briefing.nlp import analyse
from briefing.sources import read_file
from briefing.stories import group_stories

from .conftest import DATA, DEMO_STORY


@pytest.fixture(scope="module")
def harbour_articles():
    """Four articles about a storm in a harbour: a saved page, two RSS entries, an Atom entry."""
    articles = [*read_file(DATA / "saved-page.html", DATA, None).articles]
    articles += read_file(DATA / "harbour.rss", DATA, None).articles
    articles += read_file(DATA / "harbour.atom", DATA, None).articles
    return articles


@pytest.fixture(scope="module")
def harbour_analyses(harbour_articles, nlp):
    return analyse(harbour_articles, nlp)


def test_loose_demo_articles_are_one_story(demo_articles, demo_analyses):
    loose = [replace(a, story="") for a in demo_articles]
    (story,) = group_stories(loose, demo_analyses)
    assert len(story.articles) == 5
    assert story.slug == "ukraine-says-it-captured-two-north-korean-soldiers-fighting-in-russia"


def test_two_events_loose_in_one_folder_are_never_merged(
    demo_articles, demo_analyses, harbour_articles, harbour_analyses
):
    loose = [replace(a, story="") for a in demo_articles] + harbour_articles
    stories = group_stories(loose, {**demo_analyses, **harbour_analyses})
    groups = sorted(sorted(a.id for a in s.articles) for s in stories)
    assert groups == sorted([sorted(a.id for a in demo_articles), sorted(a.id for a in harbour_articles)])


def test_named_story_keeps_its_articles(demo_articles, demo_analyses, harbour_articles, harbour_analyses):
    stories = group_stories([*demo_articles, *harbour_articles], {**demo_analyses, **harbour_analyses})
    by_slug = {s.slug: s for s in stories}
    assert len(by_slug[DEMO_STORY].articles) == 5
    assert len(stories) == 2


@pytest.mark.parametrize(
    ("predicted", "scores"),
    [
        ({"a": 1, "b": 1, "c": 2, "d": 2}, (1.0, 1.0, 1.0)),
        ({"a": 1, "b": 1, "c": 1, "d": 1}, (0.5, 1.0, 2 / 3)),
        ({"a": 1, "b": 2, "c": 3, "d": 4}, (1.0, 0.5, 2 / 3)),
    ],
)
def test_b_cubed(predicted, scores):
    truth = {"a": "x", "b": "x", "c": "y", "d": "y"}
    assert b_cubed(predicted, truth) == pytest.approx(scores)


def test_grouping_eval_on_clusters_written_here(tmp_path, demo_articles, harbour_articles, shared_cache):
    data = tmp_path / "clusters.jsonl"
    with data.open("w", encoding="utf-8") as lines:
        for name, articles in (("demo", demo_articles), ("harbour", harbour_articles)):
            record = {"id": name, "documents": [{"text": a.text} for a in articles], "summaries": ["-"]}
            lines.write(json.dumps(record) + "\n")
    score = grouping_eval(data, cache_root=shared_cache)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
    assert (score.articles, score.clusters, score.stories, score.skipped) == (9, 2, 2, 0)
    assert not any(tmp_path.glob("*.txt"))  # the articles went to a temporary folder


def test_grouping_eval_on_the_evaluation_data(shared_cache):
    from briefing.evaluation.data import DEFAULT_DATA

    if not DEFAULT_DATA.is_file():
        pytest.skip(f"evaluation data not found at {DEFAULT_DATA}")
    score = grouping_eval(limit=6, cache_root=shared_cache)
    assert score.clusters == 6 and score.f1 >= 0.9


def test_format_grouping():
    table = format_grouping(GroupingScore(0.9631, 0.9049, 0.9331, 226, 89, 101, 17))
    lines = table.splitlines()
    assert lines[0].split(" | ") == [
        "grouping",
        "B3 precision",
        "B3 recall",
        "B3 F1",
        "articles",
        "clusters",
        "stories",
    ]
    assert [cell.strip() for cell in lines[2].split(" | ")] == [
        "briefing",
        "0.963",
        "0.905",
        "0.933",
        "226",
        "89",
        "101",
    ]
    assert "17 documents left out" in lines[3]


def test_a_source_with_no_known_outlet_is_named_by_its_credit_or_its_place():
    from briefing.models import SourceArticle
    from briefing.stories import name_sources

    def article(n, outlet=None, author=None):
        return SourceArticle(
            f"{n}", f"story/{n:03}_deadbeef.md", "story", "text", outlet=outlet, author=author
        )

    named = name_sources(
        [
            article(0),
            article(1, author="Reuters, PAP"),
            article(2, outlet="The Times"),
            article(3, author="AP"),
            article(4, author="AP"),
        ]
    )
    assert [a.label for a in named] == ["Source 1", "Reuters, PAP", "The Times", "Source 4", "Source 5"]
    assert all("deadbeef" not in a.label for a in named)
    assert named[0].file_name == "000_deadbeef"
