"""The matching engine against an exact brute force, on small random instances."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.matching.engine import (
    CRITERIA,
    ImpossibleConstraints,
    Mentee,
    Mentor,
    Problem,
    UnmatchedReason,
    greedy,
    score_matrix,
    solve,
)

SUBJECTS = ["maths", "science", "english", "art", "te reo māori"]
SECTORS = ["primary", "secondary", ""]
WORDS = ["algebra", "reading", "behaviour", "online", "assessment", "wellbeing", "projects"]
SCHOOLS = ["", "", "ruatoria", "haast"]

people = dict(
    subjects=st.frozensets(st.sampled_from(SUBJECTS), max_size=3),
    sector=st.sampled_from(SECTORS),
    region=st.sampled_from(["", "north", "south"]),
    country=st.sampled_from(["", "NZ", "CA"]),
    languages=st.frozensets(st.sampled_from(["en", "mi", "fr"]), max_size=2),
    availability=st.frozensets(st.integers(0, 23), max_size=6),
    school=st.sampled_from(SCHOOLS),
)
text = st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join)


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    n = draw(st.integers(0, 5))
    m = draw(st.integers(0, 3))
    mentees = [
        Mentee(
            id=f"e{i}",
            role=draw(st.sampled_from(["", "beginning teacher", "virtual teacher"])),
            text=draw(text),
            co_mentor_request=draw(st.sampled_from(["", "art", "virtual teacher"])),
            **{k: draw(v) for k, v in people.items()},
        )
        for i in range(n)
    ]
    mentors = [
        Mentor(
            id=f"o{j}",
            roles=draw(st.frozensets(st.sampled_from(["beginning teacher", "virtual teacher"]))),
            text=draw(text),
            capacity=draw(st.integers(0, 2)),
            **{k: draw(v) for k, v in people.items()},
        )
        for j in range(m)
    ]
    pairs = [(a.id, b.id) for a in mentees for b in mentors]
    forbidden = set(draw(st.lists(st.sampled_from(pairs), max_size=2))) if pairs else set()
    previous = set(draw(st.lists(st.sampled_from(pairs), max_size=1))) if pairs else set()
    weights = {c: draw(st.sampled_from([0.0, 1.0, 2.5])) for c in CRITERIA}
    return Problem(
        mentees, mentors, weights=weights, forbidden=forbidden, previous=previous,
        min_score=draw(st.sampled_from([0.0, 10.0])),
    )  # fmt: skip


def brute_force(problem: Problem, scores: np.ndarray) -> float:
    n, m = scores.shape
    caps = [mentor.capacity for mentor in problem.mentors]
    options = [[None, *(j for j in range(m) if scores[i, j] > problem.min_score)] for i in range(n)]
    best = 0.0
    for choice in itertools.product(*options):
        load = Counter(j for j in choice if j is not None)
        if any(load[j] > caps[j] for j in load):
            continue
        best = max(best, sum(scores[i, j] for i, j in enumerate(choice) if j is not None))
    return best


def check_feasible(problem: Problem, pairs: dict[str, str]) -> None:
    capacity = {m.id: m.capacity for m in problem.mentors}
    for mentor, count in Counter(pairs.values()).items():
        assert count <= capacity[mentor]
    schools = {p.id: p.school for p in [*problem.mentees, *problem.mentors]}
    for mentee, mentor in pairs.items():
        assert (mentee, mentor) not in problem.forbidden | problem.previous
        assert not schools[mentee] or schools[mentee] != schools[mentor]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_solver_is_optimal_feasible_and_never_below_greedy(problem: Problem) -> None:
    scores = score_matrix(problem)
    proposal = solve(problem, candidates_per_mentee=10)
    pairs = {p.mentee: p.mentor for p in proposal.pairs}
    assert len(pairs) == len(proposal.pairs)  # nobody matched twice
    check_feasible(problem, pairs)
    assert proposal.total_score == pytest.approx(brute_force(problem, scores), abs=1e-3)
    _assignment, greedy_total = greedy(problem, candidates_per_mentee=10)
    assert proposal.total_score >= greedy_total - 1e-3
    # Everyone is either matched or has a reason.
    assert {p.mentee for p in proposal.pairs} | {u.mentee for u in proposal.unmatched} == {
        m.id for m in problem.mentees
    }
    for pair in proposal.pairs:
        assert sum(c.points for c in pair.contributions) == pytest.approx(pair.score, abs=0.5)


@settings(max_examples=150, deadline=None)
@given(problems(), st.data())
def test_locked_pairs_are_kept_and_the_rest_is_optimal(
    problem: Problem, data: st.DataObject
) -> None:
    scores = score_matrix(problem)
    allowed = [
        (i, j)
        for i in range(len(problem.mentees))
        for j, mentor in enumerate(problem.mentors)
        if np.isfinite(scores[i, j]) and mentor.capacity > 0
    ]
    if not allowed:
        return
    i, j = data.draw(st.sampled_from(allowed))
    mentee, mentor = problem.mentees[i].id, problem.mentors[j].id
    problem.locked = {(mentee, mentor)}
    proposal = solve(problem, candidates_per_mentee=10)
    pairs = {p.mentee: p.mentor for p in proposal.pairs}
    assert pairs[mentee] == mentor
    assert [p.locked for p in proposal.pairs if p.mentee == mentee] == [True]
    check_feasible(problem, pairs)
    # Optimal for the others: brute force with the lock applied.
    rest = scores.copy()
    rest[i, :] = -np.inf
    rest_problem = Problem(
        problem.mentees, [
            Mentor(**{**vars(m), "capacity": m.capacity - (k == j)})
            for k, m in enumerate(problem.mentors)
        ], weights=problem.weights, min_score=problem.min_score,
    )  # fmt: skip
    others = sum(p.score for p in proposal.pairs if not p.locked)
    assert others == pytest.approx(brute_force(rest_problem, rest), abs=1e-3)


def teacher(id: str, **kwargs: object) -> Mentee:
    return Mentee(id=id, **kwargs)  # type: ignore[arg-type]


def test_explanations_and_reasons_read_like_a_committee_would() -> None:
    problem = Problem(
        mentees=[
            teacher("aroha", subjects=frozenset({"Maths"}), sector="secondary",
                    text="Keeping online algebra lessons interactive", co_mentor_request="Te reo Māori"),
            teacher("ben", subjects=frozenset({"Maths"}), sector="secondary"),
            teacher("chloé", subjects=frozenset({"Dance"}), school="Haast School"),
            teacher("dev", subjects=frozenset({"Art"})),
        ],
        mentors=[
            Mentor(id="mereana", subjects=frozenset({"maths"}), sector="secondary",
                   text="Interactive algebra online; assessment", capacity=1),
            Mentor(id="hyun-woo", subjects=frozenset({"dance"}), school="haast school", capacity=3),
            Mentor(id="rangi", subjects=frozenset({"te reo māori"}), capacity=2, min_caseload=3),
        ],
    )  # fmt: skip
    proposal = solve(problem)
    pairs = {p.mentee: p for p in proposal.pairs}
    assert pairs["aroha"].mentor == "mereana"
    top = pairs["aroha"].contributions[0]
    assert top.label in {"Subjects or disciplines in common", "Same sector"}
    assert top.points > 0
    reasons = {u.mentee: u.reason for u in proposal.unmatched}
    assert reasons["ben"] == UnmatchedReason.NO_CAPACITY
    assert reasons["chloé"] == UnmatchedReason.CONSTRAINT  # same school as the only dance mentor
    assert reasons["dev"] == UnmatchedReason.NO_COMPATIBLE_MENTOR
    assert [(c.mentee, c.mentor) for c in proposal.co_mentors] == [("aroha", "rangi")]
    assert proposal.under_min_caseload == ["rangi"]
    assert "full" in next(u for u in proposal.unmatched if u.mentee == "ben").explanation


def test_line_relations_keep_supervision_apart_from_mentoring() -> None:
    problem = Problem(
        mentees=[
            teacher("kiri", subjects=frozenset({"science"}), line_relations=frozenset({"graham"}))
        ],
        mentors=[Mentor(id="graham", subjects=frozenset({"science"}), capacity=5)],
    )
    assert solve(problem).unmatched[0].reason == UnmatchedReason.CONSTRAINT


@pytest.mark.parametrize(
    ("locked", "message"),
    [
        ({("kiri", "nobody")}, "not in this round"),
        ({("kiri", "graham"), ("kiri", "mereana")}, "locked to two mentors"),
        ({("kiri", "graham"), ("sam", "graham")}, "room for 1"),
        ({("tia", "graham")}, "forbidden"),
    ],
)
def test_impossible_locks_are_refused_with_a_reason(
    locked: set[tuple[str, str]], message: str
) -> None:
    problem = Problem(
        mentees=[teacher("kiri"), teacher("sam"), teacher("tia")],
        mentors=[Mentor(id="graham", capacity=1), Mentor(id="mereana", capacity=1)],
        forbidden={("tia", "graham")},
        locked=locked,
    )
    with pytest.raises(ImpossibleConstraints, match=message):
        solve(problem)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weights": {"shoe size": 1.0}}, "Unknown matching criteria"),
        ({"weights": {"sector": -1.0}}, "negative"),
        ({"mentors": [Mentor(id="x", capacity=-1)]}, "capacity"),
        ({"mentees": [teacher("a"), teacher("a")]}, "share an id"),
    ],
)
def test_invalid_problems_are_refused_with_a_reason(
    kwargs: dict[str, object], message: str
) -> None:
    base: dict[str, object] = {"mentees": [], "mentors": []}
    with pytest.raises(ImpossibleConstraints, match=message):
        Problem(**{**base, **kwargs})  # type: ignore[arg-type]


def test_empty_pools_give_an_empty_proposal() -> None:
    assert solve(Problem([], [])).pairs == []
    alone = solve(Problem([teacher("kiri", subjects=frozenset({"art"}))], []))
    assert [u.reason for u in alone.unmatched] == [UnmatchedReason.NO_COMPATIBLE_MENTOR]
