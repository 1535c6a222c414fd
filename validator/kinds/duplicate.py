"""A paragraph or a long sentence that appears twice in one report.

Pasting one unit's passage into two parts, or merging two drafts, leaves the same text twice
(defect D4: identical passages). Text is compared after normalisation with punctuation and
spaces removed, so a changed comma does not hide a copy; short sentences ("全年无行政诉讼案件")
repeat honestly and are left out by ``min_chars``. Each copy is reported at its second place,
with the line of the first.
"""

from __future__ import annotations

import re

from pydantic import Field

from .base import Context, Hit, Options as BaseOptions, Outcome

NAME = "duplicate-passage"
DETAILS = ("first", "chars")  # placeholders its findings fill

_SENTENCE_END = re.compile(r"[。;!?]")
_NOISE = re.compile(r"[\s,.:;!?、。“”‘’()《》\-—…·]")


class Options(BaseOptions):
    min_chars: int = Field(30, ge=5, description="句子去掉标点后至少多少个字才比较")


def key(text: str) -> str:
    """Text as compared: normalised, without punctuation or spaces."""
    return _NOISE.sub("", text)


def sentences(norm: str):
    """(start, end) of each sentence of a normalised line, its closing mark included."""
    start = 0
    for m in _SENTENCE_END.finditer(norm):
        yield start, m.end()
        start = m.end()
    if start < len(norm):
        yield start, len(norm)


def check(options: Options, ctx: Context) -> Outcome:
    seen: dict[str, int] = {}
    hits: list[Hit] = []
    reported: set[int] = set()
    for block in ctx.report.body:
        if block.kind == "table-cell":
            continue
        norm = block.norm
        for start, end in sentences(norm):
            k = key(norm[start:end])
            if len(k) < options.min_chars:
                continue
            first = seen.setdefault(k, block.line)
            if first != block.line and block.line not in reported:
                reported.add(block.line)
                snippet = block.original(start, min(end, start + 40))
                hits.append(Hit(block.line, snippet + ("…" if end > start + 40 else ""),
                                {"first": first, "chars": len(k)}))
    if hits:
        return Outcome(violations=hits)
    return Outcome(evidence=Hit(0, ""))
