"""JSON output for scripts and dashboards: a stable, versioned contract.

Shape: ``{"version": 1, "documents": [Result.to_dict(), ...]}``, described by
``validator/schemas/result.schema.json``. Key order follows ``to_dict`` and nothing depends on
time or environment, so two runs over the same input give byte-identical output (diffable in CI).
The module is not called ``json`` so that ``import json`` below gets the standard library.
"""

from __future__ import annotations

import json

from ..results import Result

VERSION = 1


def document(results: list[Result]) -> dict:
    """The JSON value before serialisation, for callers that want the data, not the text."""
    return {"version": VERSION, "documents": [r.to_dict() for r in results]}


def render(results: list[Result], *, color: bool = False) -> str:
    """Serialise with real Chinese characters (not \\u escapes) and a trailing newline."""
    return json.dumps(document(results), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
