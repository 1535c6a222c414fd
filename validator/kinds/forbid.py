"""Text that must not be in a published report: template placeholders, misquoted titles.

Every occurrence is its own finding, so a drafter can fix them all in one pass. With ``once``
the rule reports one finding for the whole report, at the first occurrence, with the count in
``{count}``: a mirror that masks every digit ("****年") needs one note, not fifty.
"""

from __future__ import annotations

from pydantic import Field

from ..textindex import joined, prefilter
from .base import Context, Hit, Outcome, Patterns, ScopedOptions, compile_any, excerpt, pattern, scope_blocks

NAME = "forbid"
DETAILS = ("found", "count")  # placeholders its findings fill


class Options(ScopedOptions):
    patterns: Patterns = Field(description="不应出现的文字")
    unless: Patterns | None = Field(None, description="出现在匹配附近时不算问题的文字")
    unless_window: int = Field(6, ge=1, description="unless 的文字在匹配前后多少个字以内")
    once: bool = Field(False, description="全文只报一条，附出现次数 {count}")


def check(options: Options, ctx: Context) -> Outcome:
    blocks, missing = scope_blocks(options, ctx)
    if blocks is None:
        return Outcome(not_applicable=missing)
    rx = _patterns(options.patterns, ctx)
    if rx is None:
        return Outcome(evidence=Hit(0, ""))
    unless_rx = pattern(options, "unless")
    within = options.unless_window
    outcome = Outcome()
    for block in blocks:
        for m in rx.finditer(block.norm):
            if unless_rx is not None and unless_rx.search(block.norm, max(0, m.start() - within), m.end() + within):
                continue
            found = block.original(m.start(), m.end())  # as written, so a reader can search for it
            outcome.violations.append(Hit(block.line, excerpt(block, m.start(), m.end()), {"found": found}))
    if options.once and outcome.violations:
        first = outcome.violations[0]
        first.detail["count"] = len(outcome.violations)
        outcome.violations = [first]
    if not outcome.violations:
        outcome.evidence = Hit(0, "")
    return outcome


def _patterns(patterns: tuple[str, ...], ctx: Context):
    """The alternation of the patterns that can match in this report at all (None: none can).
    Leaving out a pattern whose every literal start is absent changes no match of the others,
    and a shorter alternation, often a single pattern with its own first literal, scans fast."""
    pf = prefilter(patterns)
    if pf is None:
        return compile_any(patterns)
    possible = pf.possible(joined(ctx.report).text)
    return compile_any(possible) if possible else None
