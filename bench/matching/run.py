"""Matching benchmark: synthetic pools, the optimal solver against a greedy baseline.

    .venv/bin/python bench/matching/run.py            # the three sizes, each in its own process
    .venv/bin/python bench/matching/run.py --one 10000 1000

Reports, per size: solve time (scoring, candidates, assignment and explanations),
peak resident memory of the process, total score and matched mentees, then the
same for greedy over the same candidate pairs. Exits non-zero when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

SIZES = [(1_000, 100), (10_000, 1_000), (50_000, 2_500)]
TARGETS = {(10_000, 1_000): (5.0, 1024.0), (50_000, 2_500): (60.0, None)}  # seconds, MB

SUBJECTS = (
    "mathematics statistics physics chemistry biology earth-science english literacy reading "
    "writing history geography civics economics art music drama dance design technology "
    "computing te-reo-māori french spanish mandarin japanese health physical-education "
    "special-education gifted early-literacy numeracy science social-studies business "
    "agriculture food-technology media-studies philosophy religious-education outdoor-education"
).split()
SECTORS = ["early_childhood", "primary", "secondary", "tertiary", "other"]
COUNTRIES = {"NZ": 12, "CA": 13, "AU": 10, "US": -5, "GB": 0, "FJ": 12}
ROLES = ["beginning teacher", "virtual school teacher", "rural teacher", "head of department",
         "teaching assistant", "career changer", "relief teacher"]  # fmt: skip
WORDS = (
    "online engagement attendance feedback assessment rubric inquiry projects wellbeing behaviour "
    "workload isolation planning differentiation literacy numeracy parents whanau community "
    "bilingual culture relationships motivation discussion forums video synchronous asynchronous "
    "rural distance connectivity bandwidth timetable transition induction reflection coaching "
    "observation evidence portfolio standards goals curriculum digital tools accessibility "
    "inclusion neurodiversity trauma restorative questioning collaboration leadership research"
).split()


def synthetic(n: int, m: int, seed: int = 7) -> object:
    from tandem.matching.engine import Mentee, Mentor, Problem

    rng = random.Random(seed)
    regions = {c: [f"{c}-region-{k}" for k in range(5)] for c in COUNTRIES}
    schools = [f"School {k}" for k in range(max(50, (n + m) // 8))]

    def common() -> dict[str, object]:
        country = rng.choice(list(COUNTRIES))
        offset = COUNTRIES[country]
        hours: set[int] = set()
        for _ in range(rng.randint(2, 4)):  # evening blocks in local time, as UTC hours
            day, start = rng.randrange(7), rng.choice([7, 15, 16, 19, 20])
            hours.update((day * 24 + start - offset + h) % 168 for h in range(rng.randint(1, 3)))
        return {
            "subjects": frozenset(rng.sample(SUBJECTS, rng.randint(1, 3))),
            "sector": rng.choice(SECTORS),
            "country": country,
            "region": rng.choice(regions[country]),
            "languages": frozenset({"en"} | ({"mi"} if rng.random() < 0.15 else set())),
            "availability": frozenset(hours),
            "school": rng.choice(schools),
        }

    def words(k: int) -> str:
        return " ".join(rng.choices(WORDS, k=k))

    mentees = [
        Mentee(id=i, role=rng.choice(ROLES), text=words(rng.randint(8, 20)),
               co_mentor_request=rng.choice(SUBJECTS) if rng.random() < 0.05 else "", **common())
        for i in range(n)
    ]  # fmt: skip
    mentors = [
        Mentor(id=f"m{j}", roles=frozenset(rng.sample(ROLES, 2)), text=words(rng.randint(10, 25)),
               capacity=rng.randint(5, 25), **common())
        for j in range(m)
    ]  # fmt: skip
    return Problem(mentees, mentors)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(n: int, m: int) -> dict[str, object]:
    from tandem.matching.engine import greedy, solve

    problem = synthetic(n, m)
    base = rss_mb()
    start = time.perf_counter()
    proposal = solve(problem)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    peak = rss_mb()
    start = time.perf_counter()
    pairs, greedy_total = greedy(problem)  # type: ignore[arg-type]
    greedy_seconds = time.perf_counter() - start
    capacity = sum(mentor.capacity for mentor in problem.mentors)  # type: ignore[attr-defined]
    return {
        "mentees": n, "mentors": m, "capacity": capacity,
        "candidate_pairs": proposal.candidate_edges,
        "solve_s": round(seconds, 2), "peak_rss_mb": round(peak, 1),
        "rss_before_solve_mb": round(base, 1),
        "total_score": round(proposal.total_score, 1), "matched": len(proposal.pairs),
        "co_mentors": len(proposal.co_mentors),
        "greedy_s": round(greedy_seconds, 2), "greedy_total_score": round(greedy_total, 1),
        "greedy_matched": len(pairs),
        "gain_over_greedy_pct": round(100 * (proposal.total_score / greedy_total - 1), 2)
        if greedy_total else 0.0,
    }  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--one", nargs=2, type=int, metavar=("MENTEES", "MENTORS"))
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "matching.json")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(*args.one)))
        return 0
    rows = []
    for n, m in SIZES:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n), str(m)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        r = rows[-1]
        print(
            f"{n:>6,} × {m:>5,}: solve {r['solve_s']:>6} s, peak {r['peak_rss_mb']:>7} MB, "
            f"score {r['total_score']:>12,}, matched {r['matched']:>6,} | greedy {r['greedy_s']:>5} s, "
            f"score {r['greedy_total_score']:>12,}, matched {r['greedy_matched']:>6,} "
            f"(+{r['gain_over_greedy_pct']}%)",
            flush=True,
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    missed = [
        (r["mentees"], r["mentors"])
        for r in rows
        if (target := TARGETS.get((r["mentees"], r["mentors"])))
        and (r["solve_s"] > target[0] or (target[1] is not None and r["peak_rss_mb"] > target[1]))
    ]
    for size in missed:
        print(f"target missed for {size[0]:,} × {size[1]:,}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
