"""A required part of the report, found by the meaning of its heading.

Headings are matched against patterns (any numbering, any wording family: 不足/问题/短板…),
top-level parts first, then sub-parts down to ``levels``. Where the law asks only for content,
``body`` patterns accept a paragraph instead of a heading (the 第一责任人 duty is often woven
into the measures part). A part that is there but nearly empty is reported as ``.empty``.
"""

from __future__ import annotations

from ..normalize import normalize
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
    body = pattern(options, "body")
    if body:
        for block in report.body:
            m = body.search(block.norm)
            if m:
                return Outcome(evidence=Hit(block.line, excerpt(block, m.start(), m.end())))
    return Outcome(violations=[Hit(0, "")])


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
