"""Parts by role: each structure class of real reports gets the right role for every part, and the
part rules neither miss a part that is there nor accept one that is not. Every report is our own
text (fictional places), read as plain text and as a published web page."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from validator.checker import check_report
from validator.cli import main
from validator.report import report_from_text
from variants import to_html

# Body paragraphs long enough for the .empty checks; each fixture adds its own wording around them.
WORK = [
    "全年召开政府常务会议专题研究法治政府建设4次，制定年度工作要点，分解任务36项，逐项明确责任单位和完成时限。",
    "严格落实行政执法公示、执法全过程记录和重大执法决定法制审核制度，全年办理行政处罚案件218件，评查执法案卷96卷，整改问题14个。",
    "深入开展“八五”普法，组织法治宣传活动52场次，培育“法律明白人”310名，调解矛盾纠纷426件，调解成功率达到97.6%。"
    "主动公开政府信息1184条，办理政府信息公开申请27件，均在法定期限内答复，群众对政务服务的评价持续向好。",
]
FAULTS = "一是基层执法人员专业能力不足，新进人员占比较高；二是普法宣传方式单一，针对性不强。究其原因，培训投入不够，考核机制不健全。"
PLAN = "{next}年，将继续深化综合执法改革，进一步规范行政裁量权基准，持续加强执法人员培训，推动普法责任制落到实处。"


def _reports(title: str, lines: list[str], unit: str):
    """The same report as a .txt file, as a government web page with bold headings and as one
    with <h2>/<h3> headings."""
    text = report_from_text("\n".join([title, *lines]), "fixture.txt")
    pages = [
        report_from_text(to_html(lines, title=title, source=unit, published="2025-02-20", heading_tags=tags),
                         "fixture.html", ".html")
        for tags in (False, True)
    ]
    return [text, *pages]


def _roles(report) -> list[tuple[str, tuple[str, ...]]]:
    return [(p.label, report.roles.of(p).roles) for p in report.sections]


def _reasons(report, label_start: str) -> str:
    part = next(p for p in report.sections if p.label.startswith(label_start))
    return "；".join(report.roles.of(part).reasons)


def _structure_findings(report) -> set[str]:
    result = check_report(report)
    return {f.code for f in result.findings if f.code.startswith("structure.") and f.severity in ("error", "warning")
            and f.code != "structure.title"}


def _item(report, rule_id: str):
    return next(i for i in check_report(report).checklist if i.rule == rule_id)


THEMATIC = [
    "2024年，白鹭镇坚持以习近平法治思想为指导，扎实推进依法行政。现将有关情况报告如下：",
    "一、压实责任链条，筑牢法治根基",
    WORK[0],
    "二、守正创新谋发展，砥砺前行显担当",
    WORK[1],
    "三、统筹安排部署，凝聚法治合力",
    WORK[2],
    "四、工作中的短板",
    FAULTS,
    "五、2025年工作思路",
    PLAN.format(next=2025),
    "六、其他需要报告的情况",
    "本年度无其他需要报告的情况。",
]


@pytest.mark.parametrize("report", _reports("白鹭镇2024年法治政府建设年度报告", THEMATIC, "白鹭镇人民政府"),
                         ids=["txt", "html", "html-h"])
def test_thematic_parts_before_the_shortcomings_are_the_measures(report):
    assert _roles(report) == [
        ("一、压实责任链条，筑牢法治根基", ("measures",)),
        ("二、守正创新谋发展，砥砺前行显担当", ("measures",)),
        ("三、统筹安排部署，凝聚法治合力", ("measures",)),
        ("四、工作中的短板", ("shortcomings",)),
        ("五、2025年工作思路", ("plan",)),
        ("六、其他需要报告的情况", ("other",)),
    ]
    assert "标题以“压实”开头" in _reasons(report, "一、")
    assert "位于“四、工作中的短板”之前的主题部分" in _reasons(report, "二、")
    # "安排" alone does not make part 三 the plan: the shortcomings and the plan follow it.
    assert "标题含“安排”，但其后还有“四、工作中的短板”，不作下一年度安排部分" in _reasons(report, "三、")
    assert "写明2025年（报告年度＋1）且为最后部分" in _reasons(report, "五、")
    measures = _item(report, "structure.measures")
    assert measures.status == "ok"
    assert measures.evidence.excerpt == "一、压实责任链条，筑牢法治根基等3个部分（举措和成效：位于“四、工作中的短板”之前的主题部分）"
    assert _structure_findings(report) == {"structure.first-responsibility"}


GENERIC = [
    "一、上年度法治建设有关情况",
    *WORK,
    "二、问题与不足",
    FAULTS,
    "三、街道党工委书记、主任履行推进法治建设第一责任人职责情况",
    "街道党工委书记、主任带头学法述法，主持召开党工委会议专题研究法治建设3次。",
    "四、下步打算",
    PLAN.format(next=2025),
]


@pytest.mark.parametrize("report", _reports("梧桐街道2024年法治政府建设年度报告", GENERIC, "梧桐街道办事处"),
                         ids=["txt", "html", "html-h"])
def test_generic_situation_heading_is_the_measures(report):
    assert [r for _, r in _roles(report)] == [("measures",), ("shortcomings",), ("first-responsibility",), ("plan",)]
    assert "概括性标题" in _reasons(report, "一、")
    assert _structure_findings(report) == set()


TWO_ROLES = [
    "一、主要成效与存在问题",
    "（一）健全依法决策机制。" + WORK[0],
    "（二）规范涉农行政执法。" + WORK[1],
    "（三）存在的问题和不足",
    FAULTS,
    "二、局党组书记、局长履行推进法治建设第一责任人职责情况",
    "局党组书记、局长主持召开局党组会议研究法治工作5次，带头讲授法治课1次。",
    "三、2025年工作安排",
    PLAN.format(next=2025),
]


@pytest.mark.parametrize("report", _reports("临溪市农业农村局2024年法治政府建设年度报告", TWO_ROLES,
                                            "临溪市农业农村局"), ids=["txt", "html", "html-h"])
def test_heading_naming_two_parts_carries_both_roles(report):
    assert _roles(report)[0] == ("一、主要成效与存在问题", ("measures", "shortcomings"))
    assert _reasons(report, "一、") == "标题含“成效”；标题含“问题”"
    assert _structure_findings(report) == set()
    result = check_report(report)
    shortcomings = next(i for i in result.checklist if i.rule == "structure.shortcomings")
    assert shortcomings.evidence.excerpt.startswith("（三）存在的问题和不足")
    causes = next(i for i in result.checklist if i.rule == "structure.shortcomings.causes")
    assert causes.status == "ok"


PROBLEMS_AND_PLAN = [
    "一、2024年工作成效",
    *WORK,
    "二、党政主要负责人履行第一责任人职责情况",
    "县长主持召开县政府常务会议研究法治政府建设6次，带头旁听行政案件庭审。",
    "三、存在问题及下一步打算",
    "（一）存在问题",
    FAULTS,
    "（二）下一步打算",
    PLAN.format(next=2026),
]


@pytest.mark.parametrize("report", _reports("青岚县人民政府2024年法治政府建设年度报告", PROBLEMS_AND_PLAN,
                                            "青岚县人民政府"), ids=["txt", "html", "html-h"])
def test_two_role_part_is_split_among_its_children(report):
    assert _roles(report)[2] == ("三、存在问题及下一步打算", ("shortcomings", "plan"))
    sub = report.all_sections
    plan_child = next(s for s in sub if s.label == "（二）下一步打算")
    assert report.roles.of(plan_child).roles == ("plan",) and report.roles.of(plan_child).own
    result = check_report(report)
    plan = next(i for i in result.checklist if i.rule == "structure.next-year-plan")
    assert plan.evidence.excerpt.startswith("（二）下一步打算")
    # The plan year is read from the plan child: 2026 for a 2024 report is wrong.
    wrong = [f for f in result.findings if f.code == "dates.plan-year"]
    assert len(wrong) == 1 and "2026" in wrong[0].excerpt


YEAR_ONLY = [
    "一、2024年法治政府建设工作",
    *WORK,
    "二、存在的不足和原因",
    FAULTS,
    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    "区长认真履行第一责任人职责，主持召开区政府常务会议学法4次。",
    "四、2025年法治政府建设",
    PLAN.format(next=2025),
]


@pytest.mark.parametrize("report", _reports("石门区人民政府2024年法治政府建设年度报告", YEAR_ONLY,
                                            "石门区人民政府"), ids=["txt", "html", "html-h"])
def test_plan_named_only_by_its_year(report):
    assert _roles(report)[3] == ("四、2025年法治政府建设", ("plan",))
    assert _reasons(report, "四、") == "标题写明2025年（报告年度＋1）且为最后部分"
    assert _reasons(report, "一、") == "标题写明2024年（报告年度）"
    assert _structure_findings(report) == set()
    assert _item(report, "dates.plan-year").status == "ok"


NUMBERED_YEAR = [
    "1.2024年主要工作",
    "（1）健全制度。" + WORK[0],
    "（2）规范执法。" + WORK[1],
    "（3）深化普法。" + WORK[2],
    "1.5万元普法经费已全部拨付，用于法治文化阵地建设。",
    "2.存在的短板",
    FAULTS,
    "3.主要负责同志履行法治建设职责情况",
    "局主要负责同志亲自部署法治机关建设，先后3次主持召开局务会议专题研究法治工作。",
    "4.2025年重点任务",
    PLAN.format(next=2025),
]


@pytest.mark.parametrize("report", _reports("云川市交通运输局2024年法治政府建设年度报告", NUMBERED_YEAR,
                                            "云川市交通运输局"), ids=["txt", "html", "html-h"])
def test_numbers_running_into_a_year_are_headings(report):
    assert [(s.number, s.heading) for s in report.sections] == [
        ("1.", "2024年主要工作"), ("2.", "存在的短板"), ("3.", "主要负责同志履行法治建设职责情况"), ("4.", "2025年重点任务"),
    ]
    assert all("1.5万元" not in s.label for s in report.all_sections)
    assert [r for _, r in _roles(report)] == [("measures",), ("shortcomings",), ("first-responsibility",), ("plan",)]
    assert _structure_findings(report) == set()


NO_PARTS = [
    "2023年，柳塘乡认真落实法治政府建设各项任务，现将有关情况报告如下。",
    "（一）加强组织领导，健全推进机制",
    WORK[0],
    "（二）规范行政执法，提升执法质效",
    WORK[1] + WORK[2],
    "（三）乡党委书记、乡长履行推进法治建设第一责任人职责",
    "乡党委书记、乡长对法治建设重要工作亲自部署、重大问题亲自过问，全年主持召开专题会议4次。",
    "（四）存在的问题",
    FAULTS,
    "（五）下一步工作打算",
    PLAN.format(next=2024),
]


@pytest.mark.parametrize("report", _reports("柳塘乡2023年法治政府建设情况报告", NO_PARTS, "柳塘乡人民政府"),
                         ids=["txt", "html", "html-h"])
def test_report_without_top_level_numbering(report):
    assert [r for _, r in _roles(report)] == [
        ("measures",), ("measures",), ("first-responsibility",), ("shortcomings",), ("plan",),
    ]
    assert _structure_findings(report) == set()


def test_unnumbered_word_style_headings_on_a_web_page():
    body = "".join(
        f"<h2>{h}</h2>" if h in ("工作开展情况", "存在的问题", "第一责任人履职情况", "下一步工作计划") else f"<p>{h}</p>"
        for h in ["工作开展情况", *WORK, "存在的问题", FAULTS, "第一责任人履职情况",
                  "镇长主持召开镇政府常务会议研究法治工作3次。", "下一步工作计划", PLAN.format(next=2025)]
    )
    page = (f"<html><head><title>白沙镇2024年法治政府建设年度报告</title></head><body>"
            f"<h1>白沙镇2024年法治政府建设年度报告</h1>{body}</body></html>")
    report = report_from_text(page, "headings.html", ".html")
    assert [r for _, r in _roles(report)] == [("measures",), ("shortcomings",), ("first-responsibility",), ("plan",)]
    assert _structure_findings(report) == set()


FR_SUBSECTION = [
    "一、2023年主要工作举措和成效",
    "（一）深化交通运输领域放管服改革。" + WORK[0],
    "（二）落实主要负责人推进法治建设第一责任人职责",
    "厅党组书记、厅长带头学习习近平法治思想，年终专题述法。",
    "（三）规范交通运输行政执法。" + WORK[1],
    "二、存在的问题",
    FAULTS,
    "三、2024年工作计划",
    PLAN.format(next=2024),
]


@pytest.mark.parametrize("report", _reports("云川省交通运输厅2023年法治政府建设年度报告", FR_SUBSECTION,
                                            "云川省交通运输厅"), ids=["txt", "html", "html-h"])
def test_first_responsibility_as_a_subsection_of_the_measures(report):
    sub = next(s for s in report.all_sections if s.label.startswith("（二）落实主要负责人"))
    assert report.roles.of(sub).roles == ("first-responsibility",)
    item = _item(report, "structure.first-responsibility")
    assert item.status == "ok" and item.evidence.line == sub.line
    assert _structure_findings(report) == set()


def _with_fr_paragraph(sentence: str) -> list[str]:
    return [
        "一、2023年主要工作举措和成效",
        WORK[0],
        sentence,
        WORK[1],
        "二、存在的问题",
        FAULTS,
        "三、2024年工作计划",
        PLAN.format(next=2024),
    ]


@pytest.mark.parametrize("sentence", [
    "厅主要负责同志高度重视法治工作，先后4次主持召开厅党组会议专题研究法治工作。",
    "局党组书记、局长亲自部署法治机关建设，年内督办执法规范化整改事项9件。",
    "镇长带头讲授法治专题党课，镇党委书记在全县党政主要负责人述法会上专题述法。",
    "区长主持召开区政府常务会议，专题研究行政复议和依法行政工作。",
    "局主要负责人认真履行推进法治建设职责，年内听取法治工作汇报4次。",
])
@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_first_responsibility_in_paraphrase(sentence, fmt):
    report = _reports("云川省水利厅2023年法治政府建设年度报告", _with_fr_paragraph(sentence), "云川省水利厅")[
        0 if fmt == "txt" else 1]
    item = _item(report, "structure.first-responsibility")
    assert item.status == "ok", sentence
    assert item.evidence.line > 0


@pytest.mark.parametrize("sentence", [
    "组织开展年终述法工作，督促各科室按时提交述法材料。",
    "调整充实法治政府建设工作领导小组，明确领导小组办公室设在法规科。",
    "副局长主持召开执法工作推进会，专题研究行政执法规范化工作。",
])
@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_bare_shufa_or_leading_group_is_not_first_responsibility(sentence, fmt):
    report = _reports("云川省水利厅2023年法治政府建设年度报告", _with_fr_paragraph(sentence), "云川省水利厅")[
        0 if fmt == "txt" else 1]
    assert "structure.first-responsibility" in _structure_findings(report), sentence


OTHER_AND_ANNEX = [
    "一、2024年推进法治政府建设的主要举措和成效",
    *WORK,
    "二、存在的不足和原因",
    FAULTS,
    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    "县长主持召开县政府常务会议研究法治政府建设5次。",
    "四、2025年推进法治政府建设的主要安排",
    PLAN.format(next=2025),
    "五、其他需要报告的情况",
    "本年度无其他需要报告的情况。",
    "六、附件：2024年度行政执法数据统计",
    "行政处罚218件，行政许可1264件，行政检查903次。",
]


@pytest.mark.parametrize("report", _reports("青岚县人民政府2024年法治政府建设年度报告", OTHER_AND_ANNEX,
                                            "青岚县人民政府"), ids=["txt", "html", "html-h"])
def test_other_matters_and_annex(report):
    assert [r for _, r in _roles(report)][-2:] == [("other",), ("annex",)]
    # The annex is not the plan: the plan part is the last part before them.
    assert "且为最后部分" in _reasons(report, "四、")
    assert _structure_findings(report) == set()


@pytest.mark.parametrize("lines, missing", [
    ([*THEMATIC[:7], "四、下一步工作打算", PLAN.format(next=2025)], "structure.shortcomings"),
    (THEMATIC[:9], "structure.next-year-plan"),
    (THEMATIC, "structure.first-responsibility"),
])
@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_parts_truly_missing_are_still_flagged(lines, missing, fmt):
    report = _reports("白鹭镇2024年法治政府建设年度报告", lines, "白鹭镇人民政府")[0 if fmt == "txt" else 1]
    found = _structure_findings(report)
    assert missing in found
    assert "structure.measures" not in found
    finding = next(f for f in check_report(report).findings if f.code == missing)
    assert finding.line == 0 and finding.excerpt == ""
    assert "识别出的部分：一、压实责任链条，筑牢法治根基（举措和成效）；" in finding.message


def test_a_report_of_body_text_only_has_no_parts():
    report = report_from_text("白鹭镇2024年法治政府建设年度报告\n" + "".join(WORK))
    assert report.sections == []
    assert "structure.measures" in _structure_findings(report)
    finding = next(f for f in check_report(report).findings if f.code == "structure.measures")
    assert finding.excerpt == ""
    assert finding.message.endswith("识别出的部分：报告没有可识别的标题，未分出部分")


def test_tail_part_without_a_telling_heading_is_placed_by_its_text():
    lines = [
        "一、主要举措和成效", *WORK, "二、存在的问题", FAULTS,
        "三、凝心聚力再出发",
        "2025年，将继续推进严格规范公正文明执法，进一步完善合法性审查机制，持续开展普法进村居活动，力争创建省级民主法治示范村2个。",
    ]
    report = report_from_text("\n".join(["青岚县人民政府2024年法治政府建设年度报告", *lines]))
    assert report.roles.of(report.sections[2]).roles == ("plan",)
    assert "并写到2025年" in "；".join(report.roles.of(report.sections[2]).reasons)


def test_outline_json_gives_each_section_its_role(tmp_path):
    path = tmp_path / "two-roles.txt"
    path.write_text("\n".join(["临溪市农业农村局2024年法治政府建设年度报告", *TWO_ROLES]), encoding="utf-8")
    run = CliRunner().invoke(main, ["outline", "--format", "json", str(path)])
    assert run.exit_code == 0, run.output
    sections = json.loads(run.output)["sections"]
    first = sections[0]
    assert (first["role"], first["roles"]) == ("measures", ["measures", "shortcomings"])
    assert first["role_reasons"] == ["标题含“成效”", "标题含“问题”"]
    child = first["children"][2]
    assert (child["heading"], child["role"], child["roles"]) == ("（三）存在的问题和不足", "shortcomings", ["shortcomings"])
    assert first["children"][0]["role_reasons"] == ["属于“一、主要成效与存在问题”"]
    assert [s["role"] for s in sections] == ["measures", "first-responsibility", "plan"]
    text = CliRunner().invoke(main, ["outline", str(path)]).output
    assert "〔举措和成效＋存在的不足：标题含“成效”；标题含“问题”〕" in text


def test_a_rules_file_extends_the_role_words(tmp_path):
    rules = tmp_path / "mine.yaml"
    rules.write_text("roles:\n  plan:\n    headings: ['奋斗目标']\n", encoding="utf-8")
    report = report_from_text("\n".join([
        "青岚县人民政府2024年法治政府建设年度报告", "一、主要举措和成效", *WORK, "二、存在的问题", FAULTS,
        "三、奋斗目标", "来年目标清晰，任务具体，措施有力，责任明确，保障到位，考核严格。",
    ]))
    assert report.roles.of(report.sections[2]).roles == ()
    assert "structure.next-year-plan" in {f.code for f in check_report(report).findings}
    mine = check_report(report, rules=(str(rules),))
    assert "structure.next-year-plan" not in {f.code for f in mine.findings}


def test_a_rules_files_plan_words_keep_the_plans_year_out_of_the_report_year(tmp_path):
    """Only the plan heading names a year: with the user's plan word it is the next year's, not the
    report's, so the year is unknown (a finding says so) rather than wrongly taken as 2025."""
    rules = tmp_path / "mine.yaml"
    rules.write_text("roles:\n  plan:\n    headings: ['奋斗目标']\n", encoding="utf-8")
    report = report_from_text("\n".join([
        "青岚县人民政府法治政府建设年度报告", "一、主要举措和成效", *WORK, "二、存在的问题", FAULTS,
        "三、2025年奋斗目标", "来年目标清晰，任务具体，措施有力，责任明确，保障到位，考核严格。",
    ]))
    bundled = check_report(report)
    assert bundled.year == 2025 and "dates.report-year.missing" not in {f.code for f in bundled.findings}
    mine = check_report(report, rules=(str(rules),))
    assert mine.year is None
    assert "dates.report-year.missing" in {f.code for f in mine.findings}
    assert "dates.plan-year" not in {f.code for f in mine.findings}


@pytest.mark.parametrize("first", [
    "一、年度工作计划执行情况",  # 计划 in a review of the year's plan
    "一、以问题为导向，推进执法规范化",  # 问题 in a thematic heading
    "一、创新工作思路，提升依法行政水平",  # 思路 in a thematic heading
])
@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_a_closing_word_in_a_measures_heading_does_not_move_the_part(first, fmt):
    lines = [first, *WORK, "二、存在的问题", FAULTS, "三、党政主要负责人履行第一责任人职责情况",
             "县长主持召开县政府常务会议研究法治政府建设5次。", "四、2025年工作思路", PLAN.format(next=2025)]
    report = _reports("青岚县人民政府2024年法治政府建设年度报告", lines, "青岚县人民政府")[0 if fmt == "txt" else 1]
    assert [r for _, r in _roles(report)] == [("measures",), ("shortcomings",), ("first-responsibility",), ("plan",)]
    assert _structure_findings(report) == set()
    plan = _item(report, "structure.next-year-plan")
    assert plan.evidence.line == report.sections[3].line


NESTED_CLOSERS = [
    "一、2024年法治政府建设工作开展情况",
    "（一）加强组织领导。" + WORK[0],
    "（二）规范行政执法。" + WORK[1],
    "（三）完善工作计划，深化普法。" + WORK[2],
    "（四）存在的问题",
    FAULTS,
    "（五）下一步工作打算",
    PLAN.format(next=2025),
    "二、镇党委书记、镇长履行推进法治建设第一责任人职责情况",
    "镇党委书记主持召开党委会议专题研究法治建设3次。",
]


@pytest.mark.parametrize("report", _reports("白鹭镇2024年法治政府建设年度报告", NESTED_CLOSERS, "白鹭镇人民政府"),
                         ids=["txt", "html", "html-h"])
def test_closing_subsections_at_the_end_of_the_only_part(report):
    owned = {s.label: report.roles.of(s).roles for s in report.all_sections if s.parent and report.roles.of(s).own}
    assert owned == {"（四）存在的问题": ("shortcomings",), "（五）下一步工作打算": ("plan",)}
    assert _structure_findings(report) == set()
    without_plan = report_from_text("\n".join(["白鹭镇2024年法治政府建设年度报告", *NESTED_CLOSERS[:6], *NESTED_CLOSERS[8:]]))
    assert _structure_findings(without_plan) == {"structure.next-year-plan"}  # （三）完善工作计划 is not a plan


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_first_responsibility_regretted_in_the_shortcomings_is_not_reported(fmt):
    lines = ["一、2024年主要工作举措和成效", *WORK, "二、存在的问题",
             "个别单位主要负责人履行推进法治建设第一责任人职责还不到位，" + FAULTS, "三、2025年工作计划", PLAN.format(next=2025)]
    report = _reports("云川省水利厅2024年法治政府建设年度报告", lines, "云川省水利厅")[0 if fmt == "txt" else 1]
    assert _structure_findings(report) == {"structure.first-responsibility"}


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_first_responsibility_subsection_of_the_shortcomings_is_not_reported(fmt):
    lines = ["一、2024年主要工作举措和成效", *WORK, "二、存在的问题", "（一）第一责任人职责落实不到位", FAULTS,
             "（二）执法力量薄弱", FAULTS, "三、2025年工作计划", PLAN.format(next=2025)]
    report = _reports("云川省水利厅2024年法治政府建设年度报告", lines, "云川省水利厅")[0 if fmt == "txt" else 1]
    assert "structure.first-responsibility" in _structure_findings(report)


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_first_responsibility_promised_in_the_plan_is_not_reported(fmt):
    lines = ["一、2024年主要工作举措和成效", *WORK, "二、存在的问题", FAULTS, "三、2025年工作计划",
             "（一）压实主要负责人推进法治建设第一责任人职责", PLAN.format(next=2025)]
    report = _reports("云川省水利厅2024年法治政府建设年度报告", lines, "云川省水利厅")[0 if fmt == "txt" else 1]
    assert _structure_findings(report) == {"structure.first-responsibility"}


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_a_part_of_its_own_is_preferred_to_a_two_role_heading(fmt):
    lines = ["一、主要成效与存在问题", *WORK, "二、存在的不足和原因", FAULTS, "三、党政主要负责人履行第一责任人职责情况",
             "县长主持召开县政府常务会议研究法治政府建设5次。", "四、2025年工作安排", PLAN.format(next=2025)]
    report = _reports("青岚县人民政府2024年法治政府建设年度报告", lines, "青岚县人民政府")[0 if fmt == "txt" else 1]
    assert _item(report, "structure.shortcomings").evidence.line == report.sections[1].line
    assert _item(report, "structure.shortcomings.causes").status == "ok"
    assert _structure_findings(report) == set()


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_untelling_heading_over_a_list_of_problems_is_the_shortcomings(fmt):
    lines = ["一、主要举措和成效", *WORK, "二、几点体会", FAULTS, "三、2025年工作安排", PLAN.format(next=2025)]
    report = _reports("青岚县人民政府2024年法治政府建设年度报告", lines, "青岚县人民政府")[0 if fmt == "txt" else 1]
    assert _roles(report)[1] == ("二、几点体会", ("shortcomings",))
    assert "正文通篇写“问题/不足/短板/差距”" in _reasons(report, "二、")
    assert _structure_findings(report) == {"structure.first-responsibility"}


@pytest.mark.parametrize("heading, roles", [
    ("一、2024年工作安排落实情况", ("measures",)),  # a review of the year's plan, not a plan
    ("一、下一步工作计划和措施", ("plan",)),  # the plan's measures, not the year's
    ("一、2024年工作总结及2025年工作计划", ("measures", "plan")),
    ("一、存在的不足和下一步打算", ("shortcomings", "plan")),
    ("一、县委书记、县长履行推进法治建设职责情况", ("first-responsibility",)),
    ("一、面临的困难和挑战", ("shortcomings",)),
    ("一、其他需要说明的事项", ("other",)),
    ("一、法治宣传教育", ("measures",)),  # a 纲要 area
    ("一、扛牢政治责任，筑牢法治根基", ("measures",)),  # a thematic opening verb
])
@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_heading_wording(heading, roles, fmt):
    report = _reports("青岚县人民政府2024年法治政府建设年度报告", [heading, *WORK], "青岚县人民政府")[
        0 if fmt == "txt" else 1]
    assert report.roles.of(report.sections[0]).roles == roles


@pytest.mark.parametrize("body, said", [
    ("roles:\n  plan:\n    headings: ['(未闭合']\n", "正则表达式“(未闭合”有误"),
    ("roles:\n  planx:\n    headings: ['奋斗目标']\n", "未知的键“planx”"),
])
def test_broken_role_words_are_one_clear_line(tmp_path, body, said):
    path = tmp_path / "mine.yaml"
    path.write_text(body, encoding="utf-8")
    run = CliRunner().invoke(main, ["rules", "validate", str(path)])
    assert run.exit_code == 2
    assert said in run.output and "Traceback" not in run.output


def test_an_older_headings_override_adds_words_to_the_role(tmp_path):
    rules = tmp_path / "old.yaml"
    rules.write_text("options:\n  structure.next-year-plan: {headings: ['奋斗目标']}\n", encoding="utf-8")
    report = report_from_text("\n".join([
        "青岚县人民政府2024年法治政府建设年度报告", "一、主要举措和成效", *WORK, "二、存在的问题", FAULTS,
        "三、奋斗目标", "来年目标清晰，任务具体，措施有力，责任明确，保障到位，考核严格。",
    ]))
    mine = check_report(report, rules=(str(rules),))
    assert "structure.next-year-plan" not in {f.code for f in mine.findings}


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_a_closing_word_in_passing_is_a_measure_when_measures_follow(fmt):
    lines = ["一、直面群众关切问题，推进执法规范化", WORK[0] + WORK[1], "二、坚持依法决策", WORK[2],
             "三、党政主要负责人履行第一责任人职责情况", "县长主持召开县政府常务会议研究法治政府建设5次。",
             "四、下一步打算", PLAN.format(next=2025)]
    report = _reports("青岚县人民政府2024年法治政府建设年度报告", lines, "青岚县人民政府")[0 if fmt == "txt" else 1]
    assert [r for _, r in _roles(report)] == [("measures",), ("measures",), ("first-responsibility",), ("plan",)]
    assert "但其后还有“二、坚持依法决策”" in _reasons(report, "一、")
    # the shortcomings are truly missing, and still reported
    assert _structure_findings(report) == {"structure.shortcomings"}


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_plan_nested_at_the_end_of_the_shortcomings_part(fmt):
    lines = ["一、主要举措和成效", *WORK, "二、存在的问题", "（一）执法力量薄弱", FAULTS, "（二）下一步打算",
             PLAN.format(next=2025), "三、党政主要负责人履行第一责任人职责情况", "县长主持召开县政府常务会议研究法治政府建设5次。"]
    report = _reports("青岚县人民政府2024年法治政府建设年度报告", lines, "青岚县人民政府")[0 if fmt == "txt" else 1]
    assert _structure_findings(report) == set()
    assert _item(report, "structure.next-year-plan").evidence.excerpt.startswith("（二）下一步打算")
