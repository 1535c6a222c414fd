"""Markdown for merge-request comments and GitLab Code Quality JSON: what their readers need."""

from __future__ import annotations

import json

from validator.formatters import render
from validator.results import Result, Run, Unreadable


def test_markdown_tables_per_report(passing, failing):
    out = render("markdown", Run([passing, failing], unreadable=[Unreadable("reports/坏.pdf", "PDF 已损坏")]))
    assert "### ✅ 通过：`reports/甲区2023年报告.md`" in out and "### ❌ 不通过：`reports/乙县2023年.docx`" in out
    assert "| ❌ | `structure.shortcomings` | 存在的不足 | 错误 |" in out
    assert "| 第3页 | 警告 | `data.figures` | 百分比超过100%，<br>请核对" in out
    assert "| `reports/坏.pdf` | 无法读取：PDF 已损坏 |" in out


def test_markdown_escapes_pipes(failing):
    odd = Result(**{**vars(failing), "title": "甲|乙"})
    assert "甲\\|乙" in render("markdown", [odd])


def test_codeclimate_fields(failing):
    issues = json.loads(render("codeclimate", Run([failing], unreadable=[Unreadable("reports/坏.pdf", "PDF 已损坏")])))
    assert len(issues) == 5
    for issue in issues:
        assert set(issue) >= {"type", "description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    paged = next(i for i in issues if i["description"].startswith("第3页"))
    assert paged["location"] == {"path": "reports/乙县2023年.docx", "lines": {"begin": 1}}
    assert issues[-1]["check_name"] == "input.unreadable" and issues[-1]["severity"] == "blocker"
    twice = Result(**{**vars(failing), "findings": failing.findings + failing.findings[-1:]})
    prints = [i["fingerprint"] for i in json.loads(render("codeclimate", [twice]))]
    assert len(set(prints)) == len(prints)
