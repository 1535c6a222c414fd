"""The outline of the seed and of the labelled corpus, as a reviewer reads them."""

from __future__ import annotations

import yaml

from validator.report import load_report, report_from_text



def test_seed_outline_parts_and_subheadings(seed_path):
    report = load_report(str(seed_path))
    assert [s.label for s in report.sections] == [
        "一、2023年法治政府建设工作情况",
        "二、存在不足和原因",
        "三、2024年法治政府建设工作计划",
    ]
    assert sum(len(s.children) for s in report.sections) == 13
    assert [len(s.children) for s in report.sections] == [6, 3, 4]


def test_seed_metadata(seed_path):
    meta = load_report(str(seed_path)).meta
    assert meta.title is None  # the scraped page has no title line
    assert meta.unit == "南山街道办事处"
    assert meta.year == 2023
    assert meta.signed.isoformat() == "2023-12-12"
    assert meta.published.isoformat() == "2023-12-15"


def test_seed_figures(seed_path):
    report = load_report(str(seed_path))
    assert len(report.figures) >= 40
    money = [f.figure for f in report.figures if f.figure.text == "4.27万元"]
    assert len(money) == 1 and money[0].value == 42700 and money[0].unit == "元"
    assert all(f.figure.unit != "年" for f in report.figures)
    assert all(f.section is not None for f in report.figures)


def test_page_furniture_is_not_content(seed_path):
    report = load_report(str(seed_path))
    furniture = [b.norm for b in report.furniture]
    assert any("扫一扫" in f for f in furniture)
    assert any(f.startswith("时间:2023-12-15") for f in furniture)
    assert all("扫一扫" not in b.norm for b in report.body)


def test_closing_block_is_not_part_of_the_plan(seed_path):
    report = load_report(str(seed_path))
    plan = report.sections[-1]
    assert plan.end < report.meta.signed_line
    assert all("专此报告" not in b.norm for b in report.blocks_in(plan))


def test_run_in_heading_and_list_items():
    text = (
        "青山区2023年法治政府建设年度报告\n"
        "一、主要举措和成效\n"
        "（一）加强组织领导。区委常委会研究法治建设3次。一是健全机制；二是压实责任。\n"
        "一是严格执法。全年办理案件12件。\n"
        "二、存在的不足和原因\n"
    )
    report = report_from_text(text)
    part = report.sections[0]
    assert [c.heading for c in part.children] == ["加强组织领导"]
    assert part.children[0].run_in
    assert report.meta.title == "青山区2023年法治政府建设年度报告"
    assert len(report.sections) == 2  # the title is not a part; 一是 is not a heading


def test_skipped_and_mixed_levels():
    text = "一、主要举措\n1.健全机制\n正文。\n（一）严格执法\n2.规范程序\n二、不足\n"
    report = report_from_text(text)
    first = report.sections[0]
    assert [c.heading for c in first.children] == ["健全机制", "严格执法"]
    assert [c.heading for c in first.children[1].children] == ["规范程序"]
    assert [s.heading for s in report.sections] == ["主要举措", "不足"]


def test_part_numbering_wordings():
    text = "第一部分 工作开展情况\n正文。\n第二部分 存在的问题\n正文。\n第三部分 下一步打算\n正文。\n"
    report = report_from_text(text)
    assert [s.heading for s in report.sections] == ["工作开展情况", "存在的问题", "下一步打算"]


def test_corpus_parts_match_labels(corpus):
    """Each corpus report's top-level parts are the parts its label note names."""
    labels = yaml.safe_load((corpus / "labels.yaml").read_text(encoding="utf-8"))
    expected = {
        "a01": 4, "a02": 4, "a03": 4, "a04": 5, "a05": 5, "a06": 3, "a07": 3, "a08": 4, "a09": 5, "a10": 4,
    }
    for entry in labels:
        report = load_report(str(corpus / entry["file"]))
        assert len(report.sections) == expected[entry["id"][:3]], entry["file"]
        assert report.meta.year == entry["year"], entry["file"]
        assert all(s.level == 1 for s in report.sections)


def test_corpus_plan_part_stops_at_part_five(corpus):
    report = load_report(str(corpus / "a05-yunling-county-2024.txt"))
    plan, other = report.sections[3], report.sections[4]
    assert plan.heading.startswith("2025年") and other.heading == "其他需要报告的情况"
    assert plan.end < other.line


def test_titles_units_and_years_as_published():
    cases = {
        "中共浚溪县委 浚溪县人民政府\n关于2024年法治政府建设情况的报告\n县委、县政府：\n2024年，我县深入推进依法行政。\n":
            ("中共浚溪县委 浚溪县人民政府关于2024年法治政府建设情况的报告", "中共浚溪县委 浚溪县人民政府", 2024),
        "湖滨省人民政府关于2023年度法治政府建设情况的报告\n2023年，全省深入推进依法行政。\n":
            ("湖滨省人民政府关于2023年度法治政府建设情况的报告", "湖滨省人民政府", 2023),
        "2022年青河区法治政府建设情况报告\n一、主要举措和成效\n":
            ("2022年青河区法治政府建设情况报告", "青河区", 2022),
    }
    for text, (title, unit, year) in cases.items():
        meta = report_from_text(text).meta
        assert (meta.title, meta.unit, meta.year) == (title, unit, year), text


def test_chinese_numeral_signing_date_and_salutation():
    text = "区委依法治区办：\n2022年，青河区教育局扎实推进依法治教。\n一、主要举措和成效\n正文。\n青河区教育局\n二〇二三年二月十六日\n"
    meta = report_from_text(text).meta
    assert meta.title is None
    assert meta.year == 2022 and meta.signed.isoformat() == "2023-02-16"
    assert meta.unit == "青河区教育局"


def test_site_banner_and_mid_sentence_watermark():
    """A banner with a weekday date is residue; a paragraph with a watermark in it stays content."""
    text = (
        "青河区人民政府 2019年12月3日星期二\n"
        "无障碍 简体| 繁体\n"
        "青河区2023年度法治政府建设情况报告\n"
        "来源:青河区人民政府办公室 发布时间:2024-03-28 09:18\n"
        "2023年,青河区深入推进依法行政。\n"
        "一、2023年主要举措和成效\n"
        "(一)加强执法。全年办理行政处罚案件300件,秘书网—全网资源每日更新www.example-docs.com公示处罚决定300件。\n"
    )
    report = report_from_text(text)
    assert [b.line for b in report.furniture] == [1, 2, 4]
    assert report.meta.title == "青河区2023年度法治政府建设情况报告"
    assert report.meta.year == 2023 and report.meta.published.isoformat() == "2024-03-28"
    assert [c.heading for c in report.sections[0].children] == ["加强执法"]
