"""Where ../shared is: the seed, the labelled corpus and the external reports (read, never copied).

A fresh clone has no ../shared; every test that needs it skips with one line saying what is
missing and where it goes. REPORT_CHECK_SHARED points elsewhere (a clone in a temporary folder).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("REPORT_CHECK_SHARED") or ROOT.parent / "shared")
SEED = next(iter(sorted((SHARED / "seeds").glob("*.txt"))), SHARED / "seeds" / "<seed>.txt")
CORPUS = SHARED / "corpus"
EXTERNAL = SHARED / "external" / "government_work_reports.jsonl"


def require(path: Path, module: bool = False) -> Path:
    """Skip the test (or the whole module) when a piece of ../shared is not there."""
    if not path.exists():
        pytest.skip(f"{path} is missing: put the shared folder beside the project (../shared) "
                    "or set REPORT_CHECK_SHARED", allow_module_level=module)
    return path
