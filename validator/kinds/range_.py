"""Figures that cannot be true: a rate above 100%, a negative count.

Only figures that state a rate are held to the range (率/占比/覆盖…), so "增长150%" passes
while "满意率达到118%" does not. ``unless`` names what may exceed the range: a change
("同比增长150%", "增长率分别为12%、150%") or a completion against target ("完成率112%",
"超额完成"). It is read from just before the rate word nearest the figure, so in
"完成率100%，满意率118%" the 满意率 is still checked.
"""

from __future__ import annotations

from pydantic import Field

from .base import Context, Hit, Outcome, Patterns, ScopedOptions, excerpt, pattern, scope_blocks

NAME = "range"
DETAILS = ("found", "min", "max")  # placeholders its findings fill

_QUALIFIER_REACH = 4  # how far before the rate word an ``unless`` word still qualifies it ("超额完成率")


class Options(ScopedOptions):
    units: tuple[str, ...] = Field(("%",), description="检查哪些单位的数字")
    min: float = Field(0, description="下限")
    max: float = Field(100, description="上限")
    near: Patterns | None = Field(None, description="表示比率的词（率、占比）：只检查其后的数字")
    unless: Patterns | None = Field(None, description="可以超出范围的表述（增长、完成率）")
    rate_window: int = Field(12, ge=1, description="比率词或 unless 的文字在数字之前最远多少个字")


def check(options: Options, ctx: Context) -> Outcome:
    blocks, missing = scope_blocks(options, ctx)
    if blocks is None:
        return Outcome(not_applicable=missing)
    by_line = {b.line: b for b in blocks}
    units = set(options.units)
    lo, hi = options.min, options.max
    near_rx, unless_rx = pattern(options, "near"), pattern(options, "unless")
    within = options.rate_window
    outcome = Outcome()
    checked = 0
    for placed in ctx.report.figures:
        block = by_line.get(placed.line)
        fig = placed.figure
        if block is None or fig.unit not in units:
            continue
        floor = max(0, fig.start - within)
        if near_rx is not None:
            rate_words = list(near_rx.finditer(block.norm, floor, fig.start))
            if not rate_words:
                continue
            floor = max(floor, rate_words[-1].start() - _QUALIFIER_REACH)
        if unless_rx is not None and unless_rx.search(block.norm, floor, fig.start):
            continue
        checked += 1
        if not lo <= fig.value <= hi:
            outcome.violations.append(
                Hit(placed.line, excerpt(block, fig.start, fig.end), {"found": fig.text, "min": lo, "max": hi})
            )
        elif outcome.evidence is None:
            outcome.evidence = Hit(placed.line, excerpt(block, fig.start, fig.end))
    if checked == 0:
        outcome.not_applicable = "报告中没有需要检查范围的数字"
    return outcome
