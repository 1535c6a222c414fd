"""Instruction-count harness for the in-process hot spots of issue 10 (figures in BENCHMARKS.md).

    valgrind --tool=callgrind --callgrind-out-file=/dev/null .venv/bin/python \
        tests/benchmarks/hot_spots.py SPOT [ROUNDS]

SPOT is placeholder, normalize, wrap, json, check or none; every spot does the same set-up (the
seed and the corpus read and analysed, the township profile resolved) and ``none`` stops there,
so a spot's cost is its 'Collected' count minus that of ``none``, divided by ROUNDS and by the
number of reports. Wall time is printed too (noisy on a shared machine).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shared_paths import CORPUS, SEED  # noqa: E402
from validator.checker import check_report  # noqa: E402
from validator.engine import run_rule  # noqa: E402
from validator.kinds.base import Context  # noqa: E402
from validator.normalize import normalize  # noqa: E402
from validator.readers import text as text_reader  # noqa: E402
from validator.report import load_report  # noqa: E402
from validator.ruleset import resolve  # noqa: E402

FILES = [SEED, *sorted(p for p in CORPUS.glob("*") if p.suffix in (".txt", ".md") and p.stem != "README")]


def main(spot: str, rounds: int) -> None:
    reports = [load_report(str(p)) for p in FILES]
    raw = [p.read_text(encoding="utf-8").split("\n") for p in FILES]
    profile = resolve("township")
    placeholder = next(r for r in profile.rules if r.id == "hygiene.placeholder")
    seed_result = check_report(load_report(str(SEED)))
    from validator.formatters import jsonfmt
    from validator.results import Run

    run = Run(results=[seed_result])
    for report in reports:  # warm every cache a first file fills (compiled patterns, joined text)
        run_rule(placeholder, Context(report=report))
    started = time.perf_counter()
    for _ in range(rounds if spot != "none" else 0):
        if spot == "placeholder":
            for report in reports:
                run_rule(placeholder, Context(report=report))
        elif spot == "normalize":
            for lines in raw:
                for line in lines:
                    normalize(line)
        elif spot == "wrap":
            for lines in raw:
                text_reader._paragraphs(lines)
        elif spot == "json":
            jsonfmt.render(run)
        elif spot == "check":
            check_report(load_report(str(SEED)))
        else:
            raise SystemExit(f"unknown spot {spot}")
    elapsed = time.perf_counter() - started
    per = rounds * (1 if spot in ("json", "check") else len(FILES))
    if spot != "none":
        print(f"{spot}: {elapsed / per * 1e3:.4f} ms per report ({len(FILES)} reports, {rounds} rounds)")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20)
