from __future__ import annotations

from dataclasses import replace

import pytest

from briefing.config import BriefingConfig
from briefing.pipeline import analyse_articles

from .conftest import LOCAL


def test_second_analysis_comes_from_the_cache(demo_articles, demo_analyses, tmp_path):
    config = BriefingConfig()
    first, analysed = analyse_articles(demo_articles, config, tmp_path, LOCAL)
    assert analysed == 5
    again, analysed = analyse_articles(demo_articles, config, tmp_path, LOCAL)
    assert analysed == 0
    assert again == first == demo_analyses


def test_changed_article_is_analysed_again(demo_articles, tmp_path):
    config = BriefingConfig()
    analyse_articles(demo_articles, config, tmp_path, LOCAL)
    first = demo_articles[0]
    changed = replace(first, text=first.text + "\n\nA new paragraph was added today.")
    _, analysed = analyse_articles([changed, *demo_articles[1:]], config, tmp_path, LOCAL)
    assert analysed == 1


def test_an_article_with_headings_and_items_reads_back_from_its_record():
    import json

    from briefing.codec import from_plain, to_plain
    from briefing.models import SourceArticle

    article = SourceArticle(
        "a", "a.md", "", "One.\n\nTwo.\n\nThree.", headings=((1, "What followed"),), items=(1, 2), kind="post"
    )
    assert from_plain(SourceArticle, json.loads(json.dumps(to_plain(article)))) == article
    record = to_plain(article) | {"headings": [[1, "What followed", "extra"]]}
    with pytest.raises(ValueError, match="expected 2 values, found 3"):
        from_plain(SourceArticle, record)
