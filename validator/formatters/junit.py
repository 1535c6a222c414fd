"""JUnit XML for CI test reports (Jenkins, GitLab, Azure DevOps, GitHub test-report actions).

Each report is a ``<testsuite>`` and each checklist requirement a ``<testcase>``, so the CI test
view lists passing requirements too, not only problems. A requirement fails when it has an error or
warning finding; one broken only by info findings passes and carries them in ``<system-out>``; a
requirement that does not apply is ``<skipped>`` with the reason.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..results import SEVERITY_LABELS, rule_family
from ..results import SEVERITY_RANK, ChecklistItem, Finding, Result

FAILING = ("error", "warning")

# Characters XML 1.0 cannot carry at all (PDF text often has form feeds and other controls).
_ILLEGAL_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _ILLEGAL_XML.sub("", text)


def _finding_text(f: Finding) -> str:
    where = f"第{f.line}行" if f.line > 0 else "全文"
    if f.source:
        where += f"（{f.source}）"
    lines = [f"{where} [{SEVERITY_LABELS.get(f.severity, f.severity)}] {f.message}"]
    if f.section:
        lines.append(f"章节：{f.section}")
    if f.excerpt:
        lines.append(f"原文：{f.excerpt}")
    if f.basis:
        lines.append(f"依据：{f.basis}")
    if f.fix:
        lines.append(f"修改建议：{f.fix}")
    return "\n".join(lines)


def _case(parent: ET.Element, item: ChecklistItem, findings: list[Finding]) -> str:
    """Add one testcase; return its outcome: "passed", "failure" or "skipped"."""
    name = f"{item.rule} {item.title}".strip()
    case = ET.SubElement(parent, "testcase", classname=rule_family(item.rule), name=_clean(name))
    if item.status == "not-applicable":
        ET.SubElement(case, "skipped", message=_clean(item.reason or "不适用"))
        return "skipped"

    failing = [f for f in findings if f.severity in FAILING]
    if failing or (item.status == "violated" and not findings and item.severity in FAILING):
        worst = max(findings, key=lambda f: SEVERITY_RANK.get(f.severity, 0), default=None)
        message = failing[0].message if failing else item.title
        if len(findings) > 1:
            message += f"（共{len(findings)}处）"
        message = " ".join(_clean(message).split())  # one line: CI tools show it as a heading
        failure = ET.SubElement(case, "failure", message=message,
                                type=worst.severity if worst else item.severity)
        failure.text = _clean("\n\n".join(_finding_text(f) for f in findings) or item.title)
        return "failure"

    if findings:
        ET.SubElement(case, "system-out").text = _clean("\n\n".join(_finding_text(f) for f in findings))
    elif item.evidence is not None:
        ev = item.evidence
        where = f"第{ev.line}行：" if ev.line > 0 else ""
        ET.SubElement(case, "system-out").text = _clean(f"{where}{ev.excerpt}")
    return "passed"


def _suite(parent: ET.Element, result: Result) -> dict[str, int]:
    suite = ET.SubElement(parent, "testsuite", name=_clean(result.path))
    props = [(key, value) for key, value in (
        ("profile", result.profile), ("profile_reason", result.profile_reason),
        ("title", result.title), ("unit", result.unit), ("year", result.year),
        ("status", result.status)) if value not in (None, "")]
    if props:
        element = ET.SubElement(suite, "properties")
        for key, value in props:
            ET.SubElement(element, "property", name=key, value=_clean(str(value)))

    by_rule: dict[str, list[Finding]] = {}
    for f in sorted(result.findings, key=lambda f: (f.line, f.rule)):
        by_rule.setdefault(f.rule, []).append(f)
    items = list(result.checklist)
    listed = {item.rule for item in items}
    # Findings of a rule missing from the checklist still get a testcase rather than vanish.
    items += [ChecklistItem(rule=rule, title="", status="violated", severity=fs[0].severity)
              for rule, fs in by_rule.items() if rule not in listed]

    outcomes = [_case(suite, item, by_rule.get(item.rule, [])) for item in items]
    counts = {"tests": len(outcomes), "failures": outcomes.count("failure"),
              "errors": 0, "skipped": outcomes.count("skipped")}
    for key, value in counts.items():
        suite.set(key, str(value))
    return counts


def render(results: list[Result], *, color: bool = False) -> str:
    """A ``<testsuites>`` document with totals, UTF-8, indented, trailing newline."""
    root = ET.Element("testsuites", name="report-check")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in results:
        for key, value in _suite(root, result).items():
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
