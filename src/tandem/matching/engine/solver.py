"""A globally optimal assignment of mentees to mentors with capacities.

1. **Candidates** — each mentee keeps their ``k`` best allowed mentors (pairs
   excluded by a conflict, a forbidden or previous pairing, or scoring no more
   than ``min_score`` are never candidates).
2. **Assignment** — maximise the total score over candidate pairs with each
   mentee matched at most once and each mentor at most ``capacity`` times. Each
   mentor becomes ``capacity`` identical slots and every node of the smaller
   side gets a private "stay unmatched" partner of score 0, so the problem is a
   full minimum-cost bipartite matching, solved exactly by scipy's sparse
   LAPJV (``min_weight_full_bipartite_matching``). Putting the smaller side on
   the rows keeps the augmenting paths short when mentors are scarce.
3. **Explanations** — every pair carries the points each criterion gave it;
   every unmatched mentee carries a reason.

With ``k`` at least the number of mentors the result is the exact optimum;
with a smaller ``k`` it is the optimum over each mentee's ``k`` best mentors.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from .model import (
    CRITERIA,
    MAX_SCORE,
    CoMentorProposal,
    Contribution,
    ImpossibleConstraints,
    Pair,
    Problem,
    Proposal,
    Unmatched,
    UnmatchedReason,
)
from .scoring import Encoded, conflict_block, criteria_block, encode, normalise, scores_from

BLOCK_CELLS = 2_000_000  # mentee × mentor cells scored at once (~60 MB of criteria)
CRITERIA_KEYS = list(CRITERIA)


@dataclass
class Candidates:
    mentor: np.ndarray  # (n, k) mentor index, -1 where none
    score: np.ndarray  # (n, k)
    criteria: np.ndarray  # (n, k, criteria) criterion values
    had_suitable: np.ndarray  # (n,) some mentor, constraints aside, scored above min_score
    had_positive: np.ndarray  # (n,) some allowed mentor scored above min_score

    @property
    def edges(self) -> int:
        return int((self.mentor >= 0).sum())


def find_candidates(enc: Encoded, k: int, min_score: float) -> Candidates:
    n, m = enc.shape
    k = max(1, min(k, m))
    result = Candidates(
        mentor=np.full((n, k), -1, dtype=np.int64),
        score=np.zeros((n, k)),
        criteria=np.zeros((n, k, len(CRITERIA)), dtype=np.float32),
        had_suitable=np.zeros(n, dtype=bool),
        had_positive=np.zeros(n, dtype=bool),
    )
    if m == 0:
        return result
    block = max(1, BLOCK_CELLS // m)
    for start in range(0, n, block):
        rows = np.arange(start, min(n, start + block))
        crit = criteria_block(enc, rows)
        scores = scores_from(crit, enc.weights).astype(np.float64)
        conflict = conflict_block(enc, rows)
        suitable = scores > min_score
        result.had_suitable[rows] = suitable.any(axis=1)
        scores[conflict | ~suitable] = -np.inf
        result.had_positive[rows] = np.isfinite(scores).any(axis=1)
        if k < m:
            top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
        else:
            top = np.broadcast_to(np.arange(m), (len(rows), m))
        best = np.take_along_axis(scores, top, axis=1)
        valid = np.isfinite(best)
        result.mentor[rows] = np.where(valid, top, -1)
        result.score[rows] = np.where(valid, best, 0.0)
        result.criteria[rows] = crit[:, np.arange(len(rows))[:, None], top].transpose(1, 2, 0)
    return result


def assign(cand: Candidates, capacity: np.ndarray, active: np.ndarray) -> np.ndarray:
    """Optimal mentor index per mentee (-1 = unmatched) over the candidate pairs."""
    n = cand.mentor.shape[0]
    result = np.full(n, -1, dtype=np.int64)
    mentee_idx, slot_k = np.nonzero((cand.mentor >= 0) & active[:, None])
    mentor_idx = cand.mentor[mentee_idx, slot_k]
    score = cand.score[mentee_idx, slot_k]
    reps = capacity[mentor_idx]
    keep = reps > 0
    mentee_idx, mentor_idx, score, reps = (
        mentee_idx[keep],
        mentor_idx[keep],
        score[keep],
        reps[keep],
    )
    if len(mentee_idx) == 0:
        return result
    # Compact: only mentees and mentors that appear in some candidate pair.
    mentees, mentee_pos = np.unique(mentee_idx, return_inverse=True)
    mentors, mentor_pos = np.unique(mentor_idx, return_inverse=True)
    caps = capacity[mentors]
    first_slot = np.concatenate([[0], np.cumsum(caps)[:-1]])
    slot_owner = np.repeat(np.arange(len(mentors)), caps)
    n_rows, n_slots = len(mentees), int(caps.sum())
    # One edge per (pair, slot of its mentor); int32 indexes keep 20M edges small.
    edge_mentee = np.repeat(mentee_pos.astype(np.int32), reps)
    edge_cost = np.repeat(MAX_SCORE + 1 - score, reps)
    edge_slot = np.repeat(
        (first_slot[mentor_pos] - (np.cumsum(reps) - reps)).astype(np.int32), reps
    )
    edge_slot += np.arange(int(reps.sum()), dtype=np.int32)
    stay = MAX_SCORE + 1  # the cost of staying unmatched: a score of 0

    if n_rows <= n_slots:  # mentees on the rows; each has a private "unmatched" column
        graph = sp.csr_matrix(
            (
                np.concatenate([edge_cost, np.full(n_rows, stay)]),
                (
                    np.concatenate([edge_mentee, np.arange(n_rows)]),
                    np.concatenate([edge_slot, n_slots + np.arange(n_rows)]),
                ),
            ),
            shape=(n_rows, n_slots + n_rows),
        )
        row, col = min_weight_full_bipartite_matching(graph)
        matched = col < n_slots
        result[mentees[row[matched]]] = mentors[slot_owner[col[matched]]]
    else:  # slots on the rows (mentors are scarce); each slot may stay empty
        graph = sp.csr_matrix(
            (
                np.concatenate([edge_cost, np.full(n_slots, stay)]),
                (
                    np.concatenate([edge_slot, np.arange(n_slots)]),
                    np.concatenate([edge_mentee, n_rows + np.arange(n_slots)]),
                ),
            ),
            shape=(n_slots, n_rows + n_slots),
        )
        row, col = min_weight_full_bipartite_matching(graph)
        matched = col < n_rows
        result[mentees[col[matched]]] = mentors[slot_owner[row[matched]]]
    return result


def _contributions(weights: np.ndarray, values: np.ndarray) -> tuple[Contribution, ...]:
    points = weights * values * MAX_SCORE
    ranked = sorted(zip(CRITERIA_KEYS, points.tolist(), strict=True), key=lambda cp: -cp[1])
    return tuple(Contribution(c, CRITERIA[c], round(p, 1)) for c, p in ranked if p >= 0.05)


def _locks(problem: Problem, enc: Encoded) -> dict[int, int]:
    """Locked pairs as mentee index -> mentor index, checked for contradictions."""
    mentee_at = {m.id: i for i, m in enumerate(problem.mentees)}
    mentor_at = {m.id: j for j, m in enumerate(problem.mentors)}
    locks: dict[int, int] = {}
    for mentee_id, mentor_id in sorted(problem.locked, key=repr):
        if mentee_id not in mentee_at or mentor_id not in mentor_at:
            raise ImpossibleConstraints(
                f"A locked pair names someone who is not in this round: {mentee_id!r} with {mentor_id!r}."
            )
        i, j = mentee_at[mentee_id], mentor_at[mentor_id]
        if i in locks and locks[i] != j:
            raise ImpossibleConstraints(f"Mentee {mentee_id!r} is locked to two mentors.")
        if conflict_block(enc, np.array([i]))[0, j]:
            raise ImpossibleConstraints(
                f"Mentee {mentee_id!r} is locked to mentor {mentor_id!r}, but that pair is "
                "forbidden, a previous pairing, or a conflict of interest."
            )
        locks[i] = j
    load = np.bincount(list(locks.values()), minlength=len(problem.mentors))
    for j, mentor in enumerate(problem.mentors):
        if load[j] > mentor.capacity:
            raise ImpossibleConstraints(
                f"Mentor {mentor.id!r} has {load[j]} locked mentees but room for {mentor.capacity}."
            )
    return locks


def solve(problem: Problem, *, candidates_per_mentee: int = 25) -> Proposal:
    """The best assignment for ``problem`` with its explanations."""
    enc = encode(problem)
    n, m = enc.shape
    locks = _locks(problem, enc)
    cand = find_candidates(enc, candidates_per_mentee, problem.min_score)
    capacity = np.array([mentor.capacity for mentor in problem.mentors], dtype=np.int64)
    capacity -= np.bincount(list(locks.values()), minlength=m)
    active = np.ones(n, dtype=bool)
    active[list(locks)] = False
    chosen = assign(cand, capacity, active)

    pairs: list[Pair] = []
    for i, j in sorted(locks.items()):
        values = criteria_block(enc, np.array([i]))[:, 0, j]
        score = float(scores_from(values, enc.weights))
        pairs.append(_pair(problem, i, j, score, _contributions(enc.weights, values), True))
    for i in np.nonzero(chosen >= 0)[0].tolist():
        k = int(np.nonzero(cand.mentor[i] == chosen[i])[0][0])
        contributions = _contributions(enc.weights, cand.criteria[i, k])
        pairs.append(_pair(problem, i, int(chosen[i]), float(cand.score[i, k]), contributions))

    unmatched = []
    for i in np.nonzero((chosen < 0) & active)[0].tolist():
        if cand.had_positive[i]:
            reason = UnmatchedReason.NO_CAPACITY
        elif cand.had_suitable[i]:
            reason = UnmatchedReason.CONSTRAINT  # only excluded mentors would suit
        else:
            reason = UnmatchedReason.NO_COMPATIBLE_MENTOR
        unmatched.append(Unmatched(problem.mentees[i].id, reason))

    main_mentor = chosen.copy()
    for i, j in locks.items():
        main_mentor[i] = j
    load = np.bincount(main_mentor[main_mentor >= 0], minlength=m)
    full_capacity = np.array([mentor.capacity for mentor in problem.mentors], dtype=np.int64)
    co_mentors = _co_mentors(problem, enc, main_mentor, remaining=full_capacity - load)
    mentor_at = {mentor.id: j for j, mentor in enumerate(problem.mentors)}
    for proposal in co_mentors:
        load[mentor_at[proposal.mentor]] += 1
    under = [
        mentor.id for j, mentor in enumerate(problem.mentors) if 0 < load[j] < mentor.min_caseload
    ]
    return Proposal(
        pairs=pairs,
        unmatched=unmatched,
        co_mentors=co_mentors,
        under_min_caseload=under,
        candidate_edges=cand.edges,
    )


def _pair(
    problem: Problem,
    i: int,
    j: int,
    score: float,
    contributions: tuple[Contribution, ...],
    locked: bool = False,
) -> Pair:
    return Pair(
        mentee=problem.mentees[i].id,
        mentor=problem.mentors[j].id,
        score=round(score, 4),
        contributions=contributions,
        locked=locked,
    )


def _co_mentors(
    problem: Problem, enc: Encoded, main_mentor: np.ndarray, *, remaining: np.ndarray
) -> list[CoMentorProposal]:
    """A co-mentor for each matched mentee whose request their mentor cannot meet."""
    knowers: dict[str, list[int]] = {}
    for j, mentor in enumerate(problem.mentors):
        for term in {normalise(v) for v in (*mentor.subjects, *mentor.roles)}:
            knowers.setdefault(term, []).append(j)
    wanting = [
        i
        for i, mentee in enumerate(problem.mentees)
        if (request := normalise(mentee.co_mentor_request))
        and main_mentor[i] >= 0
        and main_mentor[i] not in knowers.get(request, ())
    ]
    if not wanting:
        return []
    rows = np.array(wanting)
    scores = scores_from(criteria_block(enc, rows), enc.weights).astype(np.float64)
    scores[conflict_block(enc, rows)] = -np.inf
    options = []
    for r, i in enumerate(wanting):
        for j in knowers.get(normalise(problem.mentees[i].co_mentor_request), ()):
            if np.isfinite(scores[r, j]):
                options.append((float(scores[r, j]), i, j))
    options.sort(key=lambda o: (-o[0], o[1], o[2]))
    remaining = remaining.copy()
    given: set[int] = set()
    proposals = []
    for score, i, j in options:
        if i in given or remaining[j] <= 0:
            continue
        given.add(i)
        remaining[j] -= 1
        proposals.append(
            CoMentorProposal(
                mentee=problem.mentees[i].id,
                mentor=problem.mentors[j].id,
                request=problem.mentees[i].co_mentor_request,
                score=round(score, 4),
            )
        )
    return proposals


def greedy(
    problem: Problem, *, candidates_per_mentee: int = 25
) -> tuple[dict[Hashable, Hashable], float]:
    """Baseline for comparison: take the best remaining pair until nothing fits.
    Returns mentee id -> mentor id and the total score. Locks are ignored."""
    enc = encode(problem)
    cand = find_candidates(enc, candidates_per_mentee, problem.min_score)
    remaining = np.array([mentor.capacity for mentor in problem.mentors], dtype=np.int64)
    mentee_idx, k_idx = np.nonzero(cand.mentor >= 0)
    order = np.argsort(-cand.score[mentee_idx, k_idx], kind="stable")
    taken = np.zeros(enc.shape[0], dtype=bool)
    result: dict[Hashable, Hashable] = {}
    total = 0.0
    for i, k in zip(mentee_idx[order].tolist(), k_idx[order].tolist(), strict=True):
        j = int(cand.mentor[i, k])
        if taken[i] or remaining[j] <= 0:
            continue
        taken[i] = True
        remaining[j] -= 1
        result[problem.mentees[i].id] = problem.mentors[j].id
        total += float(cand.score[i, k])
    return result, total
