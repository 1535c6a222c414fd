"""Text that must not be in a published report: template placeholders, misquoted titles.

Every occurrence is its own finding, so a drafter can fix them all in one pass. With ``once``
the rule reports one finding for the whole report, at the first occurrence, with the count in
``{count}``: a mirror that masks every digit ("****年") needs one note, not fifty.
"""

from __future__ import annotations

from .base import Context, Hit, Outcome, excerpt, pattern, scope_blocks


def check(options: dict, ctx: Context) -> Outcome:
    blocks, missing = scope_blocks(options, ctx)
    if blocks is None:
        return Outcome(not_applicable=missing)
    rx = pattern(options, "patterns")
    unless_rx = pattern(options, "unless")
    within = options.get("within", 6)
    outcome = Outcome()
    for block in blocks:
        for m in rx.finditer(block.norm):
            if unless_rx is not None and unless_rx.search(block.norm, max(0, m.start() - within), m.end() + within):
                continue
            found = block.original(m.start(), m.end())  # as written, so a reader can search for it
            outcome.violations.append(Hit(block.line, excerpt(block, m.start(), m.end()), {"found": found}))
    if options.get("once") and outcome.violations:
        first = outcome.violations[0]
        first.detail["count"] = len(outcome.violations)
        outcome.violations = [first]
    if not outcome.violations:
        outcome.evidence = Hit(0, "")
    return outcome
