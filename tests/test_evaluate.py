from __future__ import annotations

import sys

import pytest

from briefing.config import BriefingConfig
from briefing.errors import ArticleError, BriefingError
from briefing.evaluation.data import DEFAULT_DATA, load_clusters
from briefing.evaluation.rouge import (
    PEERS,
    SYSTEMS,
    RougeRow,
    cut_to_budget,
    format_table,
    lead_sentences,
    make_scorer,
    outputs_from_briefing,
    peer_summary,
    pool_sentences,
    rouge_eval,
)
from briefing.pipeline import briefing_from_texts
from briefing.summarize import make_summarizer, summarize

from .conftest import LOCAL

# Three tiny wire stories about one invented event; every sentence is unique so order shows.
ARTICLES = (
    "Floodwaters forced the evacuation of Riverton on Monday. "
    "The Marsh River rose four metres in two days. "
    "Mayor Ana Ruiz opened three shelters in school buildings. "
    "Officials said no one was hurt.",
    "Riverton residents were evacuated on Monday after the Marsh River flooded the town. "
    "Heavy rain fell for two days across the valley. "
    "Mayor Ana Ruiz said three schools now serve as shelters.",
    "The Marsh River burst its banks near Riverton. "
    "Farmers lost cattle and crops in the valley. "
    "Engineers will inspect the old stone bridge on Tuesday. "
    "Rail services to the coast were suspended.",
)
FIRSTS = (
    "Floodwaters forced the evacuation of Riverton on Monday.",
    "Riverton residents were evacuated on Monday after the Marsh River flooded the town.",
    "The Marsh River burst its banks near Riverton.",
)


@pytest.fixture(scope="module")
def tiny(nlp):
    return briefing_from_texts(ARTICLES, BriefingConfig(), slug="riverton", analyser=LOCAL)


def words(text: str) -> int:
    return len(text.split())


# --- budget --------------------------------------------------------------------------------------


def test_cut_to_budget_cuts_mid_sentence():
    texts = ["One two three four.", "Five six seven.", "Eight nine."]
    assert cut_to_budget(texts, 6) == "One two three four. Five six"
    assert cut_to_budget(texts, 4) == "One two three four."
    assert words(cut_to_budget(texts, 5)) == 5


def test_cut_to_budget_keeps_short_text_whole():
    texts = ["One  two\nthree.", "Four."]
    assert cut_to_budget(texts, 250) == "One two three. Four."
    assert cut_to_budget(texts, 0) == ""
    assert cut_to_budget([], 10) == ""


def test_cut_to_budget_stops_reading_at_the_budget():
    def endless():
        while True:
            yield "a b c"

    assert cut_to_budget(endless(), 7) == "a b c a b c a"


# --- lead ----------------------------------------------------------------------------------------


def test_lead_is_round_robin_over_uneven_articles():
    articles = [["a1", "a2", "a3"], ["b1"], ["c1", "c2"]]
    assert list(lead_sentences(articles)) == ["a1", "b1", "c1", "a2", "c2", "a3"]
    assert list(lead_sentences([])) == []


def test_lead_takes_first_sentences_of_each_article_first(tiny):
    briefing, analyses = tiny
    assert len(briefing.sources) == 3
    per_article = [[s.text for s in analyses[a.id].sentences] for a in briefing.sources]
    assert [sentences[0] for sentences in per_article] == list(FIRSTS)
    lead = outputs_from_briefing(briefing, analyses, budget=1000)["lead"]
    assert lead == " ".join(
        (
            *FIRSTS,
            "The Marsh River rose four metres in two days.",
            "Heavy rain fell for two days across the valley.",
            "Farmers lost cattle and crops in the valley.",
            "Mayor Ana Ruiz opened three shelters in school buildings.",
            "Mayor Ana Ruiz said three schools now serve as shelters.",
            "Engineers will inspect the old stone bridge on Tuesday.",
            "Officials said no one was hurt.",  # the second article has no fourth sentence
            "Rail services to the coast were suspended.",
        )
    )
    # a budget ending inside the second article's lead sentence cuts it there
    cut = outputs_from_briefing(briefing, analyses, budget=12)["lead"]
    assert cut == FIRSTS[0] + " Riverton residents were evacuated"


# --- peers ---------------------------------------------------------------------------------------


def test_pooled_sentences_are_reindexed_in_article_order(tiny):
    briefing, analyses = tiny
    groups = [analyses[a.id].sentences for a in briefing.sources]
    pooled = pool_sentences(groups)
    originals = [s for group in groups for s in group]
    assert [s.index for s in pooled] == list(range(len(originals)))
    assert [(s.article_id, s.text) for s in pooled] == [(s.article_id, s.text) for s in originals]
    assert [s.index for s in originals].count(0) == 3  # why pooling needs new indices


@pytest.mark.parametrize("name", PEERS)
@pytest.mark.parametrize("budget", [9, 25, 60])
def test_peer_uses_fewest_ranked_sentences_that_reach_the_budget(tiny, name, budget):
    briefing, analyses = tiny
    pooled = pool_sentences(analyses[a.id].sentences for a in briefing.sources)
    summarizer = make_summarizer(name)
    summary = peer_summary(pooled, budget, summarizer)
    # brute force: the smallest k whose chosen sentences reach the budget
    for k in range(1, len(pooled) + 1):
        chosen = summarize(pooled, k, summarizer)
        if sum(words(pooled[i].text) for i in chosen) >= budget or k == len(pooled):
            break
    assert summary == cut_to_budget((pooled[i].text for i in chosen), budget)
    total = sum(words(s.text) for s in pooled)
    assert words(summary) == min(budget, total)


@pytest.mark.parametrize("budget", [1, 10, 30, 1000])
def test_every_system_stays_within_the_budget(tiny, budget):
    briefing, analyses = tiny
    outputs = outputs_from_briefing(briefing, analyses, budget)
    assert tuple(outputs) == SYSTEMS
    total = sum(words(s.text) for a in briefing.sources for s in analyses[a.id].sentences)
    for system, text in outputs.items():
        assert words(text) <= budget, system
        if system != "briefing":
            assert words(text) == min(budget, total), system
    assert briefing.facts, "the three articles share facts"
    assert outputs["briefing"].split()[: min(budget, 5)] == briefing.facts[0].text.split()[: min(budget, 5)]


# --- scoring and data ----------------------------------------------------------------------------


def test_scorer_is_f1_with_stemming():
    scores = make_scorer().score("the rivers flooded", "the river floods")
    assert scores["rouge1"].fmeasure == pytest.approx(1.0)


def test_missing_rouge_score_is_explained(monkeypatch):
    monkeypatch.setitem(sys.modules, "rouge_score", None)
    with pytest.raises(BriefingError, match="requires rouge-score: pip install rouge-score"):
        make_scorer()


def test_missing_data_file_names_the_path(tmp_path):
    missing = tmp_path / "nowhere.jsonl"
    with pytest.raises(BriefingError) as error:
        rouge_eval(path=missing, limit=1)
    assert str(missing) in str(error.value)
    assert "../shared/evaldata" in str(error.value)


def test_format_table_aligns_and_compares():
    rows = [
        RougeRow("briefing", 40.0, 11.0, 20.0, 240.5, 89),
        RougeRow("lexrank", 38.5, 10.0, 19.0, 250.0, 89),
        RougeRow("textrank", 39.0, 12.5, 19.5, 250.0, 89),
    ]
    table = format_table(rows)
    lines = table.splitlines()
    assert lines[0].split(" | ") == ["system  ", "  R-1", "  R-2", "  R-L", "words"]
    assert len({line.index("|") for line in lines[:5] if "|" in line}) == 1
    assert "textrank | 39.00 | 12.50 | 19.50 | 250.0" in table
    assert "89 clusters" in table
    assert lines[-1] == (
        "briefing vs best peer: R-1 +1.00 points (vs textrank 39.00), R-2 -12.0 % (vs textrank 12.50)"
    )
    assert "vs best peer" not in format_table(rows[1:])


@pytest.fixture(scope="module")
def real_rows():
    if not DEFAULT_DATA.is_file():
        pytest.skip(f"evaluation data not found at {DEFAULT_DATA} (../shared/evaldata beside the repo)")
    return rouge_eval(limit=3)


def test_loads_the_first_clusters():
    if not DEFAULT_DATA.is_file():
        pytest.skip(f"evaluation data not found at {DEFAULT_DATA} (../shared/evaldata beside the repo)")
    clusters = load_clusters(limit=3)
    assert len(clusters) == 3
    assert all(c.documents and c.references for c in clusters)


def test_first_three_real_clusters(real_rows):
    assert [row.system for row in real_rows] == list(SYSTEMS)
    for row in real_rows:
        assert row.clusters == 3
        for score in (row.rouge1, row.rouge2, row.rougeL):
            assert 0 < score < 100, row
        assert row.rouge2 < row.rouge1
        assert 0 < row.words <= 250
    peers = [row for row in real_rows if row.system != "briefing"]
    assert all(row.words == 250 for row in peers)
    assert "briefing vs best peer" in format_table(real_rows)


# --- saved pages -------------------------------------------------------------------------------


def test_page_extraction_is_scored_side_by_side_with_trafilatura():
    from briefing.evaluation.pages import format_pages, pages_eval

    from .conftest import DATA

    def refuses_the_first(raw, name):
        if name.startswith("d90b"):
            raise ArticleError(name, "no article text left after cleaning", "no text")
        return raw.decode("utf-8", "replace")

    score = pages_eval(DATA / "pages", reader=refuses_the_first, peer=lambda raw: "nothing to see")
    assert score.pages == 8
    # the raw page holds most snippets, wanted or not; the refused page's wanted ones are missed
    assert score.briefing.refused == ["d90b19386e2b48559082547016cbe5ec.html"]
    assert score.briefing.tp + score.briefing.fn == 24 and score.briefing.fn >= 3 and score.briefing.fp > 0
    assert score.trafilatura.tp == 0 and score.trafilatura.precision == 0.0
    assert score.refused_only_here == [
        ("d90b19386e2b48559082547016cbe5ec.html", "no article text left after cleaning")
    ]
    table = format_pages(score)
    assert "refused by briefing, read by trafilatura: 1" in table

    real = pages_eval(DATA / "pages", limit=3)
    assert real.pages == 3 and not real.briefing.refused
    assert real.briefing.recall == 1.0 and real.briefing.fp == 0
