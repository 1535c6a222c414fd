"""Run report-check commands on one file in this process and print one JSON line per command.

tests/test_fuzz_regressions.py starts this in a subprocess per file (one interpreter start for
the four commands, a hard time limit around it) and judges what a user would have seen.
"""

from __future__ import annotations

import json
import sys
import time
import traceback

from click.testing import CliRunner

from validator.cli import main

COMMANDS = (("outline",), ("outline", "--format", "json"), ("check",), ("check", "--format", "json"))

if __name__ == "__main__":
    path = sys.argv[1]
    for args in COMMANDS:
        start = time.perf_counter()
        result = CliRunner().invoke(main, [*args, path])
        crash = None
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            crash = "".join(traceback.format_exception(result.exception))[-2000:]
        print(json.dumps({"args": list(args), "exit": result.exit_code, "stdout": result.stdout,
                          "stderr": result.stderr, "crash": crash,
                          "seconds": round(time.perf_counter() - start, 2)}, ensure_ascii=False), flush=True)
