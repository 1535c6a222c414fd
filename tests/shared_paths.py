"""Where ../shared is: the seed, the labelled corpus and the external reports (read, never copied)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = sorted((SHARED / "seeds").glob("*.txt"))[0]
CORPUS = SHARED / "corpus"
EXTERNAL = SHARED / "external" / "government_work_reports.jsonl"
