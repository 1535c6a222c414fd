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


def test_each_is_rejected_for_its_kind_with_a_reason(results):
    """The finding says what a reviewer would: this is a 政府工作报告 (or the 人大's resolution on
    one), not a report on building rule-of-law government."""
    for title, result in results:
        subject = [f for f in result.findings if f.code == "structure.subject"]
        assert subject, title
        assert subject[0].severity == "error"
        assert subject[0].message.startswith("这是一份"), subject[0].message
        assert "不是法治政府建设年度报告" in subject[0].message
        kind = "决议" if title.endswith("决议") else "政府工作报告"
        assert kind in subject[0].message.split("，")[0], (title, subject[0].message)


def test_one_verdict_not_fifteen_findings(results):
    """A document of another kind is not checked item by item: the subject is its only finding,
    and every other checklist item says why it was not checked."""
    for title, result in results:
        assert [f.code for f in result.findings] == ["structure.subject"], title
        others = [item for item in result.checklist if item.rule != "structure.subject"]
        assert others and all(item.status == "not-applicable" for item in others), title
        assert {item.reason for item in others} == {"文件类型不符，未逐项检查"}, title
