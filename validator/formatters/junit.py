"""JUnit XML for CI test reports (Jenkins, GitLab, Azure DevOps, GitHub test-report actions).

Each report is a ``<testsuite>`` (with ``file``) and each checklist requirement a ``<testcase>``
whose classname names the report and the rule family, so two reports' failures never look alike.
A requirement fails only when a finding is at or above ``--fail-on``; lesser findings go to
``<system-out>``, so the test view agrees with the job's exit code. A requirement that does not
apply is ``<skipped>``; an input that could not be read is an ``<error>`` test case. Valid
against the Jenkins xUnit schema (no ``skipped`` on ``<testsuites>``, no ``file`` on a case).
Times are 0: the file depends only on the input.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..results import SEVERITY_LABELS, SEVERITY_RANK, ChecklistItem, Finding, Result, Run, Unreadable, rule_family
from . import repo_path

TIME = "0"

# Characters XML 1.0 cannot carry at all (PDF text often has form feeds and other controls).
_ILLEGAL_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _ILLEGAL_XML.sub("", text)


def _fails(result: Result, f: Finding) -> bool:
    """At or above the run's --fail-on, the threshold that decides the exit code."""
    if result.fail_on == "never":
        return False
    return SEVERITY_RANK.get(f.severity, 0) >= SEVERITY_RANK[result.fail_on]


def report_class(path: str) -> str:
    """The report as a classname prefix; dots would read as package separators in Jenkins."""
    return repo_path(path).replace(".", "_")


def _finding_text(f: Finding) -> str:
    lines = [f"{f.where} [{SEVERITY_LABELS.get(f.severity, f.severity)}] {f.message}"]
    if f.section:
        lines.append(f"章节：{f.section}")
    if f.excerpt:
        lines.append(f"原文：{f.excerpt}")
    if f.basis:
        lines.append(f"依据：{f.basis}")
    if f.fix:
        lines.append(f"修改建议：{f.fix}")
    return "\n".join(lines)


def _case(parent: ET.Element, result: Result, item: ChecklistItem, findings: list[Finding],
          baselined: list[tuple[Finding, str]]) -> str:
    """Add one testcase; return its outcome: "passed", "failure" or "skipped"."""
    name = f"{item.rule} {item.title}".strip()
    case = ET.SubElement(parent, "testcase", name=_clean(name),
                         classname=_clean(f"{report_class(result.path)}.{rule_family(item.rule)}"), time=TIME)
    if item.status == "not-applicable":
        ET.SubElement(case, "skipped", message=_clean(item.reason or "不适用"))
        return "skipped"

    failing = [f for f in findings if _fails(result, f)]
    notes = [_finding_text(f) for f in findings if f not in failing]
    notes += [f"已列入基线（{why}）：{_finding_text(f)}" for f, why in baselined]
    outcome = "passed"
    if failing:
        worst = max(failing, key=lambda f: SEVERITY_RANK.get(f.severity, 0))
        message = failing[0].message
        if len(failing) > 1:
            message += f"（共{len(failing)}处）"
        message = " ".join(_clean(message).split())  # one line: CI tools show it as a heading
        failure = ET.SubElement(case, "failure", message=message, type=worst.severity)
        failure.text = _clean("\n\n".join(_finding_text(f) for f in failing))
        outcome = "failure"
    if notes:
        ET.SubElement(case, "system-out").text = _clean("\n\n".join(notes))
    elif not failing and item.evidence is not None:
        ev = item.evidence
        where = ev.source or (f"第{ev.line}行" if ev.line > 0 else "")
        ET.SubElement(case, "system-out").text = _clean(f"{where}：{ev.excerpt}" if where else ev.excerpt)
    return outcome


def _suite(parent: ET.Element, result: Result) -> dict[str, int]:
    suite = ET.SubElement(parent, "testsuite", name=_clean(repo_path(result.path)))
    props = [(key, value) for key, value in (
        ("profile", result.profile), ("profile_reason", result.profile_reason),
        ("title", result.title), ("unit", result.unit), ("year", result.year),
        ("status", result.status), ("fail_on", result.fail_on)) if value not in (None, "")]
    if props:
        element = ET.SubElement(suite, "properties")
        for key, value in props:
            ET.SubElement(element, "property", name=key, value=_clean(str(value)))

    by_rule: dict[str, list[Finding]] = {}
    for f in sorted(result.findings, key=lambda f: (f.line, f.code)):
        by_rule.setdefault(_owner(f.rule, result), []).append(f)
    accepted: dict[str, list[tuple[Finding, str]]] = {}
    for f, why in result.baselined:
        accepted.setdefault(_owner(f.rule, result), []).append((f, why))
    items = list(result.checklist)
    listed = {item.rule for item in items}
    # Findings of a rule missing from the checklist still get a testcase rather than vanish.
    items += [ChecklistItem(rule=rule, title="", status="violated", severity=fs[0].severity)
              for rule, fs in by_rule.items() if rule not in listed]

    outcomes = [_case(suite, result, item, by_rule.get(item.rule, []), accepted.get(item.rule, []))
                for item in items]
    counts = {"tests": len(outcomes), "failures": outcomes.count("failure"),
              "errors": 0, "skipped": outcomes.count("skipped")}
    _stamp(suite, counts, result.path)
    return counts


def _owner(rule: str, result: Result) -> str:
    """The checklist item a finding belongs to: ``structure.title.year`` is ``structure.title``'s."""
    listed = {item.rule for item in result.checklist}
    probe = rule
    while probe not in listed and "." in probe:
        probe = probe.rsplit(".", 1)[0]
    return probe if probe in listed else rule


def _stamp(suite: ET.Element, counts: dict[str, int], path: str) -> None:
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.set("time", TIME)
    if path != "<stdin>":
        suite.set("file", _clean(repo_path(path)))


def _unreadable_suite(parent: ET.Element, bad: Unreadable) -> dict[str, int]:
    suite = ET.SubElement(parent, "testsuite", name=_clean(repo_path(bad.path)))
    case = ET.SubElement(suite, "testcase", name="读取报告", classname=_clean(f"{report_class(bad.path)}.input"),
                         time=TIME)
    if bad.skipped:
        ET.SubElement(case, "skipped", message=_clean(bad.problem))
        counts = {"tests": 1, "failures": 0, "errors": 0, "skipped": 1}
    else:
        error = ET.SubElement(case, "error", message=" ".join(_clean(bad.problem).split()), type="unreadable")
        error.text = _clean(f"{bad.path}：{bad.problem}")
        counts = {"tests": 1, "failures": 0, "errors": 1, "skipped": 0}
    _stamp(suite, counts, bad.path)
    return counts


def render(run: Run, *, color: bool = False) -> str:
    """A ``<testsuites>`` document with totals, UTF-8, indented, trailing newline."""
    root = ET.Element("testsuites", name="report-check")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    suites = [_suite(root, r) for r in run.results] + [_unreadable_suite(root, b) for b in run.unreadable]
    for counts in suites:
        for key in totals:
            totals[key] += counts[key]
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", TIME)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
