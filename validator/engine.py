"""The engine: run a profile's rules over a report and build the checklist and findings.

Gate rules (a rule with ``gate: <reason>``, structure.subject) run first: on a document of another
kind (a 工作要点, a 解读…) every other rule is held back as not applicable, so the verdict is one
finding. Rules of a kind that locates a part run next, so rules scoped to a part ("causes inside the
shortcomings part") can read what they located. The engine knows kinds only by what their modules
declare; it, not the kinds, stamps rule id, severity, basis and fix.
"""

from __future__ import annotations

from . import kinds
from .errors import RuleFault
from .kinds.base import Context, Hit, Outcome
from .report import Report
from .results import ChecklistItem, Evidence, Finding, Result
from .ruleset import Profile, Rule

GROUPS = {
    "structure": "报告结构",
    "enforcement": "行政执法三项制度",
    "figures": "数据",
    "dates": "年度与日期",
    "hygiene": "文字规范",
    "wording": "文字规范",
    "reuse": "重复与照搬",
    "oversight": "监督与纠纷化解",
    "decision": "依法决策",
    "openness": "政务公开",
    "publicity": "普法",
}


class _Defaults(dict):
    """Leave unknown placeholders as they are instead of failing on a user's message."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _message(rule: Rule, hit: Hit, report: Report) -> str:
    key = hit.check or hit.variant
    template = rule.messages.get(key, rule.message) if key else rule.message
    values = _placeholders(report)
    values.update(hit.detail)
    return _fill(template, values)


def _fill(template: str, values: _Defaults) -> str:
    """Fill placeholders; a stray brace in a user's rule text is left as written."""
    try:
        return template.format_map(values)
    except (ValueError, IndexError, AttributeError):
        return template


def _placeholders(report: Report) -> _Defaults:
    """What any message or fix may name: the report year, the next year, the unit."""
    meta = report.meta
    return _Defaults(year=meta.year or "", next_year=(meta.year + 1) if meta.year else "下一",
                     unit=meta.unit or "本单位")


def _ordered(rules: list[Rule]) -> list[Rule]:
    """Locating rules before the rules that may be scoped to them, and locating rules that read what
    every other one found after those; otherwise file order."""
    def rank(rule: Rule) -> int:
        if not kinds.locates(rule.kind):
            return 2
        return 1 if rule.settings.needs_every_part() else 0

    return sorted(rules, key=rank)


def _gated(rules: list[Rule], ctx: Context) -> tuple[dict[str, Outcome], str | None]:
    """Run the gate rules first; when one is violated, the document is not of the kind the rule set
    checks, and the reason every other rule is held back is returned."""
    outcomes: dict[str, Outcome] = {}
    reason = None
    for rule in rules:
        if rule.gate:
            outcomes[rule.id] = run_rule(rule, ctx)
            if outcomes[rule.id].violations and reason is None:
                reason = rule.gate
    return outcomes, reason


def run_rule(rule: Rule, ctx: Context) -> Outcome:
    """Run one rule; a fault inside it names the rule and the report instead of the report alone."""
    try:
        outcome = kinds.get(rule.kind).check(rule.settings, ctx)
    except Exception as exc:
        raise RuleFault(rule.id, ctx.report.document.path, exc) from exc
    if kinds.locates(rule.kind):
        ctx.located[rule.id] = outcome.located
    return outcome


def check(report: Report, profile: Profile, profile_reason: str = "", fail_on: str = "error") -> Result:
    """Check one report against a resolved profile."""
    if any(not origin.startswith("rules/") for origin in profile.chain):
        profile_reason = "；".join(filter(None, [profile_reason, f"规则文件：{' → '.join(profile.chain)}"]))
    ctx = Context(report=report, titles={r.id: r.title for r in profile.rules}, roles=profile.roles)
    outcomes, held_back = _gated(profile.rules, ctx)
    for rule in _ordered(profile.rules):
        if rule.id not in outcomes:
            outcomes[rule.id] = Outcome(not_applicable=held_back) if held_back else run_rule(rule, ctx)
    checklist: list[ChecklistItem] = []
    findings: list[Finding] = []
    blocks = {b.line: b for b in report.document.blocks if b.position is not None}
    for rule in profile.rules:
        outcome = outcomes[rule.id]
        group = GROUPS.get(rule.family, rule.family)
        if outcome.violations:
            checklist.append(ChecklistItem(rule.id, rule.title, "violated", rule.severity, part=group))
            for hit in outcome.violations:
                section = report.section_at(hit.line) if hit.line else None
                block_source = _source(report, hit.line)
                position = _position(blocks.get(hit.line), hit.excerpt, hit.detail.get("found")) if hit.line else None
                findings.append(Finding(
                    line=hit.line,
                    rule=rule.id,
                    check=hit.check,
                    severity=rule.severity,
                    message=_message(rule, hit, report),
                    section=section.label if section else None,
                    excerpt=hit.excerpt,
                    basis=rule.basis,
                    fix=_fill(rule.fix, _placeholders(report)),
                    source=block_source,
                    position=position,
                ))
        elif outcome.not_applicable:
            checklist.append(ChecklistItem(rule.id, rule.title, "not-applicable", rule.severity,
                                           reason=outcome.not_applicable, part=group))
        else:
            ev = outcome.evidence
            evidence = None
            if ev is not None:
                section = report.section_at(ev.line) if ev.line else None
                evidence = Evidence(ev.line, ev.excerpt, section.label if section else None, _source(report, ev.line),
                                    _position(blocks.get(ev.line), ev.excerpt, ev.detail.get("found"))
                                    if ev.line else None)
            checklist.append(ChecklistItem(rule.id, rule.title, "ok", rule.severity, evidence=evidence, part=group))
    findings.sort()
    meta = report.meta
    return Result(path=report.document.path, title=meta.title, unit=meta.unit, year=meta.year,
                  profile=profile.name, profile_reason=profile_reason, checklist=checklist,
                  findings=findings, fail_on=fail_on, format=report.document.format,
                  blocks=tuple(report.document.content))


def _position(block, excerpt: str, found: object = None):
    """The block's position, narrowed to the source line the finding stands on when the block
    runs over several lines of a web page's source: the line of what the rule found (its
    ``found`` detail) inside the excerpt, else of the excerpt's middle, excerpts being centred
    on the match."""
    if block is None:
        return None
    position = block.position
    if not position.breaks or not excerpt:
        return position
    core = max(excerpt.split("…"), key=len)
    at = block.text.find(core) if core else -1
    if at < 0:
        return position
    target = at + len(core) // 2
    if isinstance(found, str) and found and found in core:
        starts = [i for i in range(at, at + len(core)) if block.text.startswith(found, i)]
        target = min(starts, key=lambda i: abs(i - target))
    return position.at(len("".join(block.text[:target].split())))


def _source(report: Report, line: int) -> str:
    """Where a line is in a Word, PDF or web file; empty for text, whose lines are the file's."""
    if not line or report.document.format in ("txt", "md"):
        return ""
    return report.source_of(line)
