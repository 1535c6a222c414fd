"""A required mention in a scope, optionally only where another term is near.

"公示" counts for the enforcement publicity system only near "执法/处罚/许可"; ``unless``
discounts a match with a disqualifying neighbour (a 年度报告 being 公示 is not 执法公示), and
``unless_line`` a whole line that is page navigation ("首页 > 政务公开"), not work.

``summary`` names the collective term a report may use instead of the specific one: 行政执法
“三项制度” stands for each of its three systems. It counts only when nothing specific is
found, only in running text (a heading announces, the text under it shows the work) and not in
the parts listed in ``outside`` (a plan to do it is not having done it); its evidence carries
the summary's note, so a reviewer sees what the item rests on.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from ..document import Block
from .base import (Context, Hit, Outcome, Patterns, RuleId, ScopedOptions, compile_any, excerpt, near, pattern,
                   scope_blocks)

NAME = "mention"
DETAILS = ("found", "min")  # placeholders its findings fill


class Summary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    patterns: Patterns = Field(description="可代替具体表述的总称（如“三项制度”）")
    note: str = Field(min_length=1, description="依据总称时证据前加的说明")
    outside: tuple[RuleId, ...] = Field((), description="不在这些部分规则找到的部分中算数（如下一年度计划）")


class Options(ScopedOptions):
    patterns: Patterns = Field(description="须提到的文字")
    near: Patterns | None = Field(None, description="只在这些文字附近的提及才算")
    near_window: int = Field(40, ge=1, description="near 的文字在提及前后多少个字以内")
    unless: Patterns | None = Field(None, description="提及附近有这些文字时不算")
    unless_window: int = Field(8, ge=1, description="unless 的文字在提及前后多少个字以内")
    unless_line: Patterns | None = Field(None, description="整行不算的文字（网页导航等）")
    min: int = Field(1, ge=1, description="至少需要的提及次数（各在不同段落）")
    summary: Summary | None = Field(None, description="没有具体提及时可代替的总称")

    def parts_used(self) -> set[str]:
        return super().parts_used() | set(self.summary.outside if self.summary else ())

_RUN_IN_END = re.compile(r"[。;:!?]")


def check(options: Options, ctx: Context) -> Outcome:
    blocks, missing = scope_blocks(options, ctx)
    if blocks is None:
        return Outcome(not_applicable=missing)
    rx = pattern(options, "patterns")
    near_rx, unless_rx = pattern(options, "near"), pattern(options, "unless")
    line_rx = pattern(options, "unless_line")
    within = options.near_window
    needed = options.min
    found: list[Hit] = []
    for block in blocks:
        for m in rx.finditer(block.norm):
            if line_rx is not None and not block.style_level and line_rx.search(block.norm):
                break
            if near_rx is not None and not near(block, m.start(), m.end(), near_rx, within):
                continue
            if near(block, m.start(), m.end(), unless_rx, options.unless_window):
                continue
            found.append(Hit(block.line, excerpt(block, m.start(), m.end())))
            break
        if len(found) >= needed:
            return Outcome(evidence=found[0])
    summary = options.summary
    if summary is not None and not found:
        hit = _summary(summary, blocks, ctx)
        if hit is not None:
            return Outcome(evidence=hit)
    part = ctx.located.get(options.scope)  # a requirement of one part is reported at its heading
    return Outcome(violations=[Hit(part.line if part is not None else 0, "", {"found": len(found), "min": needed})])


def _summary(summary: Summary, blocks: list[Block], ctx: Context) -> Hit | None:
    """The first use of the collective term in running text outside the excluded parts."""
    rx = compile_any(summary.patterns)
    excluded = [ctx.located.get(rule_id) for rule_id in summary.outside]
    spans = [(s.line, s.end) for s in excluded if s is not None]
    for block in blocks:
        if any(lo <= block.line <= hi for lo, hi in spans):
            continue
        start = _text_start(block, ctx)
        if start is None:
            continue
        m = rx.search(block.norm, start)
        if m:
            return Hit(block.line, f"（{summary.note}）" + excerpt(block, m.start(), m.end()))
    return None


def _text_start(block: Block, ctx: Context) -> int | None:
    """Where running text begins in a block: 0, after a run-in heading, None for a heading line."""
    section = ctx.report.section_at(block.line)
    if section is None or section.line != block.line:
        return 0
    if not section.run_in:
        return None
    stop = _RUN_IN_END.search(block.norm)
    return stop.end() if stop else None
