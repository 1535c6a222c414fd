"""The terminal checklist: what a reviewer sees at a glance."""

from __future__ import annotations

import re

from validator.formatters import render

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_checklist_marks_and_summary(passing, failing):
    out = render("text", [failing])
    assert "✓ structure.title" in out
    assert "✗ structure.shortcomings" in out
    assert "– enforcement.legal-review" in out
    assert "不适用：本单位无行政执法职能" in out
    assert "结果：不通过  错误 1  警告 2  提示 1" in out
    assert "结果：通过  错误 0  警告 0  提示 0" in render("text", [passing])


def test_header_names_the_report_and_why_the_profile(failing):
    first, second = render("text", [failing]).splitlines()[:2]
    assert first == "reports/乙县2023年.docx"
    assert "乙县2023年法治政府建设年度报告" in second
    assert "单位：未识别" in second and "年度：未识别" in second
    assert "规则集：county（标题含“县”）" in second


def test_checklist_grouped_by_part_in_first_seen_order(failing):
    out = render("text", [failing])
    heads = [line.strip() for line in out.splitlines() if line.startswith("  ") and not line.startswith("   ")]
    parts = heads[heads.index("结构"):][:4]
    assert parts == ["结构", "行政执法", "数据", "文字规范"]
    # structure.plans comes last in the profile but is shown under 结构
    section = out[out.index("  结构"):out.index("  行政执法")]
    assert "structure.plans" in section


def test_ok_item_shows_line_and_short_excerpt(passing):
    line = next(l for l in render("text", [passing]).splitlines() if "structure.title" in l)
    assert "第1行" in line
    excerpt = re.search(r"“(.*)”", line).group(1)
    assert excerpt.endswith("…") and len(excerpt) <= 30


def test_violated_item_shows_chinese_severity(failing):
    lines = render("text", [failing]).splitlines()
    assert "错误" in next(l for l in lines if "✗ structure.shortcomings" in l)
    assert "警告（2处）" in next(l for l in lines if "✗ data.figures" in l)
    assert "提示" in next(l for l in lines if "✗ style.punctuation" in l)


def test_findings_in_document_order_whole_document_first(failing):
    out = render("text", [failing])
    problems = out[out.index("问题（4）"):]
    positions = [problems.index(s) for s in ("全文", "第3页", "第30行", "第40行")]
    assert positions == sorted(positions)
    assert "依据：《法治政府建设与责任落实督察工作规定》第二十五条" in problems
    assert "修改建议：增加“存在的不足和原因”一节" in problems
    assert "章节：一、主要举措" in problems and "原文：“办理行政复议案件12起”" in problems


def test_multiline_message_stays_indented(failing):
    out = render("text", [failing])
    assert "\n    请核对\n" in out


def test_no_colour_codes_without_color(passing, failing):
    assert "\x1b" not in render("text", [passing, failing])


def test_colour_codes_with_color(passing, failing):
    out = render("text", [passing, failing], color=True)
    assert "\x1b[32m✓" in out
    assert "\x1b[31m✗" in out  # error item
    assert "\x1b[33m✗" in out  # warning item
    assert "\x1b[31m错误 1" in out and "\x1b[33m警告 2" in out
    # same words once the codes are stripped
    assert ANSI.sub("", out) == render("text", [passing, failing])


def test_several_documents_get_blocks_and_a_total(passing, failing):
    out = render("text", [passing, failing])
    assert out.count("结果：") == 2
    tail = out.rstrip().splitlines()
    total = tail.index("合计：2 份报告  通过 1  不通过 1  错误 1  警告 2  提示 1")
    # then the items most often missed, each with how many reports miss it
    assert tail[total + 1] == "最常缺失的要求："
    assert all(line.endswith("份报告") for line in tail[total + 2:])
    assert "合计" not in render("text", [failing])


def test_no_documents_renders_nothing():
    assert render("text", []) == ""
