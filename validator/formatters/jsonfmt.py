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
from json.encoder import c_make_encoder
from json.encoder import encode_basestring as _KEY

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
    return pretty(document(run)) + "\n"


def pretty(value) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, byte for byte, mostly in C.

    With ``indent`` the standard library encodes in Python; without, in C. Each run of
    scalar members of an object or array is encoded in one C call whose item separator carries
    the newline and indentation of its depth, so only the nesting is walked in Python."""
    try:
        return _nested(value, 0) if value and isinstance(value, _NESTING) else _scalars(0)(value)
    except _NotPlain:
        return json.dumps(value, ensure_ascii=False, indent=2)


class _NotPlain(Exception):
    """An object key that is not a string: left to the standard library's own conversion."""


_ENCODERS: dict = {}


def _scalars(depth: int):
    """The C encoder whose item separator starts a new line at ``depth``."""
    hit = _ENCODERS.get(depth)
    if hit is None:
        if c_make_encoder is None:  # an interpreter without the C accelerator
            encode = json.JSONEncoder(ensure_ascii=False, separators=("," + _pad(depth), ": ")).encode
        else:  # what JSONEncoder.encode builds on every call, built once
            chunks = c_make_encoder(None, _unserialisable, _KEY, None, ": ", "," + _pad(depth), False, False, True)

            def encode(value, chunks=chunks):
                return "".join(chunks(value, 0))
        hit = _ENCODERS[depth] = encode
    return hit


def _unserialisable(value):
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def _pad(depth: int) -> str:
    return _PADS[depth] if depth < len(_PADS) else "\n" + "  " * depth


_PADS = tuple("\n" + "  " * depth for depth in range(32))
_NESTING = (dict, list, tuple)  # what the standard library lays out over several lines


def _nested(value, depth: int) -> str:
    inner = depth + 1
    encode = _scalars(inner)
    parts: list[str] = []
    run: list = []  # the scalar members since the last nested one
    if isinstance(value, dict):
        for key, member in value.items():
            if member and isinstance(member, _NESTING):
                if not isinstance(key, str):
                    raise _NotPlain
                if run:
                    parts.append(encode(dict(run))[1:-1])
                    run = []
                parts.append(_KEY(key) + ": " + _nested(member, inner))
            else:
                run.append((key, member))
        if run:
            parts.append(encode(dict(run))[1:-1])
        opening, closing = "{", "}"
    else:
        for member in value:
            if member and isinstance(member, _NESTING):
                if run:
                    parts.append(encode(run)[1:-1])
                    run = []
                parts.append(_nested(member, inner))
            else:
                run.append(member)
        if run:
            parts.append(encode(run)[1:-1])
        opening, closing = "[", "]"
    pad = _pad(inner)
    return opening + pad + ("," + pad).join(parts) + _pad(depth) + closing
