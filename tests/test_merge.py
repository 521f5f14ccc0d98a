from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import BriefingError
from briefing.evaluation.attribution import _shown, load_furniture, load_gold, score_attribution

from .conftest import DATA, DEMO_JUNK


def outlet(briefing, source_id):
    return briefing.source(source_id).path.rsplit("/", 1)[-1][:3]


def outlets(briefing, fact_or_claim):
    return sorted(outlet(briefing, s) for s in fact_or_claim.sources)


def claims_of(nlp, texts):
    """The claims of a story made of some texts (file name → text), compared and merged."""
    from briefing.merge import story_claims
    from briefing.nlp import analyse
    from briefing.sources import article_from_text

    articles = [article_from_text(text, name, "case") for name, text in texts.items()]
    analyses = analyse(articles, nlp)
    return story_claims([s for a in articles for s in analyses[a.id].sentences])


def facts_citing(briefing, stem, words):
    """Facts whose evidence includes the sentence of outlet ``stem`` holding all ``words``."""
    return [
        f
        for f in briefing.facts
        if any(outlet(briefing, e.source) == stem and all(w in e.text for w in words) for e in f.evidence)
    ]


def test_a_paraphrase_states_a_claim_a_sentence_about_something_else_does_not(demo_briefing):
    """ "brought them to Kiev, where investigators are questioning them" is stated by "transported
    to Kyiv for medical treatment and questioning" (001), not by "transferred to Kyiv, where they
    are receiving medical care" (003): the same place, another claim."""
    (kyiv,) = [f for f in demo_briefing.facts if "where investigators are questioning them" in f.text]
    assert {"000", "001"} <= set(outlets(demo_briefing, kyiv))
    assert "003" not in outlets(demo_briefing, kyiv)


def test_a_denial_is_stated_by_the_same_denial_within_a_longer_sentence(demo_briefing):
    """001 says only that the soldiers do not speak English, Ukrainian or Russian; 003 says it
    in a clause of a sentence about the interrogation, where "do not speak" is not the main
    verb: both state it."""
    (language, *_) = facts_citing(demo_briefing, "001", ["do not speak English"])
    assert {"001", "003"} <= set(outlets(demo_briefing, language))


def test_who_says_it_is_a_detail_of_the_outlets_that_name_them(demo_briefing):
    """Four outlets say one soldier believed he was going to Russia for training; 003 ("One
    soldier admitted that he believed he was being sent for training") names neither the SBU
    nor Russia: it is credited with the claim, not with either."""
    (training,) = [
        f
        for f in demo_briefing.facts
        if f.text.startswith("According to the SBU, one of the soldiers claimed")
    ]
    assert outlets(demo_briefing, training) == ["000", "002", "003", "004"]
    details = {training.text[d.start : d.end]: outlets(demo_briefing, d) for d in training.details}
    assert details == {"According to the SBU": ["000", "002", "004"], "to Russia": ["000", "002", "004"]}


def test_a_place_left_out_by_one_outlet_is_a_detail_of_the_others(nlp):
    """The fact is credited to all three outlets; "on Mount Hood" to the two that name it. Where
    and how the sheriff said it is no detail of the rescue."""
    texts = {
        "a.txt": "Firefighters rescued two climbers from a ledge on Mount Hood on Sunday after a storm.",
        "b.txt": "Two climbers were rescued by firefighters from a ledge on Mount Hood on Sunday, "
        "the county sheriff said in a post on Facebook.",
        "c.txt": "Firefighters rescued two climbers from a narrow ledge on Sunday, the sheriff said.",
    }
    claims = claims_of(nlp, texts)
    (group,) = [g for g in claims.groups if len(claims.sources(g)) == 3]
    shown = claims.shown(group).text
    details = {shown[d.start : d.end]: sorted(s[0] for s in d.sources) for d in claims.details(group)}
    assert details == {"on Mount Hood": ["a", "b"]}


def test_each_reported_verb_is_a_statement_of_its_own(demo_briefing):
    """ "Zelensky stated that the prisoners were wounded but survived and have been transferred to
    Kyiv, …" makes two statements, each shown after the attribution that governs it."""
    texts = [f.text for f in demo_briefing.facts if f.text.startswith("Zelensky stated")]
    assert "Zelensky stated that the prisoners were wounded." in texts
    assert any(t.startswith("Zelensky stated … survived") for t in texts)


def test_a_quotation_is_credited_only_to_outlets_that_quote_the_same_words(demo_briefing):
    """002 and 004 both quote Zelensky's post, in two translations ("survived, were taken to
    Kyiv, and are communicating …" against "survived and were brought to Kyiv"): neither is
    credited with the other's quotation."""
    (quote, *_) = [f for f in demo_briefing.facts if "although wounded, survived, were taken" in f.text]
    assert outlets(demo_briefing, quote) == ["002"]


def test_a_widely_stated_claim_is_shown_in_words_that_read_on_their_own(demo_briefing):
    """Four outlets say the second soldier carried a Russian military ID in the name of a man
    from Tuva; among the claims stated as widely, a fragment of one outlet ("The other is …")
    is not the one kept, so the fact reaches the page with all four outlets."""
    tuva = facts_citing(demo_briefing, "002", ["man from Tuva"])
    assert tuva and all(len(f.text.split()) >= 6 for f in tuva)
    assert any(outlets(demo_briefing, f) == ["000", "001", "002", "004"] for f in tuva)


def test_a_fragment_too_short_to_show_hides_no_fact(demo_briefing):
    """ "The other is reported to have a fractured leg" cannot be shown on its own; the broken
    leg still reaches the page, in an outlet's full sentence."""
    assert any("broken leg" in f.text or "fractured leg" in f.text for f in demo_briefing.facts)


def test_different_claims_about_the_same_people_stay_apart(demo_briefing):
    for fact in facts_citing(demo_briefing, "001", ["born in 1999"]):
        assert not any("born in 2005" in e.text and "1999" not in e.text for e in fact.evidence)


def test_one_of_a_group_is_who_a_claim_is_about_not_a_figure_it_gives(nlp):
    """ "One soldier, born in 1999, has been serving … since 2016" gives the figures 1999 and
    2016, not "1": an outlet that gives both years states it."""
    texts = {
        "a.txt": "One soldier, born in 1999, has been serving as a sniper in the army since 2016.",
        "b.txt": "The first soldier, born in 1999, has been serving as a sniper in the army since 2016.",
    }
    claims = claims_of(nlp, texts)
    (unit,) = [u for u in claims.units if u.article_id.startswith("a")]
    assert unit.numbers == {"1999", "2016"}
    assert any(len(claims.sources(g)) == 2 for g in claims.groups)


def test_a_fact_cites_each_outlet_once_with_its_exact_sentence(demo_briefing, demo_articles):
    text_of = {a.id: a.text for a in demo_articles}
    for fact in demo_briefing.facts:
        assert len(fact.sources) == len({e.source for e in fact.evidence})
        for evidence in fact.evidence:
            assert text_of[evidence.source][evidence.start : evidence.end] == evidence.text


def test_shown_wording_is_trimmed_from_a_cited_sentence_never_extended(demo_briefing):
    for fact in demo_briefing.facts:
        pieces = [p.strip(" .") for p in fact.text.split(" … ")]
        assert any(all(p[1:] in e.text for p in pieces) for e in fact.evidence), fact.text


def test_casualty_figures_and_evidence_claims_are_shown_as_disagreements(demo_briefing):
    def conflict_with(words):
        for conflict in demo_briefing.conflicts:
            texts = [c.text for c in conflict.sides]
            if all(any(w in t for t in texts) for w in words):
                return conflict
        raise AssertionError(f"no disagreement between {words}")

    casualties = conflict_with(["about 200", "at least 100"])
    assert [outlets(demo_briefing, c) for c in casualties.sides] == [["000", "002"], ["003"]]
    # the heading asks what the outlets answer differently, in an article's words
    assert casualties.topic == "How many North Korean soldiers had been killed or wounded?"
    evidence = conflict_with(["evidence", "first evidence"])
    assert evidence.topic.startswith("Has Ukraine provided evidence that the ")
    assert any(c.text.startswith(("Ukraine has provided no", "But Ukraine has not")) for c in evidence.sides)
    # the outlets that deny it are not counted among those that "shared the first evidence"
    assert sorted(outlets(demo_briefing, c) for c in evidence.sides) == [["000", "004"], ["001"]]
    facts = {f.id: f for f in demo_briefing.facts}
    for conflict in demo_briefing.conflicts:
        # each side is shown with its own outlets and sentences; neither is in the lede
        for claim in conflict.sides:
            evidence = facts[claim.fact].evidence if claim.fact else claim.evidence
            assert {e.source for e in evidence} == set(claim.sources)
            assert claim.fact is None or facts[claim.fact].section == "conflict"
        # and no outlet stands on both sides
        first, second = (set(c.sources) for c in conflict.sides)
        assert not first & second, conflict.topic


def test_a_denial_disputes_only_a_claim_about_the_same_subject(demo_briefing):
    """ "One soldier had no documents" is no answer to "he received the document", nor "it is
    not the first time Kyiv claimed a capture" to "the first time they could question"."""
    for conflict in demo_briefing.conflicts:
        texts = " / ".join(c.text for c in conflict.sides)
        assert not ("no documents at all" in texts and "received the document" in texts), texts
        assert not ("opportunity to question" in texts and "claimed the capture" in texts), texts


def test_a_rounded_figure_is_no_disagreement(nlp):
    """ "Almost $1 million" is "$964,502" rounded; "150 soldiers" is no rounding of "about 200"."""
    texts = {
        "a.txt": "The company said it had offered the former engineer almost $1 million to settle the "
        "lawsuit. About 200 soldiers were killed in the fighting near the river.",
        "b.txt": "Court records show the company offered the former engineer $964,502 to settle the "
        "lawsuit. Officials said 150 soldiers were killed in the fighting near the river.",
    }
    claims = claims_of(nlp, texts)
    disputed = [
        " / ".join(claims.shown(claims.groups[g]).text for g in pair[:2]) for pair in claims.conflicts
    ]
    assert len(disputed) == 1 and "150 soldiers" in disputed[0] and "200 soldiers" in disputed[0]


def test_a_denial_answers_what_is_said_of_a_subject_not_the_subject(nlp):
    """ "Had no authority to move the truck" is no answer to "Authorities released a video", but
    it is to "had the authority to move the truck"."""
    said = "the driver had {} authority to move the truck from the depot on Monday."
    texts = {
        "video.txt": "Authorities released a security video of the driver moving the truck from the depot "
        "on Monday.",
        "denial.txt": "His lawyer says " + said.format("no"),
        "claim.txt": "The company says " + said.format("the"),
    }
    for others in (["video.txt"], ["video.txt", "claim.txt"]):
        claims = claims_of(nlp, {name: texts[name] for name in ["denial.txt", *others]})
        disputed = [{claims.shown(claims.groups[g]).text for g in pair[:2]} for pair in claims.conflicts]
        assert all(not any(text.startswith("Authorities") for text in pair) for pair in disputed)
        assert len(disputed) == len(others) - 1


def test_a_disagreement_is_not_folded_into_a_statement_that_agrees_with_one_side(
    demo_articles, demo_analyses
):
    """The "first evidence" claim is close to the widely reported capture; it stays apart."""
    from briefing.merge import story_claims

    sentences = [s for a in demo_articles for s in demo_analyses[a.id].sentences]
    claims = story_claims(sentences)
    disputed = {claims.shown(claims.groups[g]).text for pair in claims.conflicts for g in pair[:2]}
    assert any(text.startswith("Ukraine has shared the first evidence") for text in disputed)


def test_single_source_facts_are_labelled(demo_briefing):
    singles = [f for f in demo_briefing.facts if f.section == "single"]
    assert singles and all(len(f.sources) == 1 for f in singles)
    assert all(len(f.sources) >= 2 for f in demo_briefing.facts if f.section == "key")


def test_one_wire_copy_counts_as_one_origin(demo_briefing):
    # 000 and 002 both run the AP copy of the SBU statement
    (training, *_) = facts_citing(demo_briefing, "002", ["going to Russia for training"])
    assert {"000", "002"} <= set(outlets(demo_briefing, training))
    assert training.origins == len(training.sources) - 1


def test_other_front_line_is_not_in_the_lede_or_key_facts(demo_briefing):
    for fact in demo_briefing.facts:
        if fact.section in {"lede", "key", "single"}:
            for place in ("Kurakhove", "Pokrovsk", "Zaporizhzhia", "Donetsk"):
                assert place not in fact.text


def test_no_junk_in_facts_or_summaries(demo_briefing):
    texts = [f.text for f in demo_briefing.facts] + [
        s.text for ss in demo_briefing.summaries.values() for s in ss
    ]
    for junk in DEMO_JUNK:
        assert not any(junk in t for t in texts), junk


def test_lede_comes_first_is_widely_reported_and_not_redundant(demo_briefing):
    lede = demo_briefing.lede
    assert 3 <= len(lede) <= 5
    assert list(demo_briefing.facts[: len(lede)]) == list(lede)
    # the statements most outlets make come first: none of the main account is more widely made
    main = [f for f in demo_briefing.facts if f.section in ("key", "single")]
    assert 2 * max(len(f.sources) for f in lede) >= len(demo_briefing.sources)
    assert min(len(f.sources) for f in lede) >= 2
    assert max(len(f.sources) for f in main) <= max(len(f.sources) for f in lede)
    assert [f.id for f in demo_briefing.facts] == [f"f{i}" for i in range(1, len(demo_briefing.facts) + 1)]
    order = ["lede", "main", "conflict", "detail"]
    sections = [
        order.index("main" if f.section in ("key", "single") else f.section) for f in demo_briefing.facts
    ]
    assert sections == sorted(sections)


@pytest.fixture(scope="module")
def attribution(demo_briefing, demo_analyses):
    return score_attribution(
        demo_briefing, demo_analyses, load_gold(Path(DATA / "demo_gold.json")), DEMO_JUNK
    )


def test_attribution_against_the_gold_reading(attribution):
    # floors just under what the merge achieves today: a regression fails here. An outlet is
    # credited only where its sentence states the claim, so the gold's paraphrases are missed
    # (recall) far more often than a credit is false (precision).
    assert attribution.found_share >= 0.85
    assert attribution.exact_share >= 0.25
    assert attribution.link_precision >= 0.98 and attribution.link_recall >= 0.5
    assert attribution.conflicts_found == attribution.gold_conflicts
    assert attribution.junk_facts == 0
    # the gold's paragraph about another front line is no fact of this story
    assert attribution.off_topic >= 1 and attribution.off_topic_stated == 0


def test_the_furniture_file_is_read_or_named(tmp_path):
    assert "Newsletter" in load_furniture(DATA / "demo_furniture.json")
    with pytest.raises(BriefingError, match=r"nowhere\.json: furniture file not found"):
        load_furniture(tmp_path / "nowhere.json")


def test_a_gold_fact_is_found_only_by_a_statement_worded_from_its_quote(demo_briefing, demo_analyses):
    """Citing a sentence is not stating what it says: a sentence the briefing only cites as
    another outlet's support finds no gold fact; the sentence a statement shows does."""
    gold = load_gold(Path(DATA / "demo_gold.json"))
    names = {a.id: a.path.rsplit("/", 1)[-1] for a in demo_briefing.sources}
    keys = {name: key for key, name in gold["outlets"].items()}
    same = {a.id: a.id for a in demo_briefing.sources}
    shown = {passage[:2] for f in demo_briefing.facts for passage in _shown(f, same)}
    fact = next(
        f for f in demo_briefing.facts if len(f.evidence) >= 3 and any(f.text in e.text for e in f.evidence)
    )
    own = next(e for e in fact.evidence if fact.text in e.text)
    cited = next(e for e in fact.evidence if (e.source, e.sentence) not in shown)

    def one_fact(e):
        item = {
            "id": "x",
            "text": "",
            "outlets": [keys[names[e.source]]],
            "evidence": {keys[names[e.source]]: e.text},
        }
        return score_attribution(demo_briefing, demo_analyses, {**gold, "facts": [item], "conflicts": []})

    assert one_fact(own).found == 1
    assert one_fact(cited).found == 0


def test_a_detail_is_footnoted_where_it_ends_and_kept_in_the_json(demo_briefing):
    """The page puts a detail's footnotes right after it and says in the coverage line who gives
    it; the JSON keeps it, and a briefing read back from the JSON (an earlier version) too."""
    from briefing.compose import compose_markdown
    from briefing.export import briefing_from_record, briefing_record

    (card,) = [f for f in demo_briefing.facts if f.section == "key" and "which borders Mongolia" in f.text]
    line = next(
        x for x in compose_markdown(demo_briefing).splitlines() if x.startswith("- ") and "Mongolia" in x
    )
    (mongolia,) = [d for d in card.details if card.text[d.start : d.end] == "which borders Mongolia"]
    refs = "".join(f"[^{card.id}-{s}]" for s in mongolia.sources)
    assert f"which borders Mongolia{refs}" in line
    assert f"“which borders Mongolia” {len(mongolia.sources)} of them" in line
    record = briefing_record(demo_briefing)
    (fact,) = [f for f in record["facts"] if f["id"] == card.id]
    at = card.text.index("which borders Mongolia")
    detail = {
        "text": "which borders Mongolia",
        "start": at,
        "end": at + 22,
        "sources": list(mongolia.sources),
    }
    assert detail in fact["details"]
    assert briefing_from_record(record).facts == demo_briefing.facts


def credited(nlp, claim, other):
    """Whether, in a story of two articles, a sentence of the second states a claim of the first."""
    from briefing.stating import states

    claims = claims_of(nlp, {"a.txt": claim, "b.txt": other})
    units = list(enumerate(claims.units))
    return any(
        states(e, c, float(claims.similarity[i, j]))
        for i, c in units
        if c.article_id.startswith("a")
        for j, e in units
        if e.article_id.startswith("b")
    )


@pytest.mark.parametrize(
    ("claim", "other"),
    [
        # a sentence on the same topic that makes another claim
        (
            "NASA normally waits until after a launch to rename its missions.",
            "NASA renamed the mission after the launch of the probe.",
        ),
        # one that contradicts it: not done yet, or only meant
        (
            "All the families of the victims had been notified by the police on Sunday.",
            "The families of the victims were still being notified by the police on Sunday.",
        ),
        (
            "Beijing imposed new tariffs on American soybeans and cars on Friday.",
            "Beijing vowed to impose new tariffs on American soybeans and cars on Friday.",
        ),
        # a figure it does not give, or gives of another thing
        (
            "The storm killed 12 people in Harris County on Monday night.",
            "The storm killed people in Harris County on Monday night, officials said.",
        ),
        (
            "About 3,000 hikers attempt the whole trail every year.",
            "Hikers who attempt the whole trail with $3,000 every year run out of money.",
        ),
        # another quotation of the same speaker
        (
            'The mayor said: "We will rebuild the bridge before the winter."',
            'The mayor said: "We will never rebuild the bridge before the winter."',
        ),
        # another thing said of the same subject
        (
            "Hamas is an offshoot of the Muslim Brotherhood in Egypt.",
            "The Muslim Brotherhood in Egypt are spiritual mentors of Hamas.",
        ),
        # another claim about the same people
        (
            "According to the SBU, one of the soldiers claimed he had been told he was going to Russia "
            "for training rather than to fight against Ukraine.",
            "One of the soldiers was born in 2005 and the other in 1999, the SBU said.",
        ),
        # a question states nothing
        (
            "What did the mayor know about the cracks in the bridge?",
            "The mayor knew about the cracks in the bridge, the report says.",
        ),
    ],
)
def test_an_outlet_is_not_credited_with_what_its_sentence_does_not_state(nlp, claim, other):
    assert not credited(nlp, claim, other)


@pytest.mark.parametrize(
    ("claim", "other"),
    [
        # the same claim put otherwise: the subject named another way, who says it left out
        (
            "The SBU said the soldiers do not speak English, Ukrainian or Russian and need interpreters.",
            "The prisoners do not speak English, Ukrainian or Russian and need interpreters.",
        ),
        (
            "Police said the driver was arrested at the scene on Friday evening.",
            "The driver was arrested at the scene on Friday evening.",
        ),
        # the same quotation, quote marks and spacing aside
        (
            'The mayor said: "We will rebuild the bridge before the winter."',
            "“We will rebuild the bridge before the winter,” the mayor told reporters.",
        ),
    ],
)
def test_an_outlet_whose_sentence_states_the_claim_is_credited(nlp, claim, other):
    assert credited(nlp, claim, other)


def test_a_topic_of_several_statements_is_headed_by_what_they_share(demo_briefing):
    """ "One appears to have a jaw injury" and "… one suffering from a jaw injury and the other
    from a leg fracture" are one topic, headed by the phrase both name; a topic of one statement
    has no heading."""
    from collections import Counter

    from briefing.compose import compose_markdown

    main = [f for f in demo_briefing.facts if f.section in ("key", "single")]
    sizes = Counter(f.topic for f in main)
    jaw = [f for f in main if f.topic_title == "Jaw injury"]
    assert len(jaw) == sizes[jaw[0].topic] >= 2
    assert all(f.topic_title is None for f in main if sizes[f.topic] == 1 and f.section == "key")
    assert "### Jaw injury" in compose_markdown(demo_briefing)
