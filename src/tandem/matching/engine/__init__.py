"""Tandem's matching engine: scores, constraints, a globally optimal assignment
with mentor capacities, explanations, co-mentor proposals and a greedy baseline.

Nothing here imports Django; the Django app converts its rows into
:class:`Mentee`/:class:`Mentor` and reads back a :class:`Proposal`.
"""

from .model import (
    CRITERIA,
    CoMentorProposal,
    Contribution,
    ImpossibleConstraints,
    Mentee,
    Mentor,
    Pair,
    Problem,
    Proposal,
    Unmatched,
    UnmatchedReason,
)
from .scoring import score_matrix
from .solver import greedy, solve

__all__ = [
    "CRITERIA",
    "CoMentorProposal",
    "Contribution",
    "ImpossibleConstraints",
    "Mentee",
    "Mentor",
    "Pair",
    "Problem",
    "Proposal",
    "Unmatched",
    "UnmatchedReason",
    "greedy",
    "score_matrix",
    "solve",
]
