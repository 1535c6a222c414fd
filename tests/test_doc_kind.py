"""The kind of document: look-alikes are rejected by name, with one verdict; real reports pass.

Every fixture is our own text (fictional places), written in the layouts these documents are
published in: a 工作要点 headed by tasks, a notice that issues a 实施方案, a 解读 with 起草背景 and
主要内容, a 政府信息公开工作年度报告 in its statutory six parts, one person's 述法报告 in the first
person, half-year and five-year reviews, a county 政府工作报告 to 各位代表.
"""

from __future__ import annotations

import pytest

from validator.checker import check_report
from validator.errors import InputError
from validator.report import report_from_text
from validator.ruleset import resolve
from variants import to_html

GATED = "文件类型不符，未逐项检查"


def _report(title: str | None, lines: list[str], fmt: str):
    if fmt == "html":
        return report_from_text(to_html(lines, title=title or "", source="青山县人民政府办公室"), "kind.html", ".html")
    text = "\n".join(([title] if title else []) + lines)
    return report_from_text(text, "kind.txt")


# --- look-alikes ------------------------------------------------------------------------------

WORK_POINTS = ("云溪区2025年法治政府建设工作要点", [
    "2025年是法治政府建设实施纲要的收官之年。全区法治政府建设工作要坚持以习近平法治思想为指导，统筹推进依法行政各项任务。",
    "一、深入学习贯彻习近平法治思想",
    "1.把学习贯彻习近平法治思想纳入区政府常务会议会前学法内容，全年安排专题学法不少于4次。（牵头单位：区司法局）",
    "二、健全依法行政制度体系",
    "2.严格执行重大行政决策程序，年内修订重大行政决策事项目录。（牵头单位：区政府办公室）",
    "三、严格规范公正文明执法",
    "3.全面落实行政执法三项制度，开展行政执法案卷评查。（牵头单位：区司法局，各执法部门）",
])

NOTICE_OF_PLAN = ("青山县人民政府办公室关于印发《青山县法治政府建设示范创建实施方案》的通知", [
    "各乡镇人民政府，县政府各部门：",
    "《青山县法治政府建设示范创建实施方案》已经县政府同意，现印发给你们，请结合实际认真贯彻执行。",
    "青山县人民政府办公室",
    "2025年3月6日",
    "一、总体要求",
    "以创建促规范、以创建促提升，力争2026年底前创建成为省级法治政府建设示范县。",
    "二、主要任务",
    "（一）健全政府机构职能体系。全面实行权责清单制度。",
    "三、保障措施",
    "各单位要加强组织领导，把示范创建纳入年度绩效考核。",
])

WORK_PLAN = ("白鹭街道2024年依法行政工作计划", [
    "为持续推进法治街道建设，结合街道实际，制定本计划。",
    "一、工作目标",
    "全年行政执法案卷合格率达到95%以上。",
    "二、重点工作",
    "（一）落实合法性审查。街道重大事项一律经法律顾问审查。",
])

INTERPRETATION = ("关于《青山县人民政府关于2023年度法治政府建设情况的报告》的解读", [
    "按照省市工作要求，县政府总结全年法治政府建设工作，形成年度报告，现解读如下：",
    "一、起草背景",
    "督察工作规定要求县级以上地方各级政府每年第一季度报告上一年度法治政府建设情况，县司法局据此起草了报告。",
    "二、起草过程",
    "县司法局汇总各乡镇、各部门材料，两次征求意见后形成报告，经县政府常务会议审议通过。",
    "三、主要内容",
    "报告共分四个部分：第一部分是主要举措和成效，第二部分是存在的不足，第三部分是第一责任人履职情况，第四部分是下一年度工作安排。",
])

OPEN_GOVERNMENT = ("云溪区2023年政府信息公开工作年度报告", [
    "本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限为2023年1月1日至12月31日。",
    "一、总体情况",
    "2023年，区政府坚持以公开为常态、不公开为例外，全面推进政务公开。",
    "二、主动公开政府信息情况",
    "全年主动公开政府信息2316条，其中规范性文件11件。",
    "三、收到和处理政府信息公开申请情况",
    "全年收到政府信息公开申请47件，均在法定期限内答复。",
    "四、政府信息公开行政复议、行政诉讼情况",
    "全年因政府信息公开被申请行政复议2件，均维持。",
    "五、存在的主要问题及改进情况",
    "政策解读的形式还不够丰富。",
    "六、其他需要报告的事项",
    "本年度未收取信息处理费。",
])

LAW_STATEMENT = ("青山县司法局局长2023年度述法报告", [
    "2023年，我认真履行推进法治建设第一责任人职责，现将本人述法情况报告如下。",
    "一、带头学法用法",
    "我坚持会前学法，全年主持局党组会议专题学法6次，本人带头讲法治课2次。",
    "二、存在的不足",
    "我对基层执法单位的督导还不够经常。",
])

FIRST_PERSON = ("关于履行推进法治建设第一责任人职责情况的报告", [
    "柳湾镇党委副书记、镇长 周某某",
    "2024年，我坚持以习近平法治思想为指导，切实履行法治建设第一责任人职责，现将本人履职情况报告如下。",
    "一、履职情况",
    "我始终把法治建设摆在全镇工作的重要位置，全年主持召开镇政府常务会议研究法治工作5次。",
    "我带头落实重大行政决策合法性审查制度，全镇32项重大事项均经法律顾问审查。",
    "二、存在的不足",
    "本人对新出台法律法规的学习还不够系统。",
    "三、下一步打算",
    "我将继续带头尊法学法守法用法。",
])

SELF_STATEMENT = ("2024年度个人述职述法报告", [
    "一年来，我在县委、县政府的领导下，认真履行岗位职责。",
    "一、学法情况",
    "我坚持每月学法不少于2次，本人全年参加法治讲座4场。",
])

POPULARIZATION = ("青山县“八五”普法中期总结", [
    "“八五”普法规划实施以来，全县深入开展法治宣传教育。",
    "一、主要做法",
    "县普法办组织“法律八进”活动326场次，覆盖群众4.2万人次。",
    "二、存在问题",
    "普法形式还不够新颖。",
    "三、下一步打算",
    "持续落实“谁执法谁普法”普法责任制。",
])

PUBLICITY_SUMMARY = ("云溪区司法局2023年法治宣传教育工作总结", [
    "2023年，区司法局围绕全区中心工作，扎实开展法治宣传教育。",
    "一、工作开展情况",
    "全年开展宪法宣传周活动18场。",
])

HALF_YEAR = ("青山县2024年上半年法治政府建设工作总结", [
    "2024年上半年，全县深入推进依法行政，法治政府建设各项任务有序推进。",
    "一、上半年主要工作",
    "审查规范性文件9件，办理行政复议案件14件。",
    "二、存在的问题",
    "基层执法力量仍显薄弱。",
    "三、下半年工作打算",
    "下半年将重点抓好行政执法规范化建设。",
])

HALF_YEAR_MONTHS = ("云溪区2024年1—6月法治政府建设工作情况", [
    "今年以来，区政府持续深化法治政府建设。",
    "一、工作开展情况",
    "审查合同28份。",
])

FIVE_YEAR = ("青山县2021—2025年法治政府建设工作总结", [
    "五年来，全县法治政府建设取得明显成效，各项指标全面完成。",
    "一、主要成效",
    "五年间共审查规范性文件96件。",
    "二、存在的不足",
    "三、今后五年的工作思路",
])

FIFTEENTH = ("云溪区“十四五”时期法治政府建设工作总结", [
    "“十四五”以来，区政府全面推进依法行政。",
    "一、主要成效",
    "全区行政复议纠错率保持在合理区间。",
])

PREFIXED_FIVE_YEARS = ("2023年青山区五年法治政府建设工作情况报告", [
    "五年来，区政府严格落实法治建设第一责任人职责，全面推进依法行政。现将近五年法治政府建设情况报告如下：",
    "一、统筹推进法治政府建设",
    "五年间区委依法治区委员会召开会议11次。",
])

FIVE_YEARS_WORDS = ("柳湾镇法治政府建设五年工作总结", [
    "五年来，镇党委、镇政府坚持依法行政。",
    "一、主要做法",
])

WORK_REPORT = ("政府工作报告", [
    "——2024年1月10日在青山县第十八届人民代表大会第四次会议上",
    "县长 林某某",
    "各位代表：",
    "现在，我代表县人民政府向大会报告工作，请予审议，并请县政协委员提出意见。",
    "一、2023年工作回顾",
    "过去一年，全县地区生产总值增长5.6%，一般公共预算收入增长7.1%。坚持依法行政，自觉接受人大监督。",
    "二、2024年主要任务",
    "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。",
])

RECTIFICATION = ("关于法治政府建设督察反馈问题整改情况的报告", [
    "根据省督察组反馈意见，县政府逐项制定整改措施。",
    "一、整改工作开展情况",
    "反馈的12个问题已整改完成10个。",
])

OUTLINE_PLAN = ("青山县法治政府建设规划（2021—2025年）", [
    "为全面建设法治政府，根据上级部署，结合本县实际，制定本规划。",
    "一、总体要求",
    "到2025年，政府行为全面纳入法治轨道。",
])

NEWS = ("青山县召开2024年度法治政府建设工作推进会", [
    "3月18日上午，青山县召开2024年度法治政府建设工作推进会，县长林某某出席会议并讲话。",
    "会议指出，全县上下要深入贯彻习近平法治思想，扎实推进依法行政。",
    "会议强调，各单位要压实法治建设第一责任人职责，确保各项任务落地见效。",
])

LOOK_ALIKES = {
    "news": (NEWS, "新闻报道", "“召开”"),
    "outline-plan": (OUTLINE_PLAN, "工作计划（规划）", "“规划”"),
    "work-points": (WORK_POINTS, "工作要点", "“工作要点”"),
    "notice-of-plan": (NOTICE_OF_PLAN, "实施方案", "“实施方案”"),
    "work-plan": (WORK_PLAN, "工作计划（规划）", "“工作计划”"),
    "interpretation": (INTERPRETATION, "政策解读", "“解读”"),
    "open-government": (OPEN_GOVERNMENT, "政府信息公开工作年度报告", "“信息公开工作年度报告”"),
    "law-statement": (LAW_STATEMENT, "述法报告（个人述职述法）", "“述法”"),
    "first-person": (FIRST_PERSON, "述法报告（个人述职述法）", "以第一人称单数陈述"),
    "self-statement": (SELF_STATEMENT, "述法报告（个人述职述法）", "“述职”"),
    "popularization": (POPULARIZATION, "普法（法治宣传教育）工作总结", "“普法”"),
    "publicity-summary": (PUBLICITY_SUMMARY, "普法（法治宣传教育）工作总结", "“法治宣传教育”"),
    "half-year": (HALF_YEAR, "上半年工作总结", "“上半年”"),
    "half-year-months": (HALF_YEAR_MONTHS, "上半年工作总结", "“1—6月”"),
    "five-year-range": (FIVE_YEAR, "五年工作总结", "“2021—2025年”"),
    "fourteenth-plan": (FIFTEENTH, "五年工作总结", "“十四五”"),
    "five-years": (FIVE_YEARS_WORDS, "五年工作总结", "“五年”"),
    "five-years-year-prefixed": (PREFIXED_FIVE_YEARS, "五年工作总结", "“五年”"),
    "government-work-report": (WORK_REPORT, "政府工作报告", "“政府工作报告”"),
    "rectification": (RECTIFICATION, "整改情况报告", "“整改情况”"),
}


def _one_verdict(result, kind: str, cue: str):
    """Exactly one finding, structure.subject, naming the kind; every other item held back."""
    assert [f.code for f in result.findings] == ["structure.subject"], [(f.code, f.message) for f in result.findings]
    finding = result.findings[0]
    assert finding.severity == "error"
    assert finding.message.startswith(f"这是一份{kind}，不是法治政府建设年度报告："), finding.message
    assert cue in finding.message, finding.message
    assert result.status == "fail" and result.counts == {"error": 1, "warning": 0, "info": 0}
    others = [item for item in result.checklist if item.rule != "structure.subject"]
    assert others and {(item.status, item.reason) for item in others} == {("not-applicable", GATED)}
    return finding


@pytest.mark.parametrize("fmt", ["txt", "html"])
@pytest.mark.parametrize("name", list(LOOK_ALIKES))
def test_look_alike_is_rejected_by_name(name, fmt):
    (title, lines), kind, cue = LOOK_ALIKES[name]
    report = _report(title, lines, fmt)
    finding = _one_verdict(check_report(report), kind, cue)
    if cue.startswith("“"):  # named by its title: the finding points at the title line
        assert finding.excerpt == title
        if fmt == "txt":
            assert finding.line == 1
    else:
        assert finding.line > 1


def test_the_title_line_is_the_finding_line_in_text():
    result = check_report(_report(*OPEN_GOVERNMENT, "txt"))
    assert result.findings[0].line == 1
    assert result.findings[0].message == (
        "这是一份政府信息公开工作年度报告，不是法治政府建设年度报告：标题“云溪区2023年政府信息公开工作年度报告”"
        "写明“信息公开工作年度报告”")


# --- the structure decides where no title says it ----------------------------------------------

UNTITLED_PLAN = [
    "为深入推进依法行政，结合本县实际，现就全年法治政府建设工作安排如下。",
    "一、指导思想",
    "坚持以习近平法治思想为指导。",
    "二、工作目标",
    "到年底，行政执法三项制度全面落实。",
    "三、主要任务",
    "（一）健全依法行政制度体系。",
    "四、保障措施",
    "各单位要压实责任，确保任务落地。",
]


@pytest.mark.parametrize("name,lines,kind,cue", [
    ("plan-headings", UNTITLED_PLAN, "工作部署文件（要点、方案、计划）", "一级标题为“指导思想”“工作目标”“主要任务”，没有回顾工作的部分"),
    ("interpretation-headings", INTERPRETATION[1][1:], "政策解读", "标题为“起草背景”“起草过程”“主要内容”"),
    ("open-government-headings", OPEN_GOVERNMENT[1][1:], "政府信息公开工作年度报告", "一级标题为“主动公开政府信息情况”"),
    ("open-government-opening", [OPEN_GOVERNMENT[1][0], "一、总体情况", "2023年，区政府全面推进政务公开。"],
     "政府信息公开工作年度报告", "开头写明“政府信息公开条例》编制"),
    ("news-opening", NEWS[1], "新闻报道", "开头写明“3月18日上午，青山县召开"),
    ("task-markers", WORK_POINTS[1][1:], "工作部署文件（要点、方案、计划）", "逐项标注“牵头单位：”（3处）"),
    ("half-year-headings", HALF_YEAR[1][1:], "上半年工作总结", "一级标题为“下半年工作打算”"),
    ("half-year-opening", HALF_YEAR[1], "上半年工作总结", "开头写明“2024年上半年，”"),
    ("addressee", WORK_REPORT[1][2:], "政府工作报告", "抬头称呼为“各位代表”"),
    ("first-person", FIRST_PERSON[1][1:], "述法报告（个人述职述法）", "通篇以第一人称单数陈述（“我坚持”“本人”“我始终”等"),
    ("notice-opening", NOTICE_OF_PLAN[1][1:], "印发文件的通知", "已经县政府同意，现印发给你们”"),
])
@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_untitled_look_alike_is_known_by_its_structure(name, lines, kind, cue, fmt):
    report = _report(None, lines, fmt)
    finding = _one_verdict(check_report(report), kind, cue)
    assert finding.line > 0


def test_a_breadcrumb_or_column_name_is_not_the_title():
    """A short column name left above an untitled report ("规划计划") names no kind."""
    report = _report(None, ["首页 > 政务公开 > 规划计划", "规划计划"] + ANNUAL_BODY, "txt")
    result = check_report(report)
    assert not any(f.code == "structure.subject" for f in result.findings)


# --- reports of this kind pass -------------------------------------------------------------------

ANNUAL_BODY = [
    "2024年，县政府坚持以习近平法治思想为指导，深入推进依法行政，法治政府建设取得新成效。现将有关情况报告如下。",
    "一、2024年推进法治政府建设的主要举措和成效",
    "（一）健全依法行政制度体系。全年审查规范性文件21件，审核重大行政决策7项。上半年完成权责清单动态调整。",
    "（二）严格规范公正文明执法。全面落实行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度，评查案卷320卷。",
    "（三）化解行政争议。办理行政复议案件46件，行政机关负责人出庭应诉率100%。",
    "二、存在的不足和原因",
    "一是基层执法人员法治素养有待提高；二是部分单位合法性审查不够规范。究其原因，主要是培训不够经常。",
    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    "县政府主要负责同志主持召开县政府常务会议专题研究法治政府建设4次，带头述法。",
    "四、2025年推进法治政府建设的主要安排",
    "2025年，县政府将继续深化依法行政，扎实推进法治政府建设。",
]

POSITIVES = {
    "joint-party-government": ("中共青山县委 青山县人民政府关于2024年度法治政府建设情况的报告", ANNUAL_BODY),
    "delivered-to-standing-committee": ("青山县人民政府关于2024年度法治政府建设情况的报告", [
        "——2025年4月28日在青山县第十八届人民代表大会常务委员会第二十三次会议上",
        "青山县司法局局长 林远",
        "主任、各位副主任、秘书长、各位委员：",
        "受县人民政府委托，我向本次会议报告2024年度法治政府建设情况，请予审议。",
    ] + ANNUAL_BODY[1:]),
    "year-2026": ("云溪区2026年法治政府建设年度报告", [line.replace("2025年", "2027年").replace("2024年", "2026年") for line in ANNUAL_BODY]),
    "closes-the-outline-period": ("青山县2025年法治政府建设年度报告", [
        "2025年是《法治政府建设实施纲要（2021—2025年）》收官之年。五年来，县政府坚持依法行政，“十四五”时期法治政府建设目标任务全面完成。",
        "一、2025年及“十四五”时期法治政府建设主要成效",
        "（一）健全依法行政制度体系。全年审查规范性文件18件，五年累计审查96件。",
        "二、存在的不足和原因",
        "一是基层执法力量不足。究其原因，主要是编制紧张。",
        "三、党政主要负责人履行推进法治建设第一责任人职责情况",
        "县长主持召开常务会议研究法治工作5次。",
        "四、2026年工作安排",
        "2026年，县政府将谋划好“十五五”时期法治政府建设。",
    ]),
    "work-summary-title": ("青山县2024年法治政府建设工作总结", ANNUAL_BODY),
    "rule-of-law-title": ("柳湾镇2024年法治建设工作情况报告", ANNUAL_BODY),
    "lawful-administration-title": ("云溪区人民政府2024年度依法行政工作报告", ANNUAL_BODY),
    "department": ("青山市农业农村局2023年法治政府建设年度报告", [
        line.replace("县政府", "我局").replace("2024年", "2023年").replace("2025年", "2024年") for line in ANNUAL_BODY]),
    "implements-the-outline": ("青山县2023年贯彻落实《法治政府建设实施纲要（2021—2025年）》情况报告", ANNUAL_BODY),
    "law-popularization-joined": ("青山县2024年法治政府建设暨普法工作情况报告", ANNUAL_BODY),
    "annual-and-five-year-review": ("青山县2025年法治政府建设年度报告暨“十四五”法治政府建设工作总结", ANNUAL_BODY),
    "closes-the-plan-period-in-title": ("青山县2025年度暨“十四五”时期法治政府建设情况报告", ANNUAL_BODY),
    "head-speaks-in-one-part": ("青山市农业农村局2024年法治政府建设年度报告", ANNUAL_BODY[:7] + [
        "三、主要负责人履行推进法治建设第一责任人职责情况",
        "本人作为局党组书记、局长，始终把法治建设摆在突出位置。我坚持每季度听取一次法治工作汇报，我带头学法4次，本人全年主持专题会议研究法治工作6次。",
    ] + ANNUAL_BODY[9:]),
    "rule-of-law-government-work-report": ("青山市2024年度法治政府工作报告", ANNUAL_BODY),
    "review-and-plan": ("青山县司法局2024年法治政府建设工作总结及2025年工作计划", ANNUAL_BODY),
    "points-carried-out": ("青山县2024年法治政府建设工作要点落实情况报告", ANNUAL_BODY),
    "issued-by-a-cover-note": ("青山县人民政府关于印发《青山县2024年度法治政府建设情况报告》的通知", [
        "各乡镇人民政府，县政府各部门：",
        "现将《青山县2024年度法治政府建设情况报告》印发给你们，请结合实际抓好落实。",
    ] + ANNUAL_BODY),
}


@pytest.mark.parametrize("fmt", ["txt", "html"])
@pytest.mark.parametrize("name", list(POSITIVES))
def test_report_of_this_kind_passes_the_subject(name, fmt):
    title, lines = POSITIVES[name]
    result = check_report(_report(title, lines, fmt))
    subject = next(item for item in result.checklist if item.rule == "structure.subject")
    assert subject.status == "ok", [f.message for f in result.findings if f.code == "structure.subject"]
    assert not any(item.reason == GATED for item in result.checklist)


def test_a_province_lists_its_own_kinds(tmp_path):
    """Kinds are data: a rule file sets its own list (it replaces the bundled one, as every
    options override does)."""
    rules = tmp_path / "mine.yaml"
    rules.write_text(
        "options:\n  structure.subject:\n    kinds:\n"
        "      - {id: minutes, name: 会议纪要, title: ['会议纪要']}\n", encoding="utf-8")
    report = _report("青山县法治政府建设领导小组2024年第一次会议纪要", ["会议研究了年度法治政府建设任务。"], "txt")
    _one_verdict(check_report(report, rules=(str(rules),)), "会议纪要", "“会议纪要”")


@pytest.mark.parametrize("entry,error", [
    ("{id: minutes, name: 会议纪要, titel: [会议纪要]}", "未知的键“titel”"),
    ("{id: minutes, name: 会议纪要, title: ['会议(纪要']}", "正则表达式“会议(纪要”有误"),
    ("{id: minutes, title: [会议纪要]}", "缺少必需的键“name”"),
])
def test_a_broken_kind_is_one_clear_error(tmp_path, entry, error):
    rules = tmp_path / "mine.yaml"
    rules.write_text(f"options:\n  structure.subject:\n    kinds:\n      - {entry}\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        resolve("national", (str(rules),))
    assert error in str(exc.value)


def test_the_cli_shows_one_verdict(tmp_path):
    """The terminal shows the verdict and one line for the items held back; JSON has one finding."""
    import json
    import re

    from click.testing import CliRunner

    from validator.cli import main

    path = tmp_path / "half-year.txt"
    path.write_text("\n".join([HALF_YEAR[0]] + HALF_YEAR[1]), encoding="utf-8")
    text = CliRunner().invoke(main, ["check", str(path)])
    assert text.exit_code == 1
    assert re.search(r"– 其余\d+项  不适用：文件类型不符，未逐项检查", text.output)
    assert "structure.measures" not in text.output
    assert "这是一份上半年工作总结，不是法治政府建设年度报告" in text.output
    out = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    doc = json.loads(out.output)["documents"][0]
    assert [f["rule"] for f in doc["findings"]] == ["structure.subject"]
    assert doc["status"] == "fail"


def test_a_word_file_is_known_by_its_title(tmp_path):
    from validator.report import load_report
    from variants import to_docx

    path = to_docx(WORK_POINTS[1], tmp_path / "points.docx", True, title=WORK_POINTS[0])
    _one_verdict(check_report(load_report(str(path))), "工作要点", "“工作要点”")


def test_a_page_whose_title_is_only_in_its_head_tag():
    """A page with no title in its body: the first segment of <title> stands in for it."""
    body = "".join(f"<p>{line}</p>" for line in WORK_POINTS[1])
    page = f"<html><head><title>{WORK_POINTS[0]}_云溪区人民政府</title></head><body>{body}</body></html>"
    report = report_from_text(page, "points.html", ".html")
    _one_verdict(check_report(report), "工作要点", "“工作要点”")
