"""Interleaved cost of the issue-7 review checks on the seed and the shared corpus: the same
process checks every report with and without them, alternating round by round, so machine noise
hits both alike. A check is the whole of ``check_path``: read, analyse, infer the profile, check.

    .venv/bin/python tools/bench_review_overhead.py [ROUNDS]
    .venv/bin/python tools/bench_review_overhead.py --instructions   # needs valgrind

Wall time on a shared 2-core machine moves by ±20% from run to run, which is the size of the
ceiling being tested. ``--instructions`` counts instructions instead (valgrind's callgrind):
the seed and the corpus checked 10 times with and 10 times without the review checks, less a run
of none to take out start-up; the same count every time, whatever else the machine is doing.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "benchmarks")]

from shared_paths import CORPUS, SEED, require  # noqa: E402
from test_bench import REVIEW_FAMILIES, _without_review_checks  # noqa: E402

from validator.checker import check_path, read_and_analyse  # noqa: E402
from validator.ruleset import infer_profile, resolve  # noqa: E402


def _profiles(paths: list[str]) -> tuple[dict, dict]:
    names = {infer_profile(r.meta.unit, r.meta.cue)[0] for r in map(read_and_analyse, paths)}
    return {n: resolve(n) for n in names}, {n: _without_review_checks(n) for n in names}


def _round(paths: list[str], profiles: dict) -> float:
    start = time.perf_counter()
    for path in paths:
        check_path(path, resolved=profiles)
    return time.perf_counter() - start


def measure(label: str, paths: list[str], rounds: int) -> None:
    full, base = _profiles(paths)
    assert any(r.id.startswith(REVIEW_FAMILIES) for p in full.values() for r in p.rules)
    for _ in range(10):
        _round(paths, full), _round(paths, base)
    with_checks, without = [], []
    for _ in range(rounds):
        with_checks.append(_round(paths, full))
        without.append(_round(paths, base))
    a = statistics.median(with_checks) * 1000 / len(paths)
    b = statistics.median(without) * 1000 / len(paths)
    print(f"{label} ({len(paths)} reports), median of {rounds} rounds, per report: with the review checks "
          f"{a:.2f} ms, without {b:.2f} ms, overhead {100 * (a / b - 1):.1f}%")


def _paths() -> list[str]:
    corpus = sorted(str(p) for p in require(CORPUS).iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")
    return [str(require(SEED)), *corpus]


def _child(which: str, rounds: int) -> None:
    """What one callgrind run executes: a warm-up round, then ``rounds`` rounds of one profile set."""
    paths = _paths()
    full, base = _profiles(paths)
    profiles = full if which == "full" else base
    for _ in range(rounds + 1):
        _round(paths, profiles)


def _count(which: str, rounds: int) -> int:
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                          __file__, "--child", which, str(rounds)], capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", out.stderr).group(1))


def instructions(rounds: int = 10) -> None:
    n = len(_paths())
    got = {w: _count(w, rounds) - _count(w, 0) for w in ("full", "base")}
    a, b = (got[w] / rounds / n / 1e6 for w in ("full", "base"))
    print(f"seed + corpus ({n} reports), instructions per report: with the review checks {a:.1f} M, "
          f"without {b:.1f} M, overhead {100 * (a / b - 1):.1f}%")


def main(rounds: int = 200) -> None:
    paths = _paths()
    measure("seed", paths[:1], rounds)
    measure("corpus", paths[1:], max(20, rounds // 5))
    measure("seed + corpus", paths, max(20, rounds // 5))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1:2] == ["--instructions"]:
        instructions()
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
