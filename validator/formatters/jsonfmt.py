"""JSON output for scripts and dashboards: a stable, versioned contract.

Shape: ``{"version": 1, "documents": [Result.to_dict(), ...]}``, described by
``validator/schemas/result.schema.json``. An input that could not be read (or a .doc skipped) is
a document entry ``{path, status: "error"|"skipped", error}``, so a script sees every input;
baseline entries that matched nothing are listed in ``stale_baseline``. Key order follows ``to_dict`` and nothing depends on
time or environment, so two runs over the same input give byte-identical output (diffable in CI).
The module is not called ``json`` so that ``import json`` below gets the standard library.
"""

from __future__ import annotations

import json

from ..results import Result, Run

VERSION = 1


def document(run: Run | list[Result]) -> dict:
    """The JSON value before serialisation, for callers that want the data, not the text."""
    if not isinstance(run, Run):
        run = Run(results=list(run))
    out: dict = {"version": VERSION,
                 "documents": [r.to_dict() for r in run.results] + [u.to_dict() for u in run.unreadable]}
    if run.stale:
        out["stale_baseline"] = [{"path": e.path, "rule": e.rule, "fingerprint": e.fingerprint,
                                  "reason": e.reason} for e in run.stale]
    return out


def render(run: Run, *, color: bool = False) -> str:
    """Serialise with real Chinese characters (not \\u escapes) and a trailing newline."""
    return json.dumps(document(run), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
