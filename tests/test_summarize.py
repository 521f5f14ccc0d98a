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


def test_lsa_is_repeatable_across_hash_seeds():
    import os
    import subprocess
    import sys

    script = (
        "from pathlib import Path\n"
        "from briefing.analysers import LocalAnalyser\n"
        "from briefing.config import BriefingConfig\n"
        "from briefing.pipeline import analyse_articles, load_articles\n"
        "from briefing.summarize import make_summarizer, summarize\n"
        "articles, _ = load_articles(Path('content'))\n"
        "local = LocalAnalyser(BriefingConfig().models)\n"
        "analyses, _ = analyse_articles(articles, BriefingConfig(), None, local)\n"
        "print([summarize(analyses[a.id].sentences, 3, make_summarizer('lsa')) for a in articles])\n"
    )
    from .conftest import ROOT

    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1
