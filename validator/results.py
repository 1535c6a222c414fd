"""What a check produces: findings, checklist items and the result for one report.

The engine builds these; formatters only read them. One finding type, ordered by position,
with ``to_dict`` for the machine formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


def rule_family(rule: str) -> str:
    """The family of a dotted rule id (``structure.shortcomings`` → ``structure``)."""
    return rule.split(".", 1)[0]


@dataclass(frozen=True, order=True)
class Finding:
    """One violated requirement, at one place (``line`` 0 when it concerns the whole report)."""

    line: int
    rule: str
    severity: str
    message: str
    section: str | None = None
    excerpt: str = ""
    basis: str = ""
    fix: str = ""
    source: str = ""  # where in the original file ("第3页", "第12段"), when it differs from a line

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "line": self.line or None,
            "section": self.section,
            "excerpt": self.excerpt,
            "basis": self.basis,
            "fix": self.fix,
        }


@dataclass(frozen=True)
class Evidence:
    """Where a satisfied requirement was found."""

    line: int
    excerpt: str
    section: str | None = None
    source: str = ""  # where in a Word, PDF or web file ("第12段", "第3页"); text formats use the line

    def to_dict(self) -> dict:
        return {"line": self.line, "excerpt": self.excerpt, "section": self.section}


@dataclass(frozen=True)
class ChecklistItem:
    """One rule of the profile and how the report stands against it."""

    rule: str
    title: str
    status: str  # ok | violated | not-applicable
    severity: str
    evidence: Evidence | None = None
    reason: str | None = None  # why not applicable
    part: str = ""  # the checklist group: 结构, 行政执法, 数据, 日期, 文字规范, ...

    def to_dict(self) -> dict:
        out = {"rule": self.rule, "title": self.title, "status": self.status,
               "evidence": self.evidence.to_dict() if self.evidence else None}
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass
class Result:
    """The outcome of checking one report against one profile."""

    path: str
    title: str | None
    unit: str | None
    year: int | None
    profile: str
    profile_reason: str
    checklist: list[ChecklistItem]
    findings: list[Finding]
    fail_on: str = "error"
    format: str = ""
    basis_urls: dict[str, str] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        counts = {s: 0 for s in SEVERITIES}
        for f in self.findings:
            counts[f.severity] += 1
        return counts

    @property
    def failed(self) -> bool:
        """True when a finding is at or above the ``fail_on`` threshold."""
        if self.fail_on == "never":
            return False
        floor = SEVERITY_RANK[self.fail_on]
        return any(SEVERITY_RANK[f.severity] >= floor for f in self.findings)

    @property
    def status(self) -> str:
        return "fail" if self.failed else "pass"

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "title": self.title,
            "unit": self.unit,
            "year": self.year,
            "profile": self.profile,
            "status": self.status,
            "counts": self.counts,
            "checklist": [c.to_dict() for c in self.checklist],
            "findings": [f.to_dict() for f in self.findings],
        }
