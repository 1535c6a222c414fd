"""Run the pass/fail examples that every rule carries: a rule that no example makes fire is a bug.

Each example is a small report; the rule runs together with the part rules it may be scoped to,
and must report nothing (pass) or at least one finding under its id (fail).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import kinds
from .engine import check
from .report import report_from_text
from .ruleset import Profile, Rule


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    expect: str  # pass | fail
    index: int
    ok: bool
    got: tuple[str, ...]  # the finding messages the rule produced


def _with_dependencies(rule: Rule, profile: Profile) -> Profile:
    """The rule under test plus the part rules that locate its scope or the parts it leaves out."""
    wanted = rule.settings.parts_used()
    every_part = rule.settings.needs_every_part()
    deps = [
        r for r in profile.rules
        if r.id != rule.id and (r.id in wanted or (every_part and kinds.locates(r.kind)))
    ]
    return Profile(name=profile.name, title=profile.title, rules=deps + [rule], roles=profile.roles)


def run_examples(profile: Profile, only: set[str] | None = None) -> list[ExampleResult]:
    results = []
    for rule in profile.rules:
        if only and rule.id not in only:
            continue
        sub = _with_dependencies(rule, profile)
        for expect, texts in (("pass", rule.examples.passing), ("fail", rule.examples.failing)):
            for i, text in enumerate(texts, start=1):
                result = check(report_from_text(text, f"{rule.id}:{expect}{i}"), sub)
                got = tuple(f.message for f in result.findings if f.rule == rule.id)
                ok = bool(got) if expect == "fail" else not got
                results.append(ExampleResult(rule.id, expect, i, ok, got))
    return results
