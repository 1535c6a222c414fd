"""Concrete figures: a number counting given things, or a minimum count of figures in a part.

A keyword must stand before the figure in the same sentence, as Chinese puts what is counted
before the count ("收到行政复议申请137件"); a number after it counts something else.

Zero is a figure: "全年无行政诉讼案件", "案件数为零" and "零败诉" state a count as plainly as
"0件". ``zero`` lists such statements; one counts when the keyword is inside it or stands before
it in the same sentence.

Reviewers expect results in numbers ("查处案件300宗", "出庭应诉率96.9%"); a part made only of
adjectives is what the 深圳 guidance calls 泛化.
"""

from __future__ import annotations

from pydantic import Field

from .base import Context, Hit, Outcome, Patterns, ScopedOptions, excerpt, pattern, scope_blocks

NAME = "figure"
DETAILS = ("found", "min")  # placeholders its findings fill


class Options(ScopedOptions):
    near: Patterns | None = Field(None, description="数字所计的事项：须在数字之前、同一句中出现")
    lead_in_window: int = Field(30, ge=1, description="事项词在数字之前最远多少个字")
    min: int = Field(1, ge=1, description="至少需要的数字个数")
    zero: Patterns | None = Field(None, description="以文字表述的零（“无行政诉讼案件”“零败诉”），也算一个数字")


def _lead_in(text: str, start: int, within: int) -> str:
    """The words before a figure in its own sentence: what the number counts ("行政复议申请137件")."""
    window = text[max(0, start - within):start]
    cut = max(window.rfind("。"), window.rfind(";"))
    return window[cut + 1:]


def check(options: Options, ctx: Context) -> Outcome:
    blocks, missing = scope_blocks(options, ctx)
    if blocks is None:
        return Outcome(not_applicable=missing)
    lines = {b.line for b in blocks}
    figures = [f for f in ctx.report.figures if f.line in lines]
    by_line = {b.line: b for b in blocks}
    near_rx = pattern(options, "near")
    within = options.lead_in_window
    if near_rx is not None:
        figures = [f for f in figures if near_rx.search(_lead_in(by_line[f.line].norm, f.figure.start, within))]
    hits = [(f.line, f.figure.start, f.figure.end) for f in figures]
    zero_rx = pattern(options, "zero")
    needed = options.min
    if zero_rx is not None and len(hits) < needed:
        for block in blocks:
            for m in zero_rx.finditer(block.norm):
                lead_in = _lead_in(block.norm, m.start(), within)
                if near_rx is None or near_rx.search(m.group(0)) or near_rx.search(lead_in):
                    hits.append((block.line, m.start(), m.end()))
        hits.sort()
    if len(hits) >= needed:
        line, start, end = hits[0]
        return Outcome(evidence=Hit(line, excerpt(by_line[line], start, end)))
    part = ctx.located.get(options.scope)
    line = part.line if part is not None else 0
    return Outcome(violations=[Hit(line, "", {"found": len(hits), "min": needed})])
