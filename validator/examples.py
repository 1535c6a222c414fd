"""Run the pass/fail examples that every rule carries, as pylint runs its functional tests.

Each example is a small report; the rule runs together with the part rules it refers to. A pass
example must give no finding of the rule; a fail example must give exactly the findings it
states, each as "<line>" or "<line>:<check>", no more and no fewer.
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
    found: tuple[str, ...] = ()  # its findings as "<line>[:<check>]", sorted
    expected: tuple[str, ...] = ()  # what the fail example states, sorted
    fixes: tuple[str, ...] = ()  # the rendered fix of each finding


def _with_dependencies(rule: Rule, profile: Profile) -> Profile:
    """The rule under test plus the part rules it refers to (or all of them, when it needs them)."""
    wanted = rule.settings.parts_used()
    every_part = rule.settings.needs_every_part()
    deps = [
        r for r in profile.rules
        if r.id != rule.id and (r.id in wanted or (every_part and kinds.locates(r.kind)))
    ]
    return Profile(name=profile.name, title=profile.title, rules=deps + [rule], roles=profile.roles)


def spec(line: int, check_name: str) -> str:
    """A finding as an example states it."""
    return f"{line}:{check_name}" if check_name else str(line)


def run_examples(profile: Profile, only: set[str] | None = None) -> list[ExampleResult]:
    results = []
    for rule in profile.rules:
        if only and rule.id not in only:
            continue
        sub = _with_dependencies(rule, profile)
        cases = [("pass", text, (), None) for text in rule.examples.passing]
        cases += [("fail", f.text, tuple(sorted(f.findings)), f.previous) for f in rule.examples.failing]
        counters = {"pass": 0, "fail": 0}
        for expect, text, expected, previous in cases:
            counters[expect] += 1
            index = counters[expect]
            report = report_from_text(text, f"{rule.id}:{expect}{index}")
            if previous:
                report.previous = report_from_text(previous, f"{rule.id}:{expect}{index}:previous")
            result = check(report, sub)
            mine = [f for f in result.findings if f.rule == rule.id]
            found = tuple(sorted(spec(f.line, f.check) for f in mine))
            ok = found == expected if expect == "fail" else not found
            results.append(ExampleResult(rule.id, expect, index, ok, tuple(f.message for f in mine), found,
                                         expected, tuple(f.fix for f in mine)))
    return results
