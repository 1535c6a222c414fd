"""The fuzz harness (tools/fuzz, out of the default run) stays runnable as the code moves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_short_mutation_run_finds_nothing():
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "fuzz" / "mutate.py"), "--inputs", "30",
                          "--formats", "txt,md,html"], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("0 findings") == 3, run.stdout
