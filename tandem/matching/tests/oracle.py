"""Independent exact solvers for the tests: brute force and networkx min-cost max-flow.

Both return (matched, total) for the lexicographic objective, without sharing any code with the engine.
"""

from __future__ import annotations

import networkx as nx
import numpy as np


def brute_force(scores: np.ndarray, allowed: np.ndarray, capacities: np.ndarray) -> tuple[int, int]:
    """Try every assignment (each mentee: unmatched or any allowed mentor with room)."""
    n, m = scores.shape
    room = [int(c) for c in capacities]
    best = (0, 0)

    def visit(i: int, matched: int, total: int) -> None:
        nonlocal best
        if i == n:
            best = max(best, (matched, total))
            return
        visit(i + 1, matched, total)
        for j in range(m):
            if allowed[i, j] and room[j] > 0:
                room[j] -= 1
                visit(i + 1, matched + 1, total + int(scores[i, j]))
                room[j] += 1

    visit(0, 0, 0)
    return best


def min_cost_flow(scores: np.ndarray, allowed: np.ndarray, capacities: np.ndarray) -> tuple[int, int]:
    """Maximum flow of minimum cost: source → mentee (1) → mentor (1, cost -score) → sink (capacity)."""
    graph = nx.DiGraph()
    graph.add_node("source")
    graph.add_node("sink")
    for i, j in zip(*np.nonzero(allowed), strict=True):
        if capacities[j] > 0:
            graph.add_edge("source", ("mentee", int(i)), capacity=1, weight=0)
            graph.add_edge(("mentee", int(i)), ("mentor", int(j)), capacity=1, weight=-int(scores[i, j]))
            graph.add_edge(("mentor", int(j)), "sink", capacity=int(capacities[j]), weight=0)
    flow = nx.max_flow_min_cost(graph, "source", "sink")
    return sum(flow["source"].values()), -nx.cost_of_flow(graph, flow)


def objective(
    assignment: np.ndarray, scores: np.ndarray, allowed: np.ndarray, capacities: np.ndarray
) -> tuple[int, int]:
    """(matched, total) of an assignment, after asserting it uses allowed pairs within capacities."""
    matched = np.flatnonzero(assignment >= 0)
    assert allowed[matched, assignment[matched]].all(), "a disallowed pair was used"
    load = np.bincount(assignment[matched], minlength=allowed.shape[1])
    assert (load <= capacities).all(), "a mentor got more mentees than capacity"
    return len(matched), int(scores[matched, assignment[matched]].sum())
