from __future__ import annotations

import pytest

from briefing.summarize import make_summarizer, summarize


@pytest.mark.parametrize("name", ["lexrank", "textrank", "lsa"])
@pytest.mark.parametrize("count", [1, 3])
def test_summary_is_indices_in_document_order(demo_articles, demo_analyses, name, count):
    for article in demo_articles:
        sentences = demo_analyses[article.id].sentences
        chosen = summarize(sentences, count, make_summarizer(name))
        assert len(chosen) == count
        assert list(chosen) == sorted(set(chosen))
        assert all(0 <= i < len(sentences) for i in chosen)


def test_short_article_is_its_own_summary(demo_analyses):
    sentences = next(iter(demo_analyses.values())).sentences[:2]
    assert summarize(sentences, 3, make_summarizer("lexrank")) == (0, 1)


def test_unknown_summarizer():
    with pytest.raises(ValueError, match="unknown summarizer"):
        make_summarizer("gpt")
