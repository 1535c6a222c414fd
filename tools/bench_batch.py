"""Batch throughput on N copies of the seed, measured in one run, commands interleaved:

- report-check with --jobs 1 and --jobs 2 (jsonl, the streaming path a CI job uses);
- markdownlint-cli2 with only its required-headings rule (MD043) on the same files, the nearest
  maintained linter doing a comparable structure check (give its path with --markdownlint);
- a floor: one Python process that only reads, decodes and scans every file with one regular
  expression, so the distance between report-check and doing nothing useful is stated.

    .venv/bin/python tools/bench_batch.py [--files 600] [--rounds 3] [--markdownlint PATH]

Copies are written as .md (markdownlint reads only Markdown; report-check reads both) into a
temporary folder. Each figure is the median wall time of the rounds, start-up included.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from shared_paths import SEED, require  # noqa: E402

FLOOR = """
import re, sys
from pathlib import Path
rx = re.compile(r"[一二三四五六七八九十]+、[^\\n]*")
n = 0
for p in sorted(Path(sys.argv[1]).glob("*.md")):
    n += len(rx.findall(p.read_bytes().decode("utf-8")))
print(n)
"""


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=600)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--markdownlint", help="the markdownlint-cli2 executable (npm install markdownlint-cli2)")
    args = ap.parse_args()
    seed = require(SEED).read_text(encoding="utf-8")
    folder = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        for i in range(args.files):
            (folder / f"r{i:05d}.md").write_text(seed, encoding="utf-8")
        rc = str(Path(sys.executable).with_name("report-check"))
        commands = {
            "report-check --jobs 1": [rc, "check", str(folder), "--format", "jsonl", "--jobs", "1"],
            "report-check --jobs 2": [rc, "check", str(folder), "--format", "jsonl", "--jobs", "2"],
            "floor: read, decode, one regex": [sys.executable, "-c", FLOOR, str(folder)],
        }
        if args.markdownlint:
            (folder / ".markdownlint-cli2.jsonc").write_text(json.dumps({"config": {
                "default": False, "MD043": {"headings": ["# *", "*"]}}}), encoding="utf-8")
            commands["markdownlint-cli2, MD043 only"] = [args.markdownlint, str(folder / "*.md")]
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, cmd in commands.items():
                times[name].append(_time(cmd))
        print(f"{args.files} copies of the seed, median of {args.rounds} rounds:")
        for name, got in times.items():
            t = statistics.median(got)
            print(f"  {name:34s} {t:6.2f} s  {args.files / t:6.0f} reports/s")
        one, two = (statistics.median(times[f"report-check --jobs {j}"]) for j in (1, 2))
        print(f"  --jobs 2 / --jobs 1: {one / two:.2f}x")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
