"""TF-IDF similarity between goals and expertise, Swedish and English."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tandem.matching.text import TextSimilarity


def similarity(left: list[str], right: list[str], **kwargs) -> np.ndarray:
    return TextSimilarity(left, right, **kwargs).block(np.arange(len(left)))


def test_identical_texts_are_fully_similar_and_unrelated_ones_not():
    sims = similarity(
        ["revision och redovisning"], ["revision och redovisning", "mjukvaruutveckling i molnet"]
    )
    assert sims[0, 0] == pytest.approx(1.0, abs=1e-5)
    assert sims[0, 1] < 0.05


def test_inflections_and_cognates_still_meet_through_character_ngrams():
    sims = similarity(["Jag vill arbeta med redovisningen"], ["redovisning", "economics", "sjukvård"])
    assert sims[0, 0] > 0.2
    assert sims[0, 0] > sims[0, 2]
    assert similarity(["ekonomi"], ["economics"])[0, 0] > 0


def test_stop_words_alone_do_not_make_texts_similar():
    sims = similarity(["jag vill och att"], ["och att jag vill"])
    assert math.isnan(sims[0, 0])  # nothing left once stop-words are removed: unknown


def test_empty_texts_are_unknown():
    sims = similarity(["", "python"], ["python", ""])
    assert math.isnan(sims[0, 0]) and math.isnan(sims[1, 1])
    assert sims[1, 0] == pytest.approx(1.0, abs=1e-5)


def test_pairs_agree_with_blocks_and_shared_words_are_rarest_first():
    left = ["redovisning och revision i Sverige", "software developer", ""]
    right = ["revision, redovisning, skatt", "senior software developer and mentor", "revision"]
    text = TextSimilarity(left, right)
    rows, cols = np.meshgrid(np.arange(3), np.arange(3), indexing="ij")
    np.testing.assert_allclose(
        text.pairs(rows.ravel(), cols.ravel()), text.block(np.arange(3)).ravel(), rtol=1e-6
    )
    assert text.shared_words(0, 0) == ["redovisning", "revision"]
    assert text.shared_words(1, 1) == ["developer", "software"]
    assert text.shared_words(2, 0) == []


def test_work_budget_drops_the_commonest_ngrams_but_keeps_results_in_range():
    left = [f"redovisning revision skatt nummer{i}" for i in range(30)]
    right = [f"redovisning revision bokslut kund{i}" for i in range(20)]
    full = similarity(left, right)
    pruned = similarity(left, right, work_budget=1_000)
    assert (pruned <= 1).all() and (pruned >= 0).all()
    assert pruned.mean() < full.mean()


def test_words_are_split_at_white_space_and_punctuation():
    from tandem.matching.text import _TOKEN

    text = "Hej–där «citat» a\u00a0b\u2028c\x1cd e.f,g;h:i!j?k(l)m[n]o{p}q'r\"s/t\\u…v•w ÅÄÖ-åäö"
    separators = "–—‐«»‘’“”„…•·°§½!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    expected = text.lower().translate(str.maketrans(dict.fromkeys(separators, " "))).split()
    assert _TOKEN.findall(text.lower()) == expected
