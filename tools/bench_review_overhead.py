"""Interleaved cost of the issue-7 review checks on the seed: the same process checks the seed
with and without them, alternating, so machine noise hits both alike.

    .venv/bin/python tools/bench_review_overhead.py [ROUNDS]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "benchmarks")]

from shared_paths import SEED, require  # noqa: E402
from test_bench import _without_review_checks  # noqa: E402

from validator.engine import check  # noqa: E402
from validator.report import load_report  # noqa: E402
from validator.ruleset import resolve  # noqa: E402


def main(rounds: int = 300) -> None:
    seed = str(require(SEED))
    full, base = resolve("township"), _without_review_checks("township")
    for profile in (full, base):
        for _ in range(20):
            check(load_report(seed), profile)
    with_checks, without = [], []
    for _ in range(rounds):
        for profile, times in ((full, with_checks), (base, without)):
            start = time.perf_counter()
            check(load_report(seed), profile)
            times.append(time.perf_counter() - start)
    a, b = statistics.median(with_checks) * 1000, statistics.median(without) * 1000
    print(f"seed check, median of {rounds}: with review checks {a:.2f} ms, without {b:.2f} ms, "
          f"overhead {100 * (a / b - 1):.0f}%")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
