"""Rule metadata for machine formats, built from the profiles and never from a checked report.

SARIF viewers and code-scanning services store a rule's description once and show it beside every
result, so the description must not carry one report's unit or year: messages and fixes are shown
with their placeholders filled by generic words. When no profile is forced, the catalogue is every
bundled profile's rules (national first); a rule's default level is the first profile's that has it
and each profile's own severity is listed in ``levels``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .results import rule_family

# How a placeholder reads in a description that belongs to no particular report.
GENERIC = {"year": "20××", "next_year": "20××", "unit": "本单位"}
GENERIC_OTHER = "…"


class _Generic(dict):
    def __missing__(self, key: str) -> str:
        return GENERIC_OTHER


def generic(template: str) -> str:
    """A message or fix template with its placeholders in generic words."""
    try:
        return template.format_map(_Generic(GENERIC))
    except (ValueError, IndexError, AttributeError):
        return template


@dataclass
class RuleInfo:
    """What a viewer shows for one rule id (a rule or one of its sub-findings such as ``.empty``)."""

    id: str
    title: str
    description: str
    severity: str
    basis: str = ""
    fix: str = ""
    levels: dict[str, str] = field(default_factory=dict)  # profile -> severity

    @property
    def family(self) -> str:
        return rule_family(self.id)


def _infos(rule, profile: str) -> list[RuleInfo]:
    base = RuleInfo(rule.id, rule.title, generic(rule.message), rule.severity, rule.basis,
                    generic(rule.fix), {profile: rule.severity})
    subs = [RuleInfo(f"{rule.id}.{suffix}", f"{rule.title}：{generic(text)}", generic(text), rule.severity,
                     rule.basis, generic(rule.fix), {profile: rule.severity})
            for suffix, text in sorted(rule.messages.items())]
    return [base, *subs]


def build(profile: str | None = None, rule_files: tuple[str, ...] = ()) -> list[RuleInfo]:
    """The catalogue for a run: the forced profile's rules, or those of every bundled profile."""
    from .ruleset import profile_files, resolve

    names = [profile] if profile else list(profile_files())
    out: dict[str, RuleInfo] = {}
    for name in names:
        for rule in resolve(name, rule_files).rules:
            for info in _infos(rule, name):
                known = out.setdefault(info.id, info)
                known.levels.setdefault(name, info.severity)
    return list(out.values())


def lookup(catalogue: list[RuleInfo], rule_id: str) -> RuleInfo:
    """The entry for a finding's rule id; an id the catalogue lacks borrows its parent's text, or
    gets a bare entry named by the id, so metadata never comes from a report."""
    by_id = {info.id: info for info in catalogue}
    if rule_id in by_id:
        return by_id[rule_id]
    parent = rule_id
    while "." in parent:
        parent = parent.rsplit(".", 1)[0]
        if parent in by_id:
            p = by_id[parent]
            return RuleInfo(rule_id, p.title, p.description, p.severity, p.basis, p.fix, dict(p.levels))
    return RuleInfo(rule_id, rule_id, rule_id, "warning")
