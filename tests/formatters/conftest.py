"""Hand-built Results shared by the formatter tests: one clean report, one with problems."""

from __future__ import annotations

import pytest

from validator.results import ChecklistItem, Evidence, Finding, Result

LONG_TITLE = "甲区人民政府关于2023年度法治政府建设工作情况的报告（全文公开版本）"


@pytest.fixture
def passing() -> Result:
    return Result(
        path="reports/甲区2023年报告.md",
        title=LONG_TITLE,
        unit="甲区人民政府",
        year=2023,
        profile="district",
        profile_reason="标题含“区人民政府”",
        checklist=[
            ChecklistItem("structure.title", "标题规范", "ok", "error",
                          Evidence(1, LONG_TITLE, None), part="结构"),
            ChecklistItem("structure.shortcomings", "存在的不足", "ok", "error",
                          Evidence(40, "二、存在的不足和原因", "二、存在的不足和原因"), part="结构"),
            ChecklistItem("enforcement.legal-review", "重大执法决定法制审核", "not-applicable",
                          "warning", reason="本单位无行政执法职能", part="行政执法"),
        ],
        findings=[],
    )


@pytest.fixture
def failing() -> Result:
    return Result(
        path="reports/乙县2023年.docx",
        title="乙县2023年法治政府建设年度报告",
        unit=None,
        year=None,
        profile="county",
        profile_reason="标题含“县”",
        checklist=[
            ChecklistItem("structure.title", "标题规范", "ok", "error",
                          Evidence(1, "乙县2023年法治政府建设年度报告", None), part="结构"),
            ChecklistItem("structure.shortcomings", "存在的不足", "violated", "error", part="结构"),
            ChecklistItem("enforcement.legal-review", "重大执法决定法制审核", "not-applicable",
                          "warning", reason="本单位无行政执法职能", part="行政执法"),
            ChecklistItem("data.figures", "数字与单位", "violated", "warning", part="数据"),
            ChecklistItem("style.punctuation", "标点规范", "violated", "info", part="文字规范"),
            ChecklistItem("structure.plans", "下一年度工作安排", "ok", "error",
                          Evidence(50, "三、2024年工作安排", "三、2024年工作安排"), part="结构"),
        ],
        findings=[
            Finding(40, "data.figures", "warning", "数字与单位不一致：“12起”应为“12件”",
                    section="一、主要举措", excerpt="办理行政复议案件12起",
                    basis="《行政复议法》", fix="统一使用“件”"),
            Finding(12, "data.figures", "warning", "百分比超过100%，\n请核对",
                    section="一、主要举措", excerpt="结案率为112%,较上年提高",
                    basis="数据应真实准确", fix="核对结案率", source="第3页"),
            Finding(0, "structure.shortcomings", "error", "缺少“存在的不足”部分",
                    basis="《法治政府建设与责任落实督察工作规定》第二十五条",
                    fix="增加“存在的不足和原因”一节"),
            Finding(30, "style.punctuation", "info", "中文语句中使用了半角逗号",
                    section="二、工作成效", excerpt="完成培训3次,覆盖全员"),
        ],
    )
