"""The engine's inputs and outputs, as plain dataclasses."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

# Criterion key -> what the committee reads in an explanation.
CRITERIA: dict[str, str] = {
    "subjects": "Subjects or disciplines in common",
    "sector": "Same sector",
    "role": "Knows the mentee's role",
    "region": "Same region or country",
    "availability": "Shared free hours (time zones)",
    "language": "A language in common",
    "text": "Interests and challenges match expertise",
}
MAX_SCORE = 100.0


@dataclass(frozen=True)
class Person:
    id: Hashable
    subjects: frozenset[str] = frozenset()
    sector: str = ""
    region: str = ""
    country: str = ""
    languages: frozenset[str] = frozenset()
    # Hours of the week (0 = Monday 00:00 UTC … 167) the person can meet.
    availability: frozenset[int] = frozenset()
    school: str = ""  # same school = conflict of interest
    # People this person reports to or supervises: never matched with them.
    line_relations: frozenset[Hashable] = frozenset()


@dataclass(frozen=True)
class Mentee(Person):
    role: str = ""  # e.g. "beginning teacher", "virtual school teacher"
    text: str = ""  # interests, experiences, challenges, hopes
    # A discipline or role the mentee wants a co-mentor for ("", if none).
    co_mentor_request: str = ""


@dataclass(frozen=True)
class Mentor(Person):
    roles: frozenset[str] = frozenset()  # roles the mentor knows from experience
    text: str = ""  # expertise
    capacity: int = 1  # most mentees at once
    min_caseload: int = 0  # reported when not reached, never forced


@dataclass
class Problem:
    mentees: list[Mentee]
    mentors: list[Mentor]
    weights: Mapping[str, float] = field(default_factory=lambda: dict.fromkeys(CRITERIA, 1.0))
    locked: set[tuple[Hashable, Hashable]] = field(default_factory=set)  # (mentee id, mentor id)
    forbidden: set[tuple[Hashable, Hashable]] = field(default_factory=set)
    previous: set[tuple[Hashable, Hashable]] = field(default_factory=set)  # not again
    min_score: float = 0.0  # a pair must score above this to be proposed

    def __post_init__(self) -> None:
        unknown = set(self.weights) - set(CRITERIA)
        if unknown:
            raise ImpossibleConstraints(f"Unknown matching criteria: {', '.join(sorted(unknown))}.")
        if any(w < 0 for w in self.weights.values()):
            raise ImpossibleConstraints("Criterion weights cannot be negative.")
        for kind, people in (("mentee", self.mentees), ("mentor", self.mentors)):
            ids = [p.id for p in people]
            if len(set(ids)) != len(ids):
                raise ImpossibleConstraints(f"Two {kind}s share an id.")
        if any(m.capacity < 0 for m in self.mentors):
            raise ImpossibleConstraints("A mentor's capacity cannot be negative.")


class ImpossibleConstraints(ValueError):
    """The problem as given cannot be solved; the message says why."""


@dataclass(frozen=True)
class Contribution:
    criterion: str
    label: str
    points: float


@dataclass(frozen=True)
class Pair:
    mentee: Hashable
    mentor: Hashable
    score: float
    contributions: tuple[Contribution, ...]  # largest first
    locked: bool = False


class UnmatchedReason(StrEnum):
    NO_CAPACITY = "no_capacity"
    NO_COMPATIBLE_MENTOR = "no_compatible_mentor"
    CONSTRAINT = "constraint"


UNMATCHED_TEXT = {
    UnmatchedReason.NO_CAPACITY: "Every mentor who suits them is full with mentees they suit better.",
    UnmatchedReason.NO_COMPATIBLE_MENTOR: "No mentor has anything in common with them on the weighted criteria.",
    UnmatchedReason.CONSTRAINT: "The only mentors who would suit them are excluded (same school, line relation, forbidden or previous pairing).",
}


@dataclass(frozen=True)
class Unmatched:
    mentee: Hashable
    reason: UnmatchedReason

    @property
    def explanation(self) -> str:
        return UNMATCHED_TEXT[self.reason]


@dataclass(frozen=True)
class CoMentorProposal:
    mentee: Hashable
    mentor: Hashable
    request: str
    score: float


@dataclass
class Proposal:
    pairs: list[Pair]
    unmatched: list[Unmatched]
    co_mentors: list[CoMentorProposal]
    under_min_caseload: list[Hashable]  # mentors below their minimum
    candidate_edges: int

    @property
    def total_score(self) -> float:
        return float(sum(p.score for p in self.pairs))
