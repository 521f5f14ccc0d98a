"""Language detection: plain English is told at once, anything else still goes to py3langid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.errors import ArticleError
from briefing.sources import article_from_text
from briefing.sources import language as sources_language
from briefing.sources.language import (
    LANGUAGE_MIN_WORDS,
    _language_identifier,
    detect_language,
    detected_language,
    plainly_english,
)

LANGUAGES = Path(__file__).resolve().parent / "languages"  # a few sentences of news in each language
FOREIGN = sorted(LANGUAGES.glob("*.txt"))
ENGLISH = (
    "Ukraine said on Saturday that it had captured two North Korean soldiers in Russia's Kursk region "
    "and brought them to Kyiv, where they were being questioned by the security service, which said "
    "that one of them had no documents at all."
)


def test_plain_english_is_told_without_loading_py3langid():
    _language_identifier.cache_clear()
    article = article_from_text(ENGLISH, "a.txt")
    assert article.language == "en"
    assert _language_identifier.cache_info().currsize == 0


@pytest.mark.parametrize("path", FOREIGN, ids=[p.stem for p in FOREIGN])
def test_foreign_news_is_never_taken_for_english(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    language = path.stem.split("-")[0]  # de.txt, de-quoting-english.txt
    assert not plainly_english(text)
    asked = []
    monkeypatch.setattr(sources_language, "detect_language", lambda t: asked.append(t) or detect_language(t))
    assert detected_language(text) == language
    assert asked == [text]  # py3langid decided


def test_too_little_text_is_left_to_the_usual_rule():
    assert not plainly_english("The harbour was closed on Sunday after a storm.")
    assert detected_language("The harbour was closed on Sunday after a storm.") is None


def test_every_english_dev_article_takes_the_fast_path_and_py3langid_agrees():
    from briefing.evaluation.data import DEFAULT_DATA

    if not DEFAULT_DATA.is_file():
        pytest.skip(f"evaluation data not found at {DEFAULT_DATA}")
    texts = []
    with DEFAULT_DATA.open(encoding="utf-8") as handle:
        for line in handle:
            for number, document in enumerate(json.loads(line)["documents"]):
                try:
                    texts.append(article_from_text(document["text"], f"doc{number}.txt").text)
                except ArticleError:
                    continue  # crawl leftovers with no text
    long_enough = [t for t in texts if len(t[:5000].split()) >= LANGUAGE_MIN_WORDS]
    assert len(long_enough) > 200
    for text in long_enough:
        found = detect_language(text)
        assert found is not None and found[0] == "en", text[:80]
        assert plainly_english(text), text[:80]
