"""The support measure: statement/sentence pairs, their keys, and the scores against labels."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from briefing.evaluation.support import (
    LABELS,
    format_support,
    load_labels,
    sample_pairs,
    score_support,
    statement_for,
    support_pairs,
    uncredited_keys,
)
from briefing.models import Detail, Evidence, Fact

from .conftest import DATA, LOCAL

FACT = Fact(
    "f1",
    "Two soldiers were captured in Russia's Kursk region on Thursday.",
    (
        Evidence("a", 0, "Two soldiers were captured in Russia's Kursk region on Thursday.", 0, 10),
        Evidence("b", 3, "Ukraine captured two soldiers on Thursday.", 0, 10),
    ),
    details=(Detail(27, 51, ("a",)),),
)


def test_a_detail_an_outlet_does_not_give_is_marked_for_its_reader():
    assert statement_for(FACT, "a") == FACT.text
    assert statement_for(FACT, "b") == "Two soldiers were captured ⟦in Russia's Kursk region⟧ on Thursday."


def test_the_demo_briefing_gives_credited_and_uncredited_pairs(demo_briefing, demo_analyses):
    pairs = support_pairs(demo_briefing, demo_analyses)
    credited = [p for p in pairs if p.credited]
    assert credited and len(credited) < len(pairs)
    by_fact = {f.id: f for f in demo_briefing.facts}
    for pair in credited:
        fact = by_fact[pair.fact]
        assert set(pair.sentences) == {e.text for e in fact.evidence if e.source == pair.source}
    for pair in pairs:
        assert len(pair.key) == 20 and pair.sentences
    assert sample_pairs(pairs, 5, 5) == sample_pairs(list(reversed(pairs)), 5, 5)  # a fixed sample


def test_precision_and_recall_come_from_the_labels_and_the_population(demo_briefing, demo_analyses):
    pairs = support_pairs(demo_briefing, demo_analyses)
    credited = [p for p in pairs if p.credited][:4]
    uncredited = [p for p in pairs if not p.credited][:2]
    labels = dict(zip([p.key for p in credited], ["states", "states", "partly", "not"], strict=True))
    labels |= dict(zip([p.key for p in uncredited], ["states", "not"], strict=True))
    score = score_support(pairs, labels)
    assert score.credited == Counter({"states": 2, "partly": 1, "not": 1})
    assert score.precision == 0.5
    found = score.population["credited"] * 0.5
    lost = score.population["uncredited"] * 0.5
    assert score.recall == found / (found + lost)
    assert score.unlabelled == score.population["credited"] - 4
    table = format_support(score)
    assert "precision (states)" in table and " 50 %" in table


def test_the_stored_labels_hold_hashes_and_labels_only():
    path = DATA / "support_labels.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    labels = load_labels(path)
    assert labels and set(labels.values()) <= set(LABELS)
    for key, item in record["labels"].items():
        assert len(key) == 20 and set(item) <= {"label", "credited", "readers"}


def test_the_credits_on_the_dev_clusters_keep_their_floor(nlp):
    """The support decision on the 89 evaluation clusters, against the stored labels: floors
    just under what it achieves today (``briefing eval`` prints the table)."""
    from briefing.config import BriefingConfig
    from briefing.evaluation.data import DEFAULT_DATA, load_clusters
    from briefing.pipeline import briefing_from_texts

    if not DEFAULT_DATA.is_file():
        pytest.skip(f"evaluation data not found at {DEFAULT_DATA} (../shared/evaldata beside the repo)")
    pairs, left_out = [], set()
    for cluster in load_clusters():
        briefing, analyses = briefing_from_texts(
            cluster.documents, BriefingConfig(), cluster.id, analyser=LOCAL
        )
        pairs += support_pairs(briefing, analyses)
        left_out |= uncredited_keys(briefing, analyses)
    score = score_support(pairs, load_labels(DATA / "support_labels.json"), left_out)
    labelled = sum(score.credited.values())
    assert labelled >= 100
    assert score.precision >= 0.85
    assert score.credited["not"] <= 0.03 * labelled
    assert score.recall_on_sample >= 0.85
