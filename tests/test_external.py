"""Real 政府工作报告 review a year, name problems and plan the next: none may pass as a 法治政府建设年度报告."""

from __future__ import annotations

import json

import pytest

from shared_paths import EXTERNAL, require
from validator.engine import check
from validator.report import report_from_text
from validator.ruleset import resolve

REPORTS = [json.loads(line) for line in require(EXTERNAL, module=True).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def results():
    profile = resolve("national")
    out = []
    for i, item in enumerate(REPORTS):
        report = report_from_text(f"{item['title']}\n{item['content']}", f"external-{i:02d}")
        out.append((item["title"], check(report, profile)))
    return out


def test_none_passes(results):
    passing = [title for title, result in results if result.status == "pass"]
    assert len(results) == 72
    assert passing == []


def test_each_is_rejected_for_its_subject_with_a_reason(results):
    """The finding says what a reviewer would: this is not a report on building rule-of-law government."""
    for title, result in results:
        subject = [f for f in result.findings if f.rule == "structure.subject"]
        assert subject, title
        assert subject[0].severity == "error"
        assert "不像法治政府建设年度报告" in subject[0].message


def test_required_parts_are_missing_too(results):
    """Beyond the subject, the parts the law prescribes are not there: first responsibility above all."""
    missing_first = sum(1 for _, r in results if any(f.rule == "structure.first-responsibility" for f in r.findings))
    assert missing_first >= 70
