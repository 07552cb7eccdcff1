"""TF-IDF cosine similarity between free texts (mentees' goals, mentors' expertise), Swedish or English.

Features are word unigrams and bigrams plus character 3–5-grams taken inside each word (padded with a
space on both sides), so that inflections ("redovisning", "redovisningen") and cognates ("ekonomi",
"economics") still meet. Word and character features are weighted and L2-normalised as two separate
blocks, and the similarity is the mean of the two cosines, in 0–1.

Cost control: the work of a sparse product is the sum, over features, of (mentee texts with the feature)
× (mentor texts with it). In very large cohorts the few n-grams that dominate that sum (the most common,
so the least informative, e.g. "ing" or "ning") are dropped as stop-words until the sum fits
``work_budget``. Small and medium cohorts keep every feature.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Sequence
from itertools import chain

import numpy as np
import scipy.sparse as sp

WORK_BUDGET = 30_000_000
CHAR_NGRAMS = (3, 4, 5)

_SEPARATORS = string.punctuation + "–—‐«»‘’“”„…•·°§½"
_TOKEN = re.compile(f"[^\\s{re.escape(_SEPARATORS)}]+")
"""A word: a run of characters that are neither white space (as ``str.split`` sees it) nor separators."""
_STOPWORDS_SV_EN = """
    a also an and are as at att av be bli blir by can de dem den det din där eller en ett for from från
    få för get han har have hon här i in inom inte into is it jag kan like me med men min mina mitt more
    mot my och också of om on or our på sig ska so som så that the their till to under upp ut vara vi
    vill want we will with would än är
"""
STOPWORDS = frozenset(_STOPWORDS_SV_EN.split())


def counts_as_word(word: str) -> bool:
    """Whether a lower-cased token counts: no stop-words, digits-only tokens or single letters."""
    return len(word) > 1 and not word.isdigit() and word not in STOPWORDS


def _unique_docs(texts: Sequence[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Distinct non-empty texts, each input's index into them (-1 for empty) and each text's count."""
    index: dict[str, int] = {}
    doc_of = np.full(len(texts), -1, dtype=np.int64)
    for row, text in enumerate(texts):
        text = (text or "").strip()
        if text:
            doc_of[row] = index.setdefault(text, len(index))
    counts = np.bincount(doc_of[doc_of >= 0], minlength=len(index))
    return list(index), doc_of, counts


def _csr(rows: list[list[int]], width: int) -> sp.csr_matrix:
    """A count matrix from one list of column ids per row (duplicates add up)."""
    indptr = np.cumsum([0] + [len(r) for r in rows])
    indices = np.fromiter((c for r in rows for c in r), dtype=np.int64, count=int(indptr[-1]))
    data = np.ones(len(indices), dtype=np.float32)
    matrix = sp.csr_matrix((data, indices, indptr), shape=(len(rows), width))
    matrix.sum_duplicates()
    return matrix


def _char_ngrams(word: str) -> list[str]:
    padded = f" {word} "
    return [padded[i : i + n] for n in CHAR_NGRAMS for i in range(len(padded) - n + 1)]


def _features(docs: Sequence[str]) -> tuple[sp.csr_matrix, sp.csr_matrix, list[str], sp.csr_matrix]:
    """Word (uni- and bigram) and character n-gram count matrices, the word vocabulary and unigrams.

    Every token gets an id; those that do not count as words (stop-words...) are zeroed out afterwards,
    together with the bigrams they take part in: much faster than filtering token by token.
    """
    tokens = [_TOKEN.findall(doc.lower()) for doc in docs]
    flat = list(chain.from_iterable(tokens))
    words = list(dict.fromkeys(flat))
    index = dict(zip(words, range(len(words)), strict=True))
    ids = np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=len(flat))
    indptr = np.cumsum([0] + [len(t) for t in tokens])
    valid = np.fromiter(map(counts_as_word, words), dtype=bool, count=len(words))
    unigrams = sp.csr_matrix((valid[ids].astype(np.float32), ids, indptr), shape=(len(docs), len(words)))
    unigrams.sum_duplicates()
    unigrams.eliminate_zeros()

    doc_of_token = np.repeat(np.arange(len(docs)), np.diff(indptr))
    follows = (doc_of_token[1:] == doc_of_token[:-1]) & valid[ids[:-1]] & valid[ids[1:]]
    bigram_vocab, bigram_ids = np.unique((ids[:-1] * len(words) + ids[1:])[follows], return_inverse=True)
    bigrams = sp.csr_matrix(
        (np.ones(len(bigram_ids), np.float32), (doc_of_token[:-1][follows], bigram_ids)),
        shape=(len(docs), len(bigram_vocab)),
    ).tocsr()

    char_vocab: dict[str, int] = {}
    word_chars = [
        [char_vocab.setdefault(g, len(char_vocab)) for g in _char_ngrams(w)] if ok else []
        for w, ok in zip(words, valid, strict=True)
    ]
    chars = (unigrams @ _csr(word_chars, len(char_vocab))).tocsr()
    return sp.hstack([unigrams, bigrams], format="csr"), chars, words, unigrams


def _df(matrix: sp.csr_matrix, counts: np.ndarray) -> np.ndarray:
    """Per feature, how many input texts (counting repeats) contain it."""
    present = matrix.copy()
    present.data[:] = 1
    return np.asarray(present.T @ counts.astype(np.float64)).ravel()


def _weigh(matrix: sp.csr_matrix, weights: np.ndarray) -> sp.csr_matrix:
    """Multiply columns by ``weights``, drop zeroed features, L2-normalise rows (scaled by 1/√2)."""
    weighted = (matrix @ sp.diags(weights.astype(np.float32))).tocsr()
    weighted.eliminate_zeros()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    scale = np.divide(1 / math.sqrt(2), norms, out=np.zeros_like(norms), where=norms > 0)
    return (sp.diags(scale.astype(np.float32)) @ weighted).tocsr()


class TextSimilarity:
    """Cosine similarities between every left text (mentee goals) and every right text (mentor expertise).

    Similarity is NaN where either text is unknown (empty, or nothing left once stop-words are removed).
    """

    def __init__(self, left: Sequence[str], right: Sequence[str], work_budget: float = WORK_BUDGET):
        left_docs, self._left_doc, left_counts = _unique_docs(left)
        right_docs, self._right_doc, right_counts = _unique_docs(right)
        word_counts, char_counts, self._words, self._unigrams = _features(left_docs + right_docs)
        split = len(left_docs)
        counts = np.concatenate([left_counts, right_counts])

        blocks = []
        for matrix in (word_counts, char_counts):
            df_left = _df(matrix[:split], left_counts)
            df_right = _df(matrix[split:], right_counts)
            idf = np.log((1 + counts.sum()) / (1 + df_left + df_right)) + 1
            blocks.append((matrix, idf, df_left * _df(matrix[split:], np.ones_like(right_counts))))
        self._keep = _within_budget([cost for _, _, cost in blocks], work_budget)

        weighted = [_weigh(m, idf * keep) for (m, idf, _), keep in zip(blocks, self._keep, strict=True)]
        vectors = sp.hstack(weighted, format="csr")
        self._split = split
        self._word_idf = (blocks[0][1] * self._keep[0])[: len(self._words)]
        self._idf_list: list[float] | None = None  # for shared_words, made when first needed
        self._doc_words: dict[int, frozenset[int]] = {}
        # One extra all-zero row on each side, so that index -1 (unknown text) selects it.
        zero = sp.csr_matrix((1, vectors.shape[1]), dtype=np.float32)
        self._left = sp.vstack([vectors[:split], zero], format="csr")
        self._right = sp.vstack([vectors[split:], zero], format="csr")
        self._right_t = self._right.T.tocsr()
        known = np.diff(vectors.indptr) > 0
        self.left_known = np.append(known[:split], False)[self._left_doc]
        self.right_known = np.append(known[split:], False)[self._right_doc]

    def doc_products(self, rows: np.ndarray) -> sp.csr_matrix:
        """Raw cosines of the given left rows against each distinct right text (float32, sparse).

        Column ``k`` is the right text ``k``; the last column stands for an empty text (all zero). Expand
        to all right texts with ``np.take(..., right_doc, axis=1)``; ``right_doc_unknown`` marks the
        columns of unknown texts, ``left_known`` the rows.
        """
        return self._left[self._left_doc[rows]] @ self._right_t

    @property
    def right_doc(self) -> np.ndarray:
        """Per right text, its column in ``doc_products`` (-1: the last column, an empty text)."""
        return self._right_doc

    @property
    def right_doc_unknown(self) -> np.ndarray:
        """Per column of ``doc_products``, whether that text is unknown (empty or only stop-words)."""
        return np.diff(self._right.indptr) == 0

    def block(self, rows: np.ndarray) -> np.ndarray:
        """Raw cosines (float32) for the given left rows against all right texts."""
        product = (self._left[self._left_doc[rows]] @ self._right_t).toarray()
        sims = np.take(product, self._right_doc, axis=1)
        np.minimum(sims, 1.0, out=sims)
        sims[~self.left_known[rows]] = np.nan
        sims[:, ~self.right_known] = np.nan
        return sims

    def pairs(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Raw cosines of the pairs (left[k], right[k]), NaN where either text is unknown."""
        products = self._left[self._left_doc[left]].multiply(self._right[self._right_doc[right]])
        sims = np.minimum(np.asarray(products.sum(axis=1), dtype=np.float32).ravel(), 1.0)
        sims[~(self.left_known[left] & self.right_known[right])] = np.nan
        return sims

    def shared_words(self, left: int, right: int, limit: int = 3) -> list[str]:
        """Up to ``limit`` words both texts use, rarest first."""
        a, b = int(self._left_doc[left]), int(self._right_doc[right])
        if a < 0 or b < 0:
            return []
        shared = self._words_of(a) & self._words_of(self._split + b)
        if not shared:
            return []
        if self._idf_list is None:
            self._idf_list = self._word_idf.tolist()
        idf, words = self._idf_list, self._words
        ranked = sorted((-idf[i], words[i]) for i in shared if idf[i] > 0)
        return [word for _, word in ranked[:limit]]

    def _words_of(self, doc: int) -> frozenset[int]:
        found = self._doc_words.get(doc)
        if found is None:
            start, end = self._unigrams.indptr[doc], self._unigrams.indptr[doc + 1]
            found = self._doc_words[doc] = frozenset(self._unigrams.indices[start:end].tolist())
        return found


def _within_budget(costs: list[np.ndarray], budget: float) -> list[np.ndarray]:
    """0/1 masks over each block's features, dropping the costliest features until the total fits."""
    flat = np.concatenate(costs)
    keep = np.ones(len(flat), dtype=np.float64)
    if flat.sum() > budget:
        order = np.argsort(-flat, kind="stable")
        remaining = flat.sum() - np.cumsum(flat[order])
        dropped = int(np.searchsorted(-remaining, -budget)) + 1
        keep[order[:dropped]] = 0
    return np.split(keep, np.cumsum([len(c) for c in costs])[:-1])
