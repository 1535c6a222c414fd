"""What a check produces: findings, checklist items and the result for one report.

The engine builds these; formatters only read them. One finding type, ordered by position,
with ``to_dict`` for the machine formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .document import Position

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


def rule_family(rule: str) -> str:
    """The family of a dotted rule id (``structure.shortcomings`` → ``structure``)."""
    return rule.split(".", 1)[0]


@dataclass(frozen=True, order=True)
class Finding:
    """One violated requirement, at one place (``line`` 0 when it concerns the whole report).

    ``rule`` is the rule's own id and ``check`` its sub-check ("structure.shortcomings" + "empty"),
    so a child rule (structure.shortcomings.causes) is never counted as its parent; ``code`` is
    the id the formatters show.
    """

    line: int
    rule: str
    severity: str
    message: str
    section: str | None = None
    excerpt: str = ""
    basis: str = ""
    fix: str = ""
    source: str = ""  # where in the original file ("第3页", "第12段"), when it differs from a line
    check: str = ""  # the rule's sub-check ("empty"), empty for the rule's main requirement
    position: Position | None = field(default=None, compare=False)  # None: the whole report

    @property
    def code(self) -> str:
        """The id users see and baselines record: ``<rule>.<check>`` for a sub-check."""
        return f"{self.rule}.{self.check}" if self.check else self.rule

    @property
    def file_line(self) -> int | None:
        """The line of the file itself, for machine formats: a text line or a web page's source
        line; None when the finding concerns the whole report or sits in a Word or PDF file,
        whose 第N段/第N页 is no line of it."""
        return _file_line(self.line, self.source, self.position)

    @property
    def where(self) -> str:
        """The position a reader can find: 第N行 in a text file, else the reader's 第N段/第N页."""
        return self.source or (f"第{self.line}行" if self.line > 0 else "全文")

    def to_dict(self) -> dict:
        return {
            "rule": self.code,
            "check": self.check or None,
            "severity": self.severity,
            "message": self.message,
            "line": self.file_line,
            "source": self.source or None,
            "position": self.position.to_dict() if self.position else None,
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
    position: Position | None = field(default=None, compare=False)

    @property
    def file_line(self) -> int | None:
        return _file_line(self.line, self.source, self.position)

    def to_dict(self) -> dict:
        return {"line": self.file_line, "excerpt": self.excerpt, "section": self.section,
                "source": self.source or None,
                "position": self.position.to_dict() if self.position else None}


def _file_line(line: int, source: str, position: Position | None) -> int | None:
    """The position's true file line; without a position, the line when no reader's 第N段/第N页
    stands in for it."""
    if position is not None:
        return position.file_line if line > 0 else None
    return None if source or line <= 0 else line


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
    # Findings a baseline accepts, each with its recorded reason: shown, never failing the check.
    baselined: list[tuple[Finding, str]] = field(default_factory=list)
    # The report's content blocks (document.Block), kept so the HTML report can show the text
    # with each finding in place without reading the file again; no machine format reads them.
    blocks: tuple = field(default=(), repr=False, compare=False)

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
            **({"baselined": [{**f.to_dict(), "reason": why} for f, why in self.baselined]}
               if self.baselined else {}),
        }


@dataclass(frozen=True)
class Unreadable:
    """An input that could not be read: every machine format lists it, so no input vanishes."""

    path: str
    problem: str
    skipped: bool = False  # a format left out on purpose (.doc, .wps): listed, not an error

    @property
    def status(self) -> str:
        return "skipped" if self.skipped else "error"

    def to_dict(self) -> dict:
        return {"path": self.path, "status": self.status, "error": self.problem}


@dataclass
class Run:
    """One invocation as the formatters see it: the results, the inputs that could not be read,
    and the rule catalogue (report-independent rule metadata) when the caller knows it."""

    results: list[Result]
    unreadable: list[Unreadable] = field(default_factory=list)
    rules: list | None = None  # catalogue.RuleInfo; None: built from the bundled profiles
    arguments: list[str] = field(default_factory=list)  # the command line, for SARIF invocations
    stale: list = field(default_factory=list)  # baseline entries that no longer match

    @property
    def failed(self) -> bool:
        return any(not u.skipped for u in self.unreadable) or any(r.failed for r in self.results)
