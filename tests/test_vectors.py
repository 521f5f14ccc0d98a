"""TF-IDF vectors, their cosine and average-link clustering."""

from __future__ import annotations

import numpy as np

from briefing.vectors import average_link, cosine_matrix, tfidf_weights


def test_cosine_of_tfidf_vectors():
    bags = [{"storm": 2, "harbour": 1, "pier": 1}, {"storm": 1, "harbour": 2}, {"soldier": 3, "kursk": 1}]
    similarity = cosine_matrix(bags)
    assert np.allclose(similarity, similarity.T) and np.allclose(np.diag(similarity), 1)
    assert similarity[0, 1] > 0.5 and similarity[0, 2] == similarity[1, 2] == 0


def test_average_link_merges_by_mean_similarity():
    similarity = np.array(
        [
            [1.0, 0.9, 0.3, 0.0],
            [0.9, 1.0, 0.1, 0.0],
            [0.3, 0.1, 1.0, 0.0],
            [0.0, 0.0, 0.0, 1.0],
        ]
    )
    assert average_link(similarity, 0.5) == [[0, 1], [2], [3]]
    assert average_link(similarity, 0.2) == [[0, 1, 2], [3]]  # mean of 0.3 and 0.1
    assert average_link(similarity, 0.25) == [[0, 1], [2], [3]]


def test_a_term_every_bag_shares_still_weighs():
    weights = tfidf_weights([["storm", "pier"], ["storm"]])
    assert weights[0]["storm"] > 0 and weights[0]["pier"] > weights[0]["storm"]


def test_a_group_held_back_from_its_closest_named_story_does_not_join_the_next():
    """Loose row 4 is about as close to the story of rows 0-1 as to that of rows 2-3: the margin
    keeps it from the closer, and the one held back still counts as a rival of the other."""
    similarity = np.full((5, 5), 0.0)
    similarity[0, 1] = similarity[2, 3] = 0.8
    similarity[4, :2] = 0.5
    similarity[4, 2:4] = 0.45
    similarity = np.maximum(similarity, similarity.T)
    np.fill_diagonal(similarity, 1.0)
    assert average_link(similarity, 0.2, [[0, 1], [2, 3]], margin=1.5) == [[0, 1], [2, 3], [4]]
    assert average_link(similarity, 0.2, [[0, 1], [2, 3]], margin=1.05) == [[0, 1, 4], [2, 3]]
