"""Rule kinds: one module each, registered here by the name rule files use in ``kind``.

Each module exposes ``check(options, ctx) -> Outcome``; its docstring is what `rules explain`
shows about how the kind decides.
"""

from __future__ import annotations

import importlib

KINDS: dict[str, str] = {
    "part": "part",
    "mention": "mention",
    "figure": "figure",
    "range": "range_",
    "report-year": "report_year",
    "plan-year": "plan_year",
    "deadline": "deadline",
    "forbid": "forbid",
    "furniture": "furniture",
    "title": "title",
    "subject": "subject",
}


def get(kind: str):
    """The module implementing a kind."""
    return importlib.import_module(f"{__name__}.{KINDS[kind]}")
