"""Exact assignment of mentees to mentors with capacities: most mentees matched, then highest total score.

The problem is a maximum-weight b-matching, solved as a min-cost flow in which every mentee sends one unit
either through an allowed mentor (cost ``top + 1 - score``) or through a private "unmatched" arc (cost
``U = BIG + top + 1``). ``BIG`` exceeds any possible sum of matched costs, so one more matched mentee
always outweighs any score difference: the optimum is lexicographic (matched count first, then total
score). All costs are integers below 2**53, so the float64 arithmetic of scipy is exact.

A dense problem of 10,000 × 12,000 slots would need a 1 GB matrix and long augmenting-path searches, so
the solver works on a sparse candidate graph and proves the answer optimal for the full graph:

1. candidates: each mentee's ``candidates`` best allowed mentors;
2. solve the candidate graph exactly (``scipy.sparse.csgraph.min_weight_full_bipartite_matching``, each
   mentor expanded into as many identical slots as its capacity, one dummy column per mentee);
3. certificate: Bellman–Ford on the residual graph of that optimum gives potentials π with non-negative
   reduced costs on every residual arc. The full graph only adds forward arcs mentee → mentor for pairs
   that are not candidates; if each has ``cost + π(mentee) - π(mentor) ≥ 0``, π stays feasible, the full
   residual graph has no negative cycle, and the flow is optimal for the full problem (LP duality);
4. otherwise add the violating pairs (and other nearly tight ones) to the candidates and repeat. Each
   round adds at least the violating pairs, so it ends.

Memory stays at the score and allowed matrices plus the candidate graph. A caller that computes the
scores block by block can rank each block's candidates while it is at hand (``rank_candidates``) and pass
the ranking to ``solve``, which then skips its own pass over the matrices to find them.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

CANDIDATES = 24
EXACT_FLOAT_LIMIT = 2**53
_CHUNK_CELLS = 1 << 21


class Ranking(NamedTuple):
    """Per row, its best allowed columns: highest score first, then lowest index; -1 (score -1) fills."""

    cols: np.ndarray
    scores: np.ndarray


def rank_candidates(scores: np.ndarray, allowed: np.ndarray, count: int = CANDIDATES) -> Ranking:
    """The ``count`` best allowed columns of each row of a block (``scores`` integers ≥ 0)."""
    n, m = scores.shape
    count = max(1, count)
    cols = np.full((n, count), -1, dtype=np.int64)
    values = np.full((n, count), -1, dtype=np.int64)
    if n == 0 or m == 0:
        return Ranking(cols, values)
    top = int(scores.max(initial=0))
    if (top + 1) * m >= 2**62:  # no room for a combined key: sort each row (only for huge scores)
        masked = np.where(allowed, scores.astype(np.int64), -1)
        order = np.lexsort((np.broadcast_to(np.arange(m), (n, m)), -masked), axis=1)[:, :count]
        best = np.take_along_axis(masked, order, axis=1)
        cols[:, : order.shape[1]] = np.where(best >= 0, order, -1)
        values[:, : order.shape[1]] = best
        return Ranking(cols, values)
    # One key per cell, score · m + (m - index) ≥ 1, orders by score, then by lower index, so that
    # argpartition's pick is unique; 0 marks a pair that is not allowed.
    key_type = np.int32 if (top + 1) * m < 2**31 - 1 else np.int64
    key = np.multiply(scores, m, dtype=key_type, casting="unsafe")
    key += np.arange(m, 0, -1, dtype=key_type)
    key *= allowed
    if m > count:
        picked = np.argpartition(key, m - count, axis=1)[:, m - count :]
    else:
        picked = np.broadcast_to(np.arange(m), (n, m))
    keys = np.take_along_axis(key, picked, axis=1).astype(np.int64)
    order = np.argsort(-keys, axis=1, kind="stable")
    picked, keys = np.take_along_axis(picked, order, axis=1), np.take_along_axis(keys, order, axis=1)
    found = keys > 0
    width = picked.shape[1]
    cols[:, :width] = np.where(found, picked, -1)
    values[:, :width] = np.where(found, (keys - 1) // m, -1)
    return Ranking(cols, values)


def solve(
    scores: np.ndarray,
    allowed: np.ndarray,
    capacities: np.ndarray,
    rows: np.ndarray | None = None,
    candidates: int = CANDIDATES,
    ranking: Ranking | None = None,
) -> np.ndarray:
    """Assign each row (mentee) to at most one column (mentor) within ``capacities``.

    ``scores`` is an integer matrix ≥ 0 (mentees × mentors), ``allowed`` a bool matrix of the same shape,
    ``capacities`` the room left per mentor, ``rows`` the mentees to place (default all). Returns the
    mentor index per mentee, -1 where unmatched (and for rows not in ``rows``). Among all assignments
    that use only allowed pairs, the result matches the most mentees and, among those, has the highest
    total score. ``candidates`` only affects speed, never the result; so does ``ranking``, the
    ``rank_candidates`` of the whole matrix if the caller has it (used when every mentor has room).
    """
    problem = _Problem(scores, allowed, capacities, rows)
    result = np.full(scores.shape[0], -1, dtype=np.int64)
    if ranking is not None and problem.has_room.all():
        edges = problem.ranked_pairs(ranking, max(1, candidates))
    else:
        edges = problem.best_pairs(max(1, candidates))
    if len(edges[0]) == 0:
        return result
    while True:
        assignment = problem.solve_candidates(*edges)
        potential = problem.potentials(*edges, assignment)
        violating, extra = problem.violations(*edges, potential)
        if violating == 0:
            break
        edges = (np.concatenate([edges[0], extra[0]]), np.concatenate([edges[1], extra[1]]))
    matched = assignment >= 0
    result[problem.rows[matched]] = assignment[matched]
    return result


class _Problem:
    """The mentees to place (as positions 0..R-1 into ``rows``), mentors with room, and their costs."""

    def __init__(
        self, scores: np.ndarray, allowed: np.ndarray, capacities: np.ndarray, rows: np.ndarray | None
    ):
        self.scores, self.allowed = scores, allowed
        self.rows = np.arange(scores.shape[0]) if rows is None else np.asarray(rows, dtype=np.int64)
        self.capacities = np.maximum(np.asarray(capacities, dtype=np.int64), 0)
        self.has_room = self.capacities > 0
        n_rows = len(self.rows)
        self.top = 0
        self.row_best = np.full(n_rows, -1, dtype=np.int64)
        self.big = 0
        small = scores.dtype.itemsize <= 2 or scores.size == 0 or int(scores.max()) < 2**31 - 1
        self.value_type = np.int32 if small else np.int64

    def chunks(self) -> list[slice]:
        step = max(1, _CHUNK_CELLS // max(1, self.scores.shape[1]))
        return [slice(a, min(len(self.rows), a + step)) for a in range(0, len(self.rows), step)]

    def usable(self, part: slice) -> np.ndarray:
        """Scores (-1 where not allowed or no room) for a chunk of positions."""
        values = self.scores[self.rows[part]].astype(self.value_type)
        values[~(self.allowed[self.rows[part]] & self.has_room)] = -1
        return values

    def best_pairs(self, count: int) -> tuple[np.ndarray, np.ndarray]:
        """Each mentee's ``count`` best usable mentors, as (position, mentor) arrays."""
        found_rows, found_cols = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        n_cols = self.scores.shape[1]
        for part in self.chunks():
            values = self.usable(part)
            if n_cols > count:
                picked = np.argpartition(-values, count - 1, axis=1)[:, :count]
            else:
                picked = np.broadcast_to(np.arange(n_cols), values.shape)
            positions = np.repeat(np.arange(part.start, part.stop), picked.shape[1])
            cols = picked.ravel()
            keep = values[positions - part.start, cols] >= 0
            found_rows.append(positions[keep])
            found_cols.append(cols[keep])
            self.row_best[part] = values.max(axis=1, initial=-1)
        self._set_costs()
        return np.concatenate(found_rows), np.concatenate(found_cols)

    def ranked_pairs(self, ranking: Ranking, count: int) -> tuple[np.ndarray, np.ndarray]:
        """As ``best_pairs``, from a ranking of all rows (valid while every mentor has room)."""
        cols = ranking.cols[self.rows, :count]
        self.row_best = ranking.scores[self.rows, 0].astype(np.int64)
        self._set_costs()
        positions, rank = np.nonzero(cols >= 0)
        return positions.astype(np.int64), cols[positions, rank].astype(np.int64)

    def _set_costs(self) -> None:
        self.top = int(self.row_best.max(initial=0))
        self.big = len(self.rows) * (self.top + 1) + 1
        if self.unmatched_cost * (len(self.rows) + 1) * 4 >= EXACT_FLOAT_LIMIT:  # 4: headroom for sums
            raise ValueError("scores too large to solve exactly; scale them down")

    @property
    def unmatched_cost(self) -> int:
        return self.big + self.top + 1

    def costs(self, positions: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return self.top + 1 - self.scores[self.rows[positions], cols].astype(np.int64)

    def solve_candidates(self, positions: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """The exact optimum on the candidate pairs: the mentor per position, -1 unmatched."""
        from scipy.sparse.csgraph import min_weight_full_bipartite_matching  # slow import: only to solve

        n_rows = len(self.rows)
        pair_count = np.bincount(cols, minlength=len(self.capacities))
        slots = np.minimum(self.capacities, pair_count)
        first_slot = np.concatenate([[0], np.cumsum(slots)[:-1]])
        n_slots = int(slots.sum())
        repeat = slots[cols]
        slot_rows = np.repeat(positions, repeat)
        offset = np.arange(len(slot_rows)) - np.repeat(np.cumsum(repeat) - repeat, repeat)
        slot_cols = np.repeat(first_slot[cols], repeat) + offset
        graph = sp.csr_matrix(
            (
                np.concatenate(
                    [np.repeat(self.costs(positions, cols), repeat), np.full(n_rows, self.unmatched_cost)]
                ),
                (
                    np.concatenate([slot_rows, np.arange(n_rows)]),
                    np.concatenate([slot_cols, n_slots + np.arange(n_rows)]),
                ),
            ),
            shape=(n_rows, n_slots + n_rows),
            dtype=np.float64,
        )
        row_ind, col_ind = min_weight_full_bipartite_matching(graph)
        mentor_of_slot = np.repeat(np.arange(len(slots)), slots)
        assignment = np.full(n_rows, -1, dtype=np.int64)
        real = col_ind < n_slots
        assignment[row_ind[real]] = mentor_of_slot[col_ind[real]]
        return assignment

    def potentials(self, positions: np.ndarray, cols: np.ndarray, assignment: np.ndarray) -> np.ndarray:
        """Bellman–Ford distances in the residual graph of an optimal flow on the candidate pairs.

        Nodes: positions 0..R-1, mentors R..R+M-1, the sink R+M; a virtual root reaches every node at 0.
        """
        n_rows, n_cols = len(self.rows), len(self.capacities)
        sink = n_rows + n_cols
        cost = self.costs(positions, cols)
        used = assignment[positions] == cols
        matched = np.flatnonzero(assignment >= 0)
        unmatched = np.flatnonzero(assignment < 0)
        load = np.bincount(assignment[matched], minlength=n_cols)
        room = np.flatnonzero(load < self.capacities)
        busy = np.flatnonzero(load > 0)
        arcs = [  # (tails, heads, costs)
            (positions[~used], n_rows + cols[~used], cost[~used]),
            (n_rows + cols[used], positions[used], -cost[used]),
            (matched, np.full(len(matched), sink), np.full(len(matched), self.unmatched_cost)),
            (np.full(len(unmatched), sink), unmatched, np.full(len(unmatched), -self.unmatched_cost)),
            (n_rows + room, np.full(len(room), sink), np.zeros(len(room), dtype=np.int64)),
            (np.full(len(busy), sink), n_rows + busy, np.zeros(len(busy), dtype=np.int64)),
        ]
        tails, heads, weights = (np.concatenate([a[k] for a in arcs]) for k in range(3))
        order = np.argsort(heads, kind="stable")
        tails, heads, weights = tails[order], heads[order], weights[order]
        targets, first = np.unique(heads, return_index=True)
        distance = np.zeros(sink + 1, dtype=np.int64)
        for _ in range(sink + 2):
            best = np.minimum.reduceat(distance[tails] + weights, first)
            improved = best < distance[targets]
            if not improved.any():
                return distance
            distance[targets[improved]] = best[improved]
        raise RuntimeError("negative cycle in the residual graph: the candidate solution is not optimal")

    def violations(
        self, positions: np.ndarray, cols: np.ndarray, distance: np.ndarray
    ) -> tuple[int, tuple[np.ndarray, np.ndarray]]:
        """Check the certificate on every usable non-candidate pair.

        Returns how many pairs violate it (forward arc with a negative reduced cost under ``distance``)
        and, if any, the pairs to add: the violators plus the other pairs that are nearly tight (reduced
        cost below ``slack``, at most as many as there are candidates), which the next optimum is likely
        to need, so that few rounds are needed.
        """
        n_rows = len(self.rows)
        row_pot, col_pot = distance[:n_rows], distance[n_rows : n_rows + len(self.capacities)]
        slack = max(1, self.top // 20)
        # Pair (i, j) has reduced cost top + 1 - score + π(i) - π(j); skip rows where it is ≥ slack for all j.
        limit = self.top + 1 + row_pot
        suspect = self.row_best + col_pot.max(initial=0) > limit - slack
        candidate = sp.csr_matrix(
            (np.ones(len(positions), dtype=bool), (positions, cols)), shape=(n_rows, len(self.capacities))
        )
        found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for part in self.chunks():
            rows_here = np.flatnonzero(suspect[part]) + part.start
            if len(rows_here) == 0:
                continue
            source_rows = self.rows[rows_here]
            reduced = (limit[rows_here, None] - col_pot[None, :]) - self.scores[source_rows]
            near = reduced < slack
            near &= self.allowed[source_rows] & self.has_room
            near &= ~candidate[rows_here].toarray()
            r, c = np.nonzero(near)
            found.append((rows_here[r], c, reduced[r, c]))
        if not found:
            return 0, (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
        rows_found, cols_found, reduced_found = (np.concatenate(parts) for parts in zip(*found, strict=True))
        violating = int((reduced_found < 0).sum())
        keep = max(violating, len(positions))
        if violating and len(reduced_found) > keep:
            nearest = np.argpartition(reduced_found, keep - 1)[:keep]
            rows_found, cols_found = rows_found[nearest], cols_found[nearest]
        return violating, (rows_found, cols_found)
