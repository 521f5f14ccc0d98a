from __future__ import annotations

from dataclasses import replace

import pytest

from briefing.claims import how_many, split_claims, whether
from briefing.entities import learn_lexicon


@pytest.fixture(scope="module")
def demo(demo_articles, demo_analyses):
    sentences = [s for a in demo_articles for s in demo_analyses[a.id].sentences]
    return sentences, learn_lexicon(sentences)


def claims_of(demo, words):
    sentences, lexicon = demo
    sentence = next(s for s in sentences if words in s.text)
    return sentence, split_claims(sentence, lexicon)


def test_bundled_sentence_is_split_keeping_the_attribution(demo):
    _, claims = claims_of(demo, "one of the captured soldiers had no documents at all, while the other")
    assert [c.text for c in claims] == [
        "The Ukrainian SBU said in a statement that one of the captured soldiers had no documents at all.",
        "The Ukrainian SBU said in a statement … the other had a Russian military ID card bearing the name "
        "of a Russian from Russia, which borders Mongolia.",
    ]
    assert claims[0].negated and claims[0].focus == {"document"}
    assert not claims[1].negated


def test_a_reported_verb_sharing_the_subject_is_a_claim_of_its_own(demo):
    _, claims = claims_of(demo, "He told investigators he had served in the North Korean military")
    assert [c.text for c in claims] == [
        "He told investigators he had served in the North Korean military.",
        "He told investigators … believed he was being sent to Russia for training, not combat.",
    ]
    _, claims = claims_of(demo, "Zelensky stated that the prisoners were wounded but survived")
    assert claims[0].text == "Zelensky stated that the prisoners were wounded."
    # alternatives ("killed or wounded") and a verb too short to say anything alone stay joined
    _, (claim,) = claims_of(demo, "about 200 North Korean soldiers fighting alongside Russian troops")
    assert "killed or wounded" in claim.text
    _, (died,) = claims_of(demo, "While Ukraine previously claimed to have captured")
    assert "injured and died" in died.text


def test_a_quotation_is_never_cut(nlp):
    from briefing.nlp import analyse
    from briefing.sources import article_from_text

    text = (
        'The commander said: "We captured two soldiers near the river '
        'and brought them to Kyiv for questioning by investigators."'
    )
    article = article_from_text(text, "quote.txt", "quote")
    (sentence,) = analyse([article], nlp)[article.id].sentences
    assert [c.text for c in split_claims(sentence, learn_lexicon([sentence]))] == [sentence.text]


def test_each_part_counts_its_own_figures(demo):
    _, (dead, wounded) = claims_of(demo, "at least 100 North Korean soldiers have died")
    assert dead.counts == (("soldier", "die", "100"),)
    assert wounded.counts == (("wound", "wound", "1000"),)
    assert wounded.text.startswith("According to NIS data …")


def test_a_single_claim_is_the_whole_sentence(demo):
    sentence, claims = claims_of(demo, "The agency said the two were provided with medical care")
    assert [c.text for c in claims] == [sentence.text]


def test_denial_and_its_focus(demo):
    _, (claim,) = claims_of(demo, "Ukraine has provided no evidence")
    assert claim.negated and claim.focus == {"evidence"}
    _, (claim,) = claims_of(demo, "Ukraine has shared the first evidence")
    assert not claim.negated and "evidence" in claim.asserted


def test_a_denial_inside_a_clause_and_each_thing_it_denies(demo):
    """ "… the prisoners do not speak Ukrainian, English or Russian, so communication …, the
    statement said" is no denial of the whole claim, but it denies all three languages; a
    denial of the claim itself denies each of its conjoined objects."""
    _, (bundled,) = claims_of(demo, "so communication with them is conducted through Korean translators")
    assert not bundled.negated
    assert {"ukraine", "english", "russia"} <= bundled.denials
    _, (claim,) = claims_of(demo, "the soldiers do not speak English, Ukrainian, or Russian")
    assert claim.negated and claim.focus == {"english", "ukraine", "russia"}


def test_one_that_picks_someone_out_is_no_figure(demo):
    _, (claim,) = claims_of(demo, "One soldier, born in 1999")
    assert claim.numbers == {"1999", "2016"}
    _, (killed, *_) = claims_of(demo, "one person had been killed")
    assert "1" in killed.numbers


def test_claims_only_trim_their_sentence(demo):
    sentences, lexicon = demo
    for sentence in sentences:
        for claim in split_claims(sentence, lexicon):
            for piece in claim.text.split(" … "):
                assert piece.strip(".")[1:] in sentence.text


def test_percentages_are_no_counts(nlp):
    """What a percentage measures is seldom the word it counts ("53 percent versus 48 percent"):
    two percentages of a story are not compared as counts of one thing."""
    from briefing.nlp import analyse
    from briefing.sources import article_from_text

    text = (
        "Radiation therapy was more likely to be used with younger patients; 53 percent versus 48 percent. "
        "About 200 soldiers were killed in the fighting."
    )
    article = article_from_text(text, "study.txt", "study")
    sentences = analyse([article], nlp)[article.id].sentences
    lexicon = learn_lexicon(sentences)
    percent, soldiers = (split_claims(s, lexicon)[0] for s in sentences)
    assert percent.counts == () and {"53", "48"} <= percent.numbers
    assert soldiers.counts == (("soldier", "die", "200"),)


def test_a_denial_is_asked_as_a_question_in_its_own_words(demo):
    _, (claim,) = claims_of(demo, "But Ukraine has not provided any evidence")
    assert whether(claim) == "Has Ukraine provided evidence that the men are North Korean?"
    _, (claim, *_) = claims_of(demo, "It is not the first time that Kyiv has claimed")
    # the phrase that ends a long question is left out
    assert (
        whether(claim) == "Is it the first time that Kyiv has claimed the capture of North Korean soldiers?"
    )
    _, (claim,) = claims_of(demo, "Ukraine has shared the first evidence")
    assert whether(claim) is None


def test_a_contracted_denial_keeps_its_spacing(nlp):
    from briefing.nlp import analyse
    from briefing.sources import article_from_text

    article = article_from_text("The ministry hasn't confirmed the deaths of 40 sailors.", "navy.txt", "navy")
    (sentence,) = analyse([article], nlp)[article.id].sentences
    (claim,) = split_claims(sentence, learn_lexicon([sentence]))
    assert whether(claim) == "Has the ministry confirmed the deaths of 40 sailors?"


def test_a_count_is_asked_as_how_many(demo):
    _, (claim,) = claims_of(demo, "about 200 North Korean soldiers")
    (thing, did, _), *_ = claim.counts
    assert how_many(claim, thing, did) == "How many North Korean soldiers had been killed or wounded?"
    _, (_, wounded) = claims_of(demo, "at least 100 North Korean soldiers have died")
    assert how_many(wounded, "wound", "wound") == "How many have been wounded?"


def test_a_weekday_is_dated_from_the_article_and_compared_by_what_happened_on_it(nlp):
    """ "One on Thursday" in an article of Saturday 11 January is "January 9"; dates of one
    happening that differ set two claims apart, dates of different happenings do not."""
    from briefing.nlp import analyse
    from briefing.sources import article_from_text
    from briefing.stating import compatible, supports

    texts = {
        "dated.txt": "The SBU said the men were captured separately — one on Thursday — by special forces.",
        "plain.txt": "One of the soldiers was captured on January 9 by Ukrainian special forces.",
        "other.txt": "One of the soldiers was captured on Sunday by Ukrainian special forces.",
        "later.txt": "The agency confirmed on Sunday that one of the soldiers was captured.",
    }
    articles = [article_from_text(t, name, "capture") for name, t in texts.items()]
    articles[0] = replace(articles[0], published="2025-01-11")
    analyses = analyse(articles, nlp)
    sentences = [analyses[a.id].sentences[0] for a in articles]
    lexicon = learn_lexicon(sentences)
    dated, plain, other, later = (
        split_claims(s, lexicon, a.published, "2025-01-11")[0]
        for s, a in zip(sentences, articles, strict=True)
    )
    assert ("capture", "01-09") in dated.days and ("capture", "thursday") in dated.days
    assert ("capture", "thursday") in plain.days  # 9 January 2025 was a Thursday
    assert "9" not in plain.numbers  # a day of the month is a date, not a figure
    assert supports(dated, plain) and supports(plain, dated)
    assert not compatible(plain, other) and not compatible(dated, other)
    assert compatible(plain, later)  # Sunday is when it was confirmed, not when it happened


def test_the_details_a_claim_adds_are_names_list_names_and_reasons(nlp):
    """Places, names and reasons are details an outlet may leave out; who said it, how and when
    are not."""
    from briefing.claims import qualifiers
    from briefing.nlp import analyse
    from briefing.sources import article_from_text

    text = (
        "The ferry sank near Cape Wrath on Sunday because its engine failed, the coast guard said in "
        "a statement. Two climbers were rescued from a ledge on Sunday, according to the county "
        "sheriff Ann Lee. The crew spoke French, Dutch and English, the captain wrote in a post on X."
    )
    article = article_from_text(text, "details.txt", "details")
    sentences = analyse([article], nlp)[article.id].sentences
    lexicon = learn_lexicon(sentences)
    found = []
    for sentence in sentences:
        (unit,) = split_claims(sentence, lexicon)
        found.append([" ".join(sentence.tokens[i].text for i in phrase) for phrase in qualifiers(unit)])
    assert found == [["near Cape Wrath", "because its engine failed"], [], ["French", "Dutch", "English"]]
