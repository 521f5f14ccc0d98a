"""A statement that opens with "He" or "The agency" names who it means, or is kept out of the
main account: never a guess."""

from __future__ import annotations

import pytest

from briefing.antecedents import leaning_words, read
from briefing.config import BriefingConfig
from briefing.pipeline import briefing_from_texts

from .conftest import LOCAL


def reading_of(nlp, text: str, statement_start: str):
    from briefing.merge import story_claims
    from briefing.nlp import analyse
    from briefing.sources import article_from_text

    article = article_from_text(text, "a.txt", "case")
    sentences = analyse([article], nlp)[article.id].sentences
    claims = story_claims(sentences)
    (claim,) = [u for u in claims.units if u.text.startswith(statement_start)]
    return read(claim, sentences)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("He said the men were captured.", "He"),
        ("His doctors will decide when he is fit.", "His"),
        ("The agency said both men were treated.", "The agency"),
        ("“He was brave,” she said.", None),  # a quotation stays verbatim
        ("The storm killed 12 people.", None),
        ("Zelensky said the men were captured.", None),
        ("Our soldiers have captured two men.", "Our"),  # a post's words, not the briefing's
        ("We will exchange them.", "We"),
    ],
)
def test_the_words_that_lean_on_another_sentence(text, words):
    assert leaning_words(text) == words


def test_he_is_the_one_person_the_sentence_before_is_about(nlp):
    text = (
        "Volodymyr Zelensky visited the front line near the city on Monday morning.\n\n"
        "He said the two captured soldiers would be questioned by investigators in Kyiv."
    )
    reading = reading_of(nlp, text, "He said")
    assert reading.leans and reading.referent is not None
    assert reading.referent.name == "Zelensky" and (reading.referent.start, reading.referent.end) == (0, 2)


@pytest.mark.parametrize(
    "before",
    [
        # two people: "he" may be either
        "Judge Robert Brady ordered John McCullough freed from prison on Friday afternoon.",
        # a person spoken of by a noun: "he" may be the manager
        "The store manager told Lieutenant Paul Corina about the smell in the building on Saturday.",
        # no one named
        "The storm knocked out power to thousands of homes across the county on Monday.",
    ],
)
def test_no_referent_is_guessed(nlp, before):
    reading = reading_of(nlp, before + "\n\nHe said the damage would be repaired within a week.", "He said")
    assert reading.leans and reading.referent is None and not reading.stands_alone


def test_it_is_named_only_when_it_speaks(nlp):
    text = "Acme Corp closed its factory in Ohio on Monday.\n\nIt is thought that the workers will move."
    assert reading_of(nlp, text, "It is thought").referent is None


def test_a_statement_that_leans_stays_out_of_the_main_account(nlp):
    texts = [
        "Judge Robert Brady ordered John McCullough freed from prison on Friday afternoon in Sycamore.\n\n"
        "He said the evidence of the old murder case did not hold up in the court in Sycamore.",
        "John McCullough was freed from prison on Friday afternoon in Sycamore by Judge Robert Brady.",
    ]
    briefing, _ = briefing_from_texts(texts, BriefingConfig(), "case", analyser=LOCAL)
    assert any(leaning_words(f.text) for f in briefing.facts)
    for fact in briefing.facts:
        if leaning_words(fact.text) and fact.referent is None:
            assert fact.section == "detail", fact.text


def test_a_post_in_the_first_person_never_speaks_in_the_briefings_voice(nlp, demo_articles, demo_analyses):
    from dataclasses import replace

    from briefing.models import Story
    from briefing.nlp import analyse
    from briefing.pipeline import make_briefing
    from briefing.sources import article_from_text

    post = article_from_text(
        "Our soldiers have captured two North Korean military servicemen in the Kursk region. Both are "
        "wounded and have been brought to Kyiv, where they are talking to the Security Service of Ukraine.",
        "post.md",
        "ukraine-north-korean-prisoners",
    )
    post = replace(post, url="https://x.com/ZelenskyyUa/status/1878000000000000000", kind="post")
    analyses = {**demo_analyses, **analyse([post], nlp)}
    story = Story("ukraine-north-korean-prisoners", (*demo_articles, post))
    briefing = make_briefing(story, analyses, BriefingConfig())
    assert briefing.lede[0].text.startswith("Ukraine said it captured two North Korean soldiers")
    for fact in briefing.facts:
        if fact.text.startswith("Our soldiers"):
            assert fact.section == "detail"
