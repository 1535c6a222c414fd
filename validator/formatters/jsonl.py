"""JSON Lines for batches: one document per line, written as soon as that report is checked.

Each line is what ``json`` puts in its ``documents`` list (a Result, or an unreadable input
``{path, status, error}``), so a pipeline can process a province's reports while the run goes on
and nothing has to be held until the end. Rendered with the C encoder (no indentation).
"""

from __future__ import annotations

import json

from ..results import Result, Run, Unreadable

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def line(outcome: Result | Unreadable) -> str:
    """One report's line, newline included."""
    return _encode(outcome.to_dict()) + "\n"


def render(run: Run, *, color: bool = False) -> str:
    return "".join(line(o) for o in [*run.results, *run.unreadable])
