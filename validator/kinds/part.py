"""A required part of the report, found by the meaning of its heading.

Headings are matched against patterns (any numbering, any wording family: 不足/问题/短板…),
top-level parts first, then sub-parts down to ``levels``. Where the law asks only for content,
``body`` patterns accept a paragraph instead of a heading (the 第一责任人 duty is often woven
into the measures part). With ``fallback: leading`` the top-level parts before the first part
other rules found stand for this one. A part that is there but nearly empty is reported as
``.empty``.
"""

from __future__ import annotations

from dataclasses import replace

from ..normalize import normalize
from ..outline import Section
from .base import Context, Hit, Outcome, excerpt, pattern


def check(options: dict, ctx: Context) -> Outcome:
    report = ctx.report
    want, avoid = pattern(options, "headings"), pattern(options, "exclude")
    levels = options.get("levels", 1)
    for level in range(1, levels + 1):
        for section in report.all_sections:
            if section.level != level:
                continue
            text = normalize(section.label)
            if want and want.search(text) and not (avoid and avoid.search(text)):
                return _found(options, ctx, section)
    if options.get("fallback") == "leading":
        leading = _leading_parts(ctx)
        if leading:
            return _found(options, ctx, leading)
    body = pattern(options, "body")
    if body:
        for block in report.body:
            m = body.search(block.norm)
            if m:
                return Outcome(evidence=Hit(block.line, excerpt(block, m.start(), m.end())))
    return Outcome(violations=[Hit(0, "")])


def _leading_parts(ctx: Context) -> Section | None:
    """The top-level parts before the first part other rules located, taken together.

    Reports from 湖北、广东 and 司法部 give their measures as thematic parts ("一、坚持党的领导，
    坚决扛牢…") with no generic label; what precedes 不足 and 安排 is the measures.
    """
    report = ctx.report
    claimed = {id(report.part_of(s)) for s in ctx.located.values() if s is not None}
    if not claimed:
        return None
    first_claimed = min(p.line for p in report.sections if id(p) in claimed)
    leading = [p for p in report.sections if p.line < first_claimed]
    if not leading:
        return None
    first, last = leading[0], leading[-1]
    label = first.label if len(leading) == 1 else f"{first.label}等{len(leading)}个部分"
    return replace(first, label=label, end=last.end, children=[c for p in leading for c in p.children])


def _found(options: dict, ctx: Context, section) -> Outcome:
    blocks = ctx.report.blocks_in(section)
    chars = sum(len(b.norm) for b in blocks) - len(normalize(section.label))
    outcome = Outcome(evidence=Hit(section.line, section.label), located=section)
    minimum = options.get("min_chars", 0)
    if chars < minimum:
        outcome.violations.append(
            Hit(section.line, section.label, {"chars": chars, "min": minimum}, suffix="empty")
        )
    return outcome
