"""Wordings reviewers accept, and evidence that is not evidence (issue 11 §3 causes/三项制度, §5).

Each test builds a realistic report of its own text (fictional places) as plain text and as a
published web page, and asserts what a reviewer would see: the finding id, its line and excerpt,
or the checklist evidence that made an item pass.
"""

from __future__ import annotations

import pytest

from validator.checker import check_report
from validator.report import report_from_text
from variants import to_html

TITLE = "青岚县市场监督管理局2024年法治政府建设年度报告"
UNIT = "青岚县市场监督管理局"

MEASURES = [
    "一、2024年推进法治政府建设的主要举措和成效",
    "（一）加强组织领导。局党组会议专题研究法治政府建设4次，制定年度法治建设工作要点，分解任务32项，"
    "逐项明确责任科室和完成时限。组织领导干部集中学法6次，举办法治专题讲座3场。",
    "（二）严格规范执法。在县行政执法信息公示平台公示行政处罚决定286件，执法人员配备执法记录仪48台，"
    "对现场检查、调查取证全程音像记录；配备法制审核人员4名，全年对37件重大执法决定开展法制审核。",
    "（三）强化监督和公开。主动公开政府信息1260条，办理依申请公开12件，均按期答复。"
    "全年收到行政复议申请9件，审结9件；一审行政诉讼案件3件，负责人出庭应诉3件。",
    "（四）规范决策行为。审核本局行政规范性文件3件，均报县司法局备案；法律顾问全年审查合同协议26份，参与重大执法决定集体讨论9次。",
]
SHORTCOMINGS = [
    "二、存在的不足和原因",
    "一是基层执法力量与监管任务不相适应，市场监管所执法人员少、专业弱；二是执法信息化水平不高，"
    "部门间数据尚未互通共享。究其原因，执法编制未随监管对象增长同步增加，信息化建设投入有限。",
]
FIRST_RESPONSIBILITY = [
    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    "局党组书记、局长认真履行推进法治建设第一责任人职责，主持召开党组会议研究法治工作4次，"
    "带头讲授法治课1次，年终在县委全面依法治县委员会会议上述法。",
]
PLAN = [
    "四、2025年推进法治政府建设的主要安排",
    "2025年，我局将继续深化综合执法改革，加强执法队伍建设，组织执法人员轮训，落实“谁执法谁普法”普法责任制。",
]
SIGN_OFF = ["青岚县市场监督管理局", "2025年2月20日"]

ENFORCEMENT = ("enforcement.publicity", "enforcement.full-recording", "enforcement.legal-review")
NOTE = "（以“三项制度”整体表述为据）"
BUNDLE_MEASURES = [
    "一、2024年推进法治政府建设的主要举措和成效",
    "（一）加强组织领导。局党组会议专题研究法治政府建设4次，制定年度法治建设工作要点，分解任务32项。",
    "（二）严格规范执法。全面推行行政执法“三项制度”，全年办理行政处罚案件286件，罚没款132.6万元，"
    "开展执法案卷评查2次，评查案卷120卷，对发现的问题逐一整改。组织执法人员专业法律知识培训5期，培训420人次。",
    "（三）强化监督和公开。主动公开政府信息1260条，办理依申请公开12件，均按期答复。一审行政诉讼案件3件，"
    "负责人出庭应诉3件。审核本局行政规范性文件3件，均报县司法局备案；法律顾问全年审查合同协议26份。",
]


def lines_of(measures=None, shortcomings=None, plan=None) -> list[str]:
    return (measures or MEASURES) + (shortcomings or SHORTCOMINGS) + FIRST_RESPONSIBILITY + (plan or PLAN) + SIGN_OFF


def check(lines: list[str], fmt: str = "txt", profile: str = "department", title: str = TITLE):
    """Check one report given as its lines, read as a .txt file or as a published web page."""
    if fmt == "txt":
        report = report_from_text("\n".join([title] + lines), "report.txt")
    else:
        page = to_html(lines, title=title, published="2025-02-25", source=UNIT)
        report = report_from_text(page, "report.html", ".html")
    return check_report(report, profile=profile)


def txt_line(lines: list[str], needle: str) -> int:
    """The file line of the first report line containing ``needle`` (the title is line 1)."""
    return next(i for i, line in enumerate(lines, start=2) if needle in line)


def findings(result, rule: str):
    return [f for f in result.findings if f.code == rule]


def item(result, rule: str):
    return next(c for c in result.checklist if c.rule == rule)


FORMATS = ["txt", "html"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("measures", [MEASURES, BUNDLE_MEASURES], ids=["specific", "bundle"])
def test_the_fixture_reports_are_compliant(measures, fmt):
    """The reports the tests vary are sound ones: whatever a test finds, its variation caused it."""
    result = check(lines_of(measures=measures), fmt)
    assert [(f.code, f.severity) for f in result.findings if f.severity != "info"] == []
    assert result.status == "pass"


# --- 1. causes in any wording reviewers accept -------------------------------------------------

CAUSES = [
    pytest.param("从深层次看，执法人员多由原协管岗位转入，系统培训开展得不多。", "从深层次", id="congshencengci"),
    pytest.param("客观上监管对象逐年增加、人手紧张，主观上个别执法人员对程序规定重视不够。", "客观上", id="keguan-zhuguan"),
    pytest.param("这既有机构改革后职能调整的历史因素，也有部门间协作机制不畅的因素。", "因素", id="jiyou-yinsu"),
    pytest.param("一方面信息系统由上级部门分别建设、标准不一，另一方面县级专项经费投入有限。", "一方面", id="yifangmian"),
    pytest.param("产生这些问题，主要是市场监管所人员少、法律专业人员配备不足。", "产生这些问题", id="chansheng-wenti"),
    pytest.param("受编制总量限制，专业执法人员短期内难以补齐。", "受编制总量限制", id="shou-xianzhi"),
    pytest.param("主要是部分执法人员对新修订法律法规学习不够、理解不深。", "主要是", id="zhuyaoshi-buguo"),
    pytest.param("这主要是由于监管对象增长较快，执法编制未同步调整。", "由于", id="zhe-zhuyao-youyu"),
    pytest.param("出现上述问题的原因：一是编制不足；二是培训投入有限。", "原因", id="de-yuanyin"),
    pytest.param("问题的根源在于基层执法资源配置与任务不匹配。", "根源", id="genyuan"),
    pytest.param("分析其成因，执法编制长期未作调整。", "成因", id="chengyin"),
    pytest.param("因专业执法人员短缺，部分案件只能由协管人员协助办理。", "因专业", id="yin-clause"),
    pytest.param("受制于执法装备和经费保障，非现场执法推进较慢。", "受制于", id="shouzhiyu"),
]
PROBLEMS = "一是基层执法力量与监管任务不相适应，市场监管所执法人员少、专业弱；二是执法信息化水平不高，部门间数据尚未互通共享。"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("cause, cue", CAUSES)
def test_causes_in_any_accepted_wording(cause, cue, fmt):
    part = ["二、存在的问题", PROBLEMS, cause]
    lines = lines_of(shortcomings=part)
    result = check(lines, fmt)
    assert findings(result, "structure.shortcomings.causes") == []
    evidence = item(result, "structure.shortcomings.causes").evidence
    assert cue in evidence.excerpt
    if fmt == "txt":
        assert evidence.line == txt_line(lines, cause[:8])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("heading", ["二、存在的不足和原因", "二、存在的问题", "二、短板和不足"])
def test_a_part_that_only_lists_problems_has_no_causes(heading, fmt):
    part = [heading, "存在的问题主要是：" + PROBLEMS, "三是普法宣传形式单一，针对性不强，群众参与度不高。"]
    result = check(lines_of(shortcomings=part), fmt)
    assert [f.code for f in findings(result, "structure.shortcomings.causes")] == ["structure.shortcomings.causes"]


def test_problems_that_only_mention_influence_are_still_problems():
    """受理/受案 are not 受…影响, and the problem words 不够/不足 alone explain nothing."""
    part = ["二、存在的不足", "受理投诉举报数量逐年增加，办理质量不高，执法人员培训不够、业务能力不足。因此需要在今后工作中认真加以解决。"]
    result = check(lines_of(shortcomings=part))
    assert findings(result, "structure.shortcomings.causes")


# --- 2. 行政执法“三项制度” named as a bundle ----------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_bundle_is_evidence_for_each_system_and_says_so(fmt):
    lines = lines_of(measures=BUNDLE_MEASURES)
    result = check(lines, fmt)
    for rule in ENFORCEMENT:
        assert findings(result, rule) == [], rule
        checked = item(result, rule)
        assert checked.status == "ok"
        assert checked.evidence.excerpt.startswith(NOTE)
        assert "三项制度" in checked.evidence.excerpt
        if fmt == "txt":
            assert checked.evidence.line == txt_line(lines, "全面推行行政执法")


@pytest.mark.parametrize("wording", [
    "严格落实执法三项制度", "深化行政执法领域“三项制度”", "落实行政执法三项制度", "规范执法行为，全面落实“三项制度”",
])
def test_bundle_wordings(wording):
    measures = BUNDLE_MEASURES[:2] + [BUNDLE_MEASURES[2].replace("全面推行行政执法“三项制度”", wording)] + BUNDLE_MEASURES[3:]
    result = check(lines_of(measures=measures))
    assert all(item(result, rule).evidence.excerpt.startswith(NOTE) for rule in ENFORCEMENT)


def test_a_specific_mention_wins_over_the_bundle():
    measures = BUNDLE_MEASURES[:3] + ["执法人员配备执法记录仪48台，对现场检查全程音像记录。"] + BUNDLE_MEASURES[3:]
    lines = lines_of(measures=measures)
    result = check(lines)
    recording = item(result, "enforcement.full-recording").evidence
    assert not recording.excerpt.startswith(NOTE) and "执法记录仪" in recording.excerpt
    assert item(result, "enforcement.publicity").evidence.excerpt.startswith(NOTE)


@pytest.mark.parametrize("fmt", FORMATS)
def test_bundle_in_a_heading_only_is_not_evidence(fmt):
    """The heading announces the three systems; the text under it shows only one of them."""
    measures = [
        "一、2024年推进法治政府建设的主要举措和成效",
        "（一）加强组织领导。局党组会议专题研究法治政府建设4次，制定年度法治建设工作要点，分解任务32项。",
        "（二）落实执法三项制度，综合执法更加规范",
        "执法队配备执法记录仪36台，对立案、调查取证、决定、送达各环节实行文字和音像记录，全年查处案件216宗。",
    ]
    result = check(lines_of(measures=measures), fmt)
    assert findings(result, "enforcement.publicity") and findings(result, "enforcement.legal-review")
    assert findings(result, "enforcement.full-recording") == []


def test_bundle_in_the_plan_only_is_not_evidence():
    measures = [MEASURES[0], MEASURES[1], "（二）规范执法行为。全年办理行政处罚案件286件，开展执法检查410次，行政许可办结率100%。"]
    plan = [PLAN[0], "2025年，我局将全面落实行政执法三项制度，加强执法队伍建设。"]
    result = check(lines_of(measures=measures, plan=plan))
    for rule in ENFORCEMENT:
        assert [f.code for f in findings(result, rule)] == [rule]


def test_bundle_named_as_a_shortcoming_is_not_evidence():
    measures = [MEASURES[0], MEASURES[1], "（二）规范执法行为。全年办理行政处罚案件286件，开展执法检查410次，行政许可办结率100%。"]
    shortcomings = [SHORTCOMINGS[0], "部分执法单位行政执法“三项制度”落实不到位。究其原因，执法人员培训不够。"]
    result = check(lines_of(measures=measures, shortcomings=shortcomings))
    for rule in ENFORCEMENT:
        assert [f.code for f in findings(result, rule)] == [rule]


def test_another_three_systems_are_not_enforcement_evidence():
    measures = [MEASURES[0], MEASURES[1],
                "（二）规范执法行为。全年办理行政处罚案件286件，开展执法检查410次。落实规范性文件“三项制度”，审核文件12件。"]
    result = check(lines_of(measures=measures))
    assert all(findings(result, rule) for rule in ENFORCEMENT)


# --- 3. stock phrases are not evidence ---------------------------------------------------------

def _measures_with(sentence: str) -> list[str]:
    return MEASURES[:3] + ["（三）强化监督。" + sentence + "主动公开政府信息1260条，办理依申请公开12件。"]


def test_central_decisions_stock_phrase_is_not_major_decision_work():
    result = check(lines_of(measures=_measures_with("坚决贯彻落实党中央重大决策部署和省委、市委工作要求。")),
                   profile="county-government")
    assert [f.code for f in findings(result, "decision.major-decisions")] == ["decision.major-decisions"]


def test_major_decision_procedure_is_evidence():
    sentence = "坚决贯彻落实党中央重大决策部署。县政府重大决策出台前均经合法性审查和集体讨论决定。"
    lines = lines_of(measures=_measures_with(sentence))
    result = check(lines, profile="county-government")
    evidence = item(result, "decision.major-decisions").evidence
    assert evidence.line == txt_line(lines, "重大决策出台前") and "重大决策" in evidence.excerpt


def test_studying_the_reconsideration_law_is_not_a_reconsideration_figure():
    measures = MEASURES[:3] + ["（三）强化监督。组织学习新修订的行政复议法3次，开展行政复议法宣传进社区活动5场。"]
    result = check(lines_of(measures=measures), profile="county-government")
    assert [f.code for f in findings(result, "oversight.reconsideration")] == ["oversight.reconsideration"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_site_column_is_not_openness_work(fmt):
    measures = MEASURES[:3] + ["（三）强化监督。全年收到行政复议申请9件，审结9件；一审行政诉讼案件3件。"]
    lines = ["首页 > 政务公开 > 法治政府建设", "政府信息公开", "所属栏目：政务公开"] + lines_of(measures=measures)
    result = check(lines, fmt, profile="department")
    assert [f.code for f in findings(result, "openness.government-affairs")] == ["openness.government-affairs"]


# --- 4. not data -------------------------------------------------------------------------------

ROUTINE = [
    "一、2024年推进法治政府建设的主要举措和成效",
    "（一）健全工作机制。坚持每季度召开一次法治建设联席会议，每月一次集中学法，从三个方面推进依法行政，"
    "建立两项机制，形成一套制度，推出一批典型案例，切实增强四个意识、做到两个维护、坚决拥护两个确立。",
    "（二）规范执法行为。一是严格执法程序，二是规范裁量基准，第一时间回应群众诉求，每两个月开展一次执法检查，"
    "执法水平明显提升，群众满意度不断提高，打造三个一工作品牌。",
    "（三）加强普法宣传。落实“谁执法谁普法”普法责任制，坚持每周一次以案释法，把普法融入执法全过程，"
    "群众法治意识明显增强，辖区经营主体守法经营的自觉性不断提高。",
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_routines_and_sentence_organisers_are_not_figures(fmt):
    result = check(lines_of(measures=ROUTINE), fmt)
    found = findings(result, "figures.measures-without-data")
    assert [f.code for f in found] == ["figures.measures-without-data"]
    assert "只有0个具体数字" in found[0].message


def test_routine_text_yields_no_figures_while_results_do():
    lines = ROUTINE + ["全年召开联席会议4次，集中学法12次，每月16小时现场服务。"]
    report = report_from_text("\n".join([TITLE] + lines), "report.txt")
    assert [p.figure.text for p in report.figures] == ["4次", "12次", "16小时"]


# --- 5. not placeholders -----------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_anonymised_names_are_not_placeholders(fmt):
    measures = MEASURES + ["（四）典型案例。依法查处曹某某无证经营案，对李某某等3人作出行政处罚，当事人王某当场签收处罚决定书。"]
    result = check(lines_of(measures=measures), fmt)
    assert findings(result, "hygiene.placeholder") == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_masked_digits_are_one_note_not_a_template_error(fmt):
    measures = MEASURES[:3] + ["（三）强化监督。20**年起全面推行执法公示，全年主动公开政府信息****条，办理依申请公开**件。"]
    lines = lines_of(measures=measures)
    result = check(lines, fmt)
    assert findings(result, "hygiene.placeholder") == []
    masked = findings(result, "hygiene.masked-digits")
    assert len(masked) == 1 and masked[0].severity == "info"
    assert "20**" in masked[0].excerpt and "共3处" in masked[0].message
    if fmt == "txt":
        assert masked[0].line == txt_line(lines, "20**年起")
    assert result.status == "pass"


@pytest.mark.parametrize("text, found", [
    ("全年办理行政处罚案件XX件，罚款XX万元。", "XX"),
    ("20XX年起全面推行执法公示。", "20XX"),
    ("在编干部【待补充】人。", "【待补充】"),
    ("配合某县人民政府开展联合检查。", "某县"),
    ("配合某某镇开展联合检查。", "某某"),
])
def test_real_placeholders_still_fail(text, found):
    measures = MEASURES[:3] + ["（三）强化监督。" + text]
    lines = lines_of(measures=measures)
    result = check(lines)
    hits = findings(result, "hygiene.placeholder")
    assert hits and hits[0].line == txt_line(lines, text[:6]) and found in hits[0].excerpt
    assert hits[0].severity == "error"


# --- 6. zero is a figure -----------------------------------------------------------------------

ZEROS = [
    pytest.param("全年无行政诉讼案件，未发生行政复议案件。", id="wu-weifasheng"),
    pytest.param("本年度以本局为被告的行政诉讼案件数为零，行政复议案件数为零。", id="shuweiling"),
    pytest.param("行政诉讼连续三年零败诉，全年未收到行政复议申请。", id="lingbaisu"),
    pytest.param("全年未发生一起行政诉讼，也没有发生行政复议。", id="weifasheng-yiqi"),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("sentence", ZEROS)
def test_a_stated_zero_satisfies_the_figure_rules(sentence, fmt):
    measures = MEASURES[:3] + ["（三）强化监督。主动公开政府信息1260条，办理依申请公开12件。" + sentence]
    lines = lines_of(measures=measures)
    result = check(lines, fmt, profile="county-government")
    for rule in ("oversight.litigation", "oversight.reconsideration"):
        assert findings(result, rule) == [], rule
        if fmt == "txt":
            assert item(result, rule).evidence.line == txt_line(lines, sentence[:6])


def test_no_case_function_is_not_a_zero():
    """"无行政复议职能" says what the unit cannot do, not how many cases it had."""
    measures = MEASURES[:3] + ["（三）强化监督。本局无行政复议职能，积极配合县政府做好行政复议答复工作。一审行政诉讼案件3件。"]
    result = check(lines_of(measures=measures), profile="county-government")
    assert [f.code for f in findings(result, "oversight.reconsideration")] == ["oversight.reconsideration"]


# --- 7. rates ----------------------------------------------------------------------------------

def _rates(sentence: str) -> tuple[list[str], object]:
    measures = MEASURES[:3] + ["（三）强化普法。" + sentence]
    lines = lines_of(measures=measures)
    return lines, check(lines)


@pytest.mark.parametrize("sentence", [
    "超额完成年度普法任务，普法计划完成率112%，群众满意率98.6%。",
    "年度目标任务完成比例达到105%，法律顾问参与率100%。",
    "涉企案件数量同比增长150%，办结率100%。",
    "行政许可和行政检查办件量增长率分别为12%、150%。",
])
def test_completion_and_growth_may_exceed_100(sentence):
    _, result = _rates(sentence)
    assert findings(result, "figures.percent-range") == []


@pytest.mark.parametrize("sentence, found", [
    ("普法任务完成率100%，群众知晓率118%。", "118%"),
    ("群众满意率由92%提升至108%。", "108%"),
    ("行政机关负责人出庭率102%，纠错率7.8%。", "102%"),
    ("规范性文件审核率、备案率分别为100%、120%。", "120%"),
    ("执法信息公示覆盖率达到101%。", "101%"),
])
def test_shares_stay_bounded(sentence, found):
    lines, result = _rates(sentence)
    hits = findings(result, "figures.percent-range")
    assert len(hits) == 1 and found in hits[0].excerpt and hits[0].line == txt_line(lines, "强化普法")
