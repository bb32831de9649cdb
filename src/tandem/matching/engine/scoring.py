"""Pair scores from weighted criteria, computed a block of mentees at a time.

Each criterion gives a value in [0, 1] for a mentee–mentor pair; a pair's score
is ``100 × Σ weight × value / Σ weight``. Categorical fields become sparse
indicator matrices so a block of mentees against every mentor is a handful of
sparse products, never a Python loop over pairs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .model import CRITERIA, MAX_SCORE, Mentee, Mentor, Problem

HOURS_PER_WEEK = 168
# Four shared free hours a week are plenty to find a monthly meeting time.
AVAILABILITY_ENOUGH = 4.0
STOPWORDS = frozenset(
    "the and for with that this from have has are was were our their they them about into "
    "how what when who why which more most some such than then there these those very can "
    "will would could should also just like want get help using use being been its it's".split()
)
WORD = re.compile(r"[^\W\d_]{3,}")


def normalise(value: str) -> str:
    return " ".join(value.casefold().split())


class _Codes:
    """Stable integer codes for strings; '' is -1 (unknown never matches)."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def code(self, value: str) -> int:
        value = normalise(value)
        if not value:
            return -1
        return self.index.setdefault(value, len(self.index))

    def codes(self, values: Iterable[str]) -> np.ndarray:
        return np.fromiter((self.code(v) for v in values), dtype=np.int64)

    def indicator(self, sets: Sequence[Iterable[str]]) -> sp.csr_matrix:
        rows, cols = [], []
        for i, values in enumerate(sets):
            for c in {self.code(v) for v in values} - {-1}:
                rows.append(i)
                cols.append(c)
        return sp.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)),
            shape=(len(sets), max(len(self.index), 1)),
        )


def tfidf(documents: Sequence[str]) -> sp.csr_matrix:
    """Sublinear TF-IDF rows, L2-normalised, so a row product is a cosine."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, doc in enumerate(documents):
        counts: dict[int, int] = {}
        for word in WORD.findall(doc.casefold()):
            if word in STOPWORDS:
                continue
            j = vocab.setdefault(word, len(vocab))
            counts[j] = counts.get(j, 0) + 1
        for j, c in counts.items():
            rows.append(i)
            cols.append(j)
            vals.append(1.0 + math.log(c))
    matrix = sp.csr_matrix(
        (np.asarray(vals, dtype=np.float32), (rows, cols)),
        shape=(len(documents), max(len(vocab), 1)),
    )
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = (np.log((1 + len(documents)) / (1 + df)) + 1).astype(np.float32)
    matrix = sp.csr_matrix(matrix @ sp.diags(idf))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sp.csr_matrix(sp.diags(1 / norms) @ matrix)


def _availability(people: Sequence[Mentee] | Sequence[Mentor]) -> np.ndarray:
    grid = np.zeros((len(people), HOURS_PER_WEEK), dtype=np.float32)
    for i, person in enumerate(people):
        hours = [h for h in person.availability if 0 <= h < HOURS_PER_WEEK]
        grid[i, hours] = 1
    return grid


@dataclass
class Encoded:
    """A problem's people as arrays; built once, scored block by block."""

    weights: np.ndarray  # per criterion, in CRITERIA order, normalised to sum 1
    mentee_subjects: sp.csr_matrix
    mentee_subject_count: np.ndarray
    mentor_subjects_t: sp.csc_matrix
    mentee_sector: np.ndarray
    mentor_sector: np.ndarray
    mentee_role: sp.csr_matrix
    mentor_roles_t: sp.csc_matrix
    mentee_region: np.ndarray
    mentor_region: np.ndarray
    mentee_country: np.ndarray
    mentor_country: np.ndarray
    mentee_languages: sp.csr_matrix
    mentor_languages_t: sp.csc_matrix
    mentee_hours: np.ndarray
    mentor_hours_t: np.ndarray
    mentee_text: sp.csr_matrix
    mentor_text_t: sp.csc_matrix
    mentee_school: np.ndarray
    mentor_school: np.ndarray
    excluded: dict[int, set[int]]  # mentee index -> mentor indexes never allowed

    @property
    def shape(self) -> tuple[int, int]:
        return self.mentee_subjects.shape[0], self.mentor_subjects_t.shape[1]


def encode(problem: Problem) -> Encoded:
    mentees, mentors = problem.mentees, problem.mentors
    raw = np.array([float(problem.weights.get(c, 0.0)) for c in CRITERIA], dtype=np.float32)
    weights = raw / raw.sum() if raw.sum() > 0 else raw

    subjects, sectors, roles, regions = _Codes(), _Codes(), _Codes(), _Codes()
    countries, languages, schools = _Codes(), _Codes(), _Codes()
    mentee_subjects = subjects.indicator([m.subjects for m in mentees])
    mentor_subjects = subjects.indicator([m.subjects for m in mentors])
    mentee_subjects = _pad(mentee_subjects, len(subjects.index))
    mentee_role = roles.indicator([[m.role] for m in mentees])
    mentor_roles = roles.indicator([m.roles for m in mentors])
    mentee_role = _pad(mentee_role, len(roles.index))
    mentee_langs = languages.indicator([m.languages for m in mentees])
    mentor_langs = languages.indicator([m.languages for m in mentors])
    mentee_langs = _pad(mentee_langs, len(languages.index))
    text = tfidf([m.text for m in mentees] + [m.text for m in mentors])

    index_of_mentee = {m.id: i for i, m in enumerate(mentees)}
    index_of_mentor = {m.id: j for j, m in enumerate(mentors)}
    excluded: dict[int, set[int]] = {}
    for mentee_id, mentor_id in problem.forbidden | problem.previous:
        if mentee_id in index_of_mentee and mentor_id in index_of_mentor:
            excluded.setdefault(index_of_mentee[mentee_id], set()).add(index_of_mentor[mentor_id])
    for i, mentee in enumerate(mentees):
        for other in mentee.line_relations:
            if other in index_of_mentor:
                excluded.setdefault(i, set()).add(index_of_mentor[other])
    for j, mentor in enumerate(mentors):
        for other in mentor.line_relations:
            if other in index_of_mentee:
                excluded.setdefault(index_of_mentee[other], set()).add(j)

    return Encoded(
        weights=weights,
        mentee_subjects=mentee_subjects,
        mentee_subject_count=np.asarray(mentee_subjects.sum(axis=1)).ravel(),
        mentor_subjects_t=_pad(mentor_subjects, mentee_subjects.shape[1]).T.tocsc(),
        mentee_sector=sectors.codes(m.sector for m in mentees),
        mentor_sector=sectors.codes(m.sector for m in mentors),
        mentee_role=mentee_role,
        mentor_roles_t=_pad(mentor_roles, mentee_role.shape[1]).T.tocsc(),
        mentee_region=regions.codes(m.region for m in mentees),
        mentor_region=regions.codes(m.region for m in mentors),
        mentee_country=countries.codes(m.country for m in mentees),
        mentor_country=countries.codes(m.country for m in mentors),
        mentee_languages=mentee_langs,
        mentor_languages_t=_pad(mentor_langs, mentee_langs.shape[1]).T.tocsc(),
        mentee_hours=_availability(mentees),
        mentor_hours_t=np.ascontiguousarray(_availability(mentors).T),
        mentee_text=sp.csr_matrix(text[: len(mentees)]),
        mentor_text_t=sp.csr_matrix(text[len(mentees) :]).T.tocsc(),
        mentee_school=schools.codes(m.school for m in mentees),
        mentor_school=schools.codes(m.school for m in mentors),
        excluded=excluded,
    )


def _pad(matrix: sp.csr_matrix, columns: int) -> sp.csr_matrix:
    """Indicator matrices built before a vocabulary grew get the missing columns."""
    if matrix.shape[1] >= columns:
        return matrix
    matrix = sp.csr_matrix(matrix)
    matrix.resize((matrix.shape[0], columns))
    return matrix


def _same(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a[:, None] == b[None, :]) & (a[:, None] >= 0)


def criteria_block(enc: Encoded, rows: np.ndarray) -> np.ndarray:
    """Criterion values for the mentees at ``rows`` × every mentor: (criteria, rows, mentors)."""
    subj = (enc.mentee_subjects[rows] @ enc.mentor_subjects_t).toarray()
    counts = enc.mentee_subject_count[rows][:, None]
    out = np.empty((len(CRITERIA), subj.shape[0], subj.shape[1]), dtype=np.float32)
    out[0] = np.divide(subj, counts, out=np.zeros_like(subj), where=counts > 0)
    out[1] = _same(enc.mentee_sector[rows], enc.mentor_sector)
    out[2] = (enc.mentee_role[rows] @ enc.mentor_roles_t).toarray() > 0
    same_country = _same(enc.mentee_country[rows], enc.mentor_country)
    out[3] = np.where(_same(enc.mentee_region[rows], enc.mentor_region), 1.0, 0.5 * same_country)
    out[4] = np.minimum(enc.mentee_hours[rows] @ enc.mentor_hours_t / AVAILABILITY_ENOUGH, 1.0)
    out[5] = (enc.mentee_languages[rows] @ enc.mentor_languages_t).toarray() > 0
    out[6] = np.clip((enc.mentee_text[rows] @ enc.mentor_text_t).toarray(), 0, 1)
    return out


def scores_from(criteria: np.ndarray, weights: np.ndarray) -> np.ndarray:
    return np.tensordot(weights, criteria, axes=1) * MAX_SCORE


def conflict_block(enc: Encoded, rows: np.ndarray) -> np.ndarray:
    """True where the pair may never be proposed (same school or an excluded pair)."""
    conflict = _same(enc.mentee_school[rows], enc.mentor_school)
    for r, i in enumerate(rows.tolist()):
        for j in enc.excluded.get(i, ()):
            conflict[r, j] = True
    return conflict


def score_matrix(problem: Problem) -> np.ndarray:
    """Every pair's score, ``-inf`` where the pair is not allowed. For small problems."""
    enc = encode(problem)
    everyone = np.arange(enc.shape[0])
    scores = scores_from(criteria_block(enc, everyone), enc.weights).astype(np.float64)
    scores[conflict_block(enc, everyone)] = -np.inf
    return scores
