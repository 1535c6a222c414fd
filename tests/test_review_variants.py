"""Issue 7's checks on reports worded as real ones are: defects planted in new places and forms,
and right figures in the forms that look wrong at first sight (approximations, rates with another
denominator, shares of a larger area, 分别 lists, partial lists).

Each case is a whole county-government report (tests/test_review.py's fixture, own fictional
text) with one paragraph added in one part: a paragraph after the opening, a run-in item of the
measures, the shortcomings or the first-responsibility part. A defect must give exactly one
finding of its rule, on its line, quoting it, with what was computed; a compliant paragraph must
give no finding of any review check. Every case runs as plain text and as a published web page;
some also as a Word file.
"""

from __future__ import annotations

import pytest

from test_review import FIRST, MEASURES, OPENING, PLAN, SHORTCOMINGS, SIGN_OFF, TITLE, UNIT, check, found, shifted, txt_line
from validator.checker import check_report
from validator.report import load_report
from variants import to_docx

REVIEW = ("figures.percent-recompute", "figures.sum", "figures.yoy", "structure.numbering", "wording.foreign-subject",
          "reuse.duplicate-passage", "hygiene.instrument-period", "hygiene.misquoted-title", "dates.interim-cutoff",
          "dates.report-year")
PLACES = ("intro", "measures", "shortcomings", "first")


def build(place: str, text: str) -> list[str]:
    """The fixture report with ``text`` as a paragraph of ``place``."""
    intro, measures, shortcomings, first = [OPENING], list(MEASURES), list(SHORTCOMINGS), list(FIRST)
    {"intro": intro, "shortcomings": shortcomings, "first": first}.get(place, measures).append(
        "（六）夯实工作基础。" + text if place == "measures" else text)
    return intro + measures + shortcomings + first + PLAN + SIGN_OFF


def review(result):
    return [(f.rule, f.check, f.line, f.message) for f in result.findings if f.rule.startswith(REVIEW)]


# (rule, place, paragraph, what the message says, what the excerpt quotes)
DEFECTS = [
    # shares: the count just before, over the total named before it
    ("figures.percent-recompute", "intro", "全年共收到政府信息公开申请一千一百一十三件，其中信息公开类五十八件，占比5.4%。",
     "58÷1113＝5.2%，报告写5.4%", "5.4%"),
    ("figures.percent-recompute", "measures", "全年共收到政府信息公开申请1113件，其中信息公开类58件，所占比例为5.4%。",
     "58÷1113＝5.2%，报告写5.4%", "所占比例为5.4%"),
    ("figures.percent-recompute", "shortcomings", "全年共受理群众投诉1.2万件，其中涉及执法不规范的600件，占投诉总量的6%，比重仍然偏高。",
     "600÷12000＝5%，报告写6%", "6%"),
    ("figures.percent-recompute", "first", "全县共收到行政复议申请二百四十件，办结二百一十六件，办结率为95%。",
     "216÷240＝90%，报告写95%", "办结率为95%"),
    ("figures.percent-recompute", "measures", "依申请公开共160件，其中予以公开70件、占比45.6%，不予公开12件。",
     "70÷160＝43.8%，报告写45.6%", "45.6%"),
    ("figures.percent-recompute", "shortcomings", "全年共審結行政複議案件188件，其中糾錯38件（佔20.9%）。",
     "38÷188＝20.2%，报告写20.9%", "20.9%"),
    ("figures.percent-recompute", "first", "全年共收到申请1113件，其中信息公开类58件、依申请公开类558件，分别占5.4%、50.1%。",
     "58÷1113＝5.2%，报告写5.4%", "5.4%"),
    ("figures.percent-recompute", "intro", "全县共收到行政复议申请二百四十件，办结二百一十六件，办结率为百分之九十五。",
     "216÷240＝90%，报告写百分之九十五", "百分之九十五"),
    ("figures.percent-recompute", "measures", "全年共受理群众投诉一点二万件，其中涉及执法不规范的六百件，占比百分之六。",
     "600÷12000＝5%，报告写百分之六", "百分之六"),
    # sums: a whole breakdown must add up; a selection may not exceed its whole
    ("figures.sum", "intro", "复议案件中维持四百三十五件、驳回一百三十六件、纠错二百三十件、调解一百七十件，合计九百七十七件。",
     "435+136+230+170＝971，报告写总数977", "合计九百七十七件"),
    ("figures.sum", "measures", "全年审结行政复议案件977件，其中：维持435件，驳回136件，纠错236件，调解180件。",
     "435+136+236+180＝987，报告写总数977", "其中：维持435件"),
    ("figures.sum", "shortcomings", "开展行政执法案卷评查发现问题40个，已整改43个，整改率偏低的原因是督促不够。",
     "整改43个多于发现40个", "发现问题40个"),
    ("figures.sum", "first", "县政府审结行政复议案件977件。其中，维持435件、驳回136件、纠错236件、调解180件。",
     "435+136+236+180＝987，报告写总数977", "其中，维持435件"),
    ("figures.sum", "measures", "维持435件，驳回136件，纠错230件，调解170件，共计977件。",
     "435+136+230+170＝971，报告写总数977", "共计977件"),
    ("figures.sum", "shortcomings", "全县主动公开政府信息2365条，其中，乡村振兴434条，项目建设253条，生态环保222条，其他1556条。",
     "434+253+222+1556＝2465，报告写总数2365", "其中，乡村振兴434条"),
    ("figures.sum", "intro", "全年受理群众诉求1.2万件，办结1.3万件，群众满意度持续提升。",
     "办结1.3万件多于受理1.2万件", "1.3万件"),
    # changes: recomputed from the two values given
    ("figures.yoy", "intro", "全年收到政府信息公开申请1113件，2023年为558件，同比增长89.5%。",
     "由558件到1113件应为增长99.5%，报告写增长89.5%", "同比增长89.5%"),
    ("figures.yoy", "measures", "行政复议申请由558件增至1113件，增幅为89.5%。",
     "由558件到1113件应为增幅99.5%，报告写增幅89.5%", "增幅为89.5%"),
    ("figures.yoy", "shortcomings", "复议纠错率由10.5%降至9.0%，下降2.5个百分点，纠错压力仍然较大。",
     "由10.5%到9.0%应为下降1.5个百分点，报告写下降2.5个百分点", "下降2.5个百分点"),
    ("figures.yoy", "first", "县长主持审议规范性文件1113件，同比增长89.5%，上年同期为558件。",
     "由558件到1113件应为增长99.5%，报告写增长89.5%", "同比增长89.5%"),
    ("figures.yoy", "measures", "全年受理群众投诉1.2万件，上年1万件，同比增长25%。",
     "由1万件到1.2万件应为增长20%，报告写增长25%", "同比增长25%"),
    ("figures.yoy", "shortcomings", "行政应诉案件64件，较上年的70件增长8.6%。",
     "应为减少8.6%", "增长8.6%"),
    ("figures.yoy", "first", "全县行政复议案件210件、行政诉讼案件64件，2023年分别为180件、52件，分别增加30件、22件。",
     "由52件到64件应为增加12件，报告写增加22件", "分别增加30件、22件"),
    ("figures.yoy", "intro", "复议案件210件、诉讼案件64件，上年分别为180件、52件，同比分别增长16.7%、33.1%。",
     "由52件到64件应为增长23.1%，报告写增长33.1%", "同比分别增长"),
    # cut-offs: the figures stop before the end of the year
    ("dates.interim-cutoff.dated", "intro", "1—11月，全县共办理行政复议案件45件。", "“1—11月”", "1—11月"),
    ("dates.interim-cutoff.dated", "measures", "截止到10月31日，全县累计培训执法人员800人次。", "“截止到10月31日”", "截止到10月31日"),
    ("dates.interim-cutoff.dated", "shortcomings", "截至十一月底，仍有3项整改任务未完成。", "“截至十一月底”", "截至十一月底"),
    ("dates.interim-cutoff.dated", "first", "截至11月20日，县长已出庭应诉1次。", "“截至11月20日”", "截至11月20日"),
    # titles quoted wrongly
    ("hygiene.misquoted-title", "intro", "全县深入贯彻《法制政府建设实施纲要（2021—2025年）》。", "法治政府", "法制政府"),
    ("hygiene.misquoted-title", "measures", "对照《法治政府建设实施纲要（2021年—2025年）》逐项落实任务。", "2021—2025年", "2021年—2025年"),
    ("hygiene.misquoted-title", "shortcomings", "对照《法治政府建设实施纲要（20212025年）》仍有差距。", "连接号", "20212025"),
    ("hygiene.misquoted-title", "first", "县长严格落实《党政主要负责人履行推进法治政府建设第一责任人职责规定》。",
     "推进法治建设第一责任人职责规定", "推进法治政府建设第一责任人"),
    # a voice from another unit
    ("wording.foreign-subject", "shortcomings", "我局执法人员培训覆盖面仍然不足。", "政府部门的自称", "我局"),
    ("wording.foreign-subject", "first", "局党组书记认真履行第一责任人职责。", "政府部门的自称", "局党组"),
    ("wording.foreign-subject", "measures", "全局干部职工参加法治培训120人次。", "政府部门的自称", "全局干部"),
    ("wording.foreign-subject", "intro", "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。", "", "统计期限"),
    ("wording.foreign-subject", "shortcomings", "报告所列数据统计期限为2024年1月1日至12月31日。", "政府信息公开工作年度报告", "统计期限"),
    ("wording.foreign-subject", "first", "本报告由总体情况、主动公开政府信息情况等六部分组成。", "政府信息公开工作年度报告", "本报告由"),
]


def _ids(cases):
    return [f"{c[0].split('.')[-1]}-{c[1]}-{i}" for i, c in enumerate(cases)]


@pytest.mark.parametrize("fmt", ["txt", "html"])
@pytest.mark.parametrize("rule, place, text, message, quoted", DEFECTS, ids=_ids(DEFECTS))
def test_a_planted_defect_is_found_where_it_is(rule, place, text, message, quoted, fmt):
    lines = build(place, text)
    result = check(lines, fmt)
    [f] = [f for f in result.findings if f.rule == rule]
    assert message in f.message and quoted in f.excerpt, (f.message, f.excerpt)
    if fmt == "txt":
        assert f.line == txt_line(lines, text[:12])
    others = [x for x in review(result) if x[0] != rule]
    assert others == []


COMPLIANT = [
    # shares and rates that are right, or cannot be recomputed from what is stated
    ("intro", "全年共收到政府信息公开申请约1113件，其中信息公开类58件，占比5.4%。"),  # an approximate total
    ("measures", "审结行政复议案件188件，其中纠错38件，终止12件，纠错率21.6%。"),  # 38÷(188−12): another denominator
    ("shortcomings", "全县发生行政诉讼案件64件，开庭审理50件，行政机关负责人出庭应诉50件，出庭应诉率100%。"),
    ("first", "全县共办理行政处罚案件1260件，其中简易程序300件，占全市简易程序案件的30%。"),  # a share of the city
    ("measures", "全年共收到申请1113件，信息公开类58件、依申请公开类558件、其他497件，分别占申请总数的5.2%、50.1%、44.7%。"),
    ("first", "全县办理案件1260件，其中简易程序300件、一般程序960件，分别占全市的30%、40%。"),
    ("intro", "受理行政复议申请2418件，办结2331件，办结率96%，群众满意率98.5%。"),  # 96.4% rounded
    ("first", "全年共受理群众投诉一点二万件，其中涉及执法不规范的六百件，占比百分之五。"),  # 一点二万 is 12000
    ("measures", "全县共有行政执法人员1500人，其中乡镇执法人员近900人，已持证上岗780人，占百分之八十七。"),  # of the approximate 900
    ("shortcomings", "全年共收到政府信息公开申请1113件，其中信息公开类近60件，占比5.4%。"),
    ("measures", "全年共收到政府信息公開申請1113件，其中信息公開類58件，佔比5.2%。"),  # traditional script
    # sums: partial lists, carry-overs, changes beside the parts
    ("intro", "全年审结行政复议案件977件，其中维持435件、驳回136件等。"),
    ("measures", "共办理行政处罚案件1260件，其中一般程序860件、简易程序300件，同比增加200件。"),
    ("shortcomings", "全年新收行政复议案件120件，上年结转30件，共计150件，审结140件。"),
    ("first", "共收到行政复议申请240件，其中受理200件，办结190件，县长批示督办3件。"),
    ("measures", "维持约430件、驳回136件，共审结977件。"),
    ("shortcomings", "共收到政府信息公开申请240件，其中受理200件，办结190件，答复185件。"),  # stages of one flow
    ("first", "累计公开各类政府信息共计2698条，其中：工作动态1201条、通知公告251条、政策解读44条、征集调查16期、其他类信息1186条。"),
    ("intro", "开展执法检查发现问题40个，已整改38个，其余2个限期整改。"),
    ("first", "受理行政复议申请200件，办结210件（含上年结转15件）。"),
    # changes: approximate, 分别 lists, two years in one sentence, right values
    ("intro", "行政复议申请由558件增至1113件，增长近一倍。"),
    ("measures", "复议案件210件、诉讼案件64件，上年分别为180件、52件，同比分别增长16.7%、23.1%。"),
    ("shortcomings", "行政复议案件150件，较上年的120件增加30件，复议纠错率由10.5%提高到12.0%，提高1.5个百分点。"),
    ("first", "全年办理行政处罚案件1260件，罚没款386.5万元，上年罚没款320万元，同比增长20.8%。"),
    ("measures", "全年收到申请1113件，同比增长99.5%，上年同期为558件。"),
    ("intro", "重大行政决策事项由3件增至7件，增长133.3%。"),
    # forms of real published reports that look like a share, a breakdown or a change and are not
    ("measures", "全县财政法治专项支出520万元，占预算数的96.5%，比上年增加40万元。"),  # a share of the budget
    ("intro", "今年共安排法律顾问经费300万元，比上年增加60万元，其中县本级180万元、乡镇120万元。"),
    ("shortcomings", "近三年行政复议案件数量变化较大，其中，县本级由45件增加到88件，乡镇由12件增加到30件。"),
    ("first", "全县行政复议申请从2021年的120件增加到2023年的180件，年均增长22.5%。"),
    ("measures", "全年罚没款由320万元增加到386.5万元，扣除一次性大额罚款因素实际增长6%。"),
    # cut-offs that are the year's end, a campaign's months, a later follow-up
    ("intro", "截至2024年12月31日，全县共查处各类案件300宗；截至12月底，整改问题全部销号。"),
    ("measures", "1至6月开展安全生产执法专项行动，查处违法行为45起。"),
    ("shortcomings", "截至2025年1月，上年发现的问题已全部整改到位。"),
    ("first", "1-12月，县长主持召开常务会议研究法治工作5次。"),
    # instruments cited in their period, history, other units named
    ("intro", "全县对照《法治政府建设实施纲要（2021—2025年）》和“十四五”规划确定的目标，逐项推进。"),
    ("measures", "严格执行新修订的《中华人民共和国行政复议法》，县司法局牵头办理复议案件。"),
    ("shortcomings", "个别乡镇统筹全局能力不足，镇村两级法律顾问作用发挥不够。"),
    ("first", "县长督促县司法局、县市场监管局落实普法责任清单。"),
]


@pytest.mark.parametrize("fmt", ["txt", "html"])
@pytest.mark.parametrize("place, text", COMPLIANT, ids=[f"{p}-{i}" for i, (p, _) in enumerate(COMPLIANT)])
def test_a_right_paragraph_raises_no_review_finding(place, text, fmt):
    assert review(check(build(place, text), fmt)) == []


IN_WORD = [next(d for d in DEFECTS if d[0] == rule) for rule in
           ("figures.percent-recompute", "figures.sum", "figures.yoy", "dates.interim-cutoff.dated", "hygiene.misquoted-title")]


@pytest.mark.parametrize("rule, place, text, message, quoted", IN_WORD, ids=_ids(IN_WORD))
def test_a_planted_defect_in_a_word_file(rule, place, text, message, quoted, tmp_path):
    path = to_docx([TITLE] + build(place, text), tmp_path / "report.docx", heading_styles=False)
    result = check_report(load_report(str(path)))
    [f] = [f for f in result.findings if f.rule == rule]
    assert message in f.message and quoted in f.excerpt


def test_a_right_word_file_raises_no_review_finding(tmp_path):
    lines = [OPENING] + MEASURES + [text for _, text in COMPLIANT[:8]] + SHORTCOMINGS + FIRST + PLAN + SIGN_OFF
    path = to_docx([TITLE] + lines, tmp_path / "report.docx", heading_styles=True)
    assert review(check_report(load_report(str(path)))) == []


# --- numbering, copies and instruments: the defect is in the structure or across the report -------

NUMBERING = [
    # (what, lines, check, expected number, the heading it is reported on)
    ("a sub-item lost", [OPENING] + MEASURES[:2] + MEASURES[3:] + SHORTCOMINGS + FIRST + PLAN + SIGN_OFF, "", "（二）", "（三）化解"),
    ("a sub-item twice", [OPENING] + MEASURES[:3] + [MEASURES[3].replace("（三）", "（二）")] + MEASURES[4:] + SHORTCOMINGS + FIRST + PLAN + SIGN_OFF,
     "repeat", None, "（二）化解"),
    ("a list item lost under a part", [OPENING] + MEASURES + SHORTCOMINGS[:1] + ["1.执法能力不足。乡镇执法人员偏少。", "2.监督不够有力。",
                                                                             "4.普法针对性不强。"] + FIRST + PLAN + SIGN_OFF, "", "3.", "4.普法"),
    ("a part lost in a 第N部分 report", [OPENING, "第一部分 主要举措和成效"] + MEASURES[1:] + ["第三部分 存在的不足和原因"] + SHORTCOMINGS[1:]
     + FIRST + PLAN + SIGN_OFF, "", "第二部分", "第三部分"),
]


@pytest.mark.parametrize("fmt", ["txt", "html"])
@pytest.mark.parametrize("what, lines, kind, expected, where", NUMBERING, ids=[n[0] for n in NUMBERING])
def test_a_numbering_defect_in_another_place(what, lines, kind, expected, where, fmt):
    result = check(lines, fmt)
    hits = [f for f in result.findings if f.rule == "structure.numbering"]
    assert [f.check for f in hits][:1] == [kind], [(f.check, f.message) for f in hits]
    f = hits[0]
    assert where.split("、")[0][:3] in f.excerpt
    if expected:
        assert f"“{expected}”" in f.message
    if fmt == "txt":
        assert f.line == txt_line(lines, where)


NUMBERED_RIGHT = [
    ("lists restart under each item", [OPENING] + MEASURES[:2] + ["1.完善制度。", "2.严格审核。"] + MEASURES[2:3] + ["1.规范程序。", "2.公示结果。"]
     + MEASURES[3:] + SHORTCOMINGS + FIRST + PLAN + SIGN_OFF),
    ("circled numbers", [OPENING] + MEASURES + SHORTCOMINGS[:1] + ["①执法能力不足。", "②监督不够有力。", "③普法针对性不强。"] + FIRST + PLAN + SIGN_OFF),
    ("numbered sentences inside a paragraph", [OPENING] + MEASURES + SHORTCOMINGS[:1]
     + ["存在的问题主要有：1.执法能力不足；3项整改任务尚未完成；2.监督不够有力。"] + FIRST + PLAN + SIGN_OFF),
    ("第N部分 in order", [OPENING, "第一部分 主要举措和成效"] + MEASURES[1:] + ["第二部分 存在的不足和原因"] + SHORTCOMINGS[1:]
     + ["第三部分 党政主要负责人履行推进法治建设第一责任人职责情况"] + FIRST[1:] + ["第四部分 2025年推进法治政府建设的主要安排"] + PLAN[1:] + SIGN_OFF),
]


@pytest.mark.parametrize("fmt", ["txt", "html"])
@pytest.mark.parametrize("what, lines", NUMBERED_RIGHT, ids=[n[0] for n in NUMBERED_RIGHT])
def test_numbering_in_order_in_other_styles(what, lines, fmt):
    assert review(check(lines, fmt)) == []


COPIED = [
    # (where the copy goes, the paragraph copied, how it is changed)
    ("plan", MEASURES[2], lambda t: t),
    ("shortcomings", MEASURES[4], lambda t: t.replace("，", "、").replace("；", "，")),  # punctuation changed
    ("first", MEASURES[5], lambda t: t.replace("（五）规范决策和普法。", "")),  # a run-in heading dropped
    ("shortcomings", MEASURES[5], lambda t: "执法公示仍需加强。" + t.split("。")[1].split("；")[0] + "。"),  # one long sentence inside another paragraph
]


@pytest.mark.parametrize("fmt", ["txt", "html"])
@pytest.mark.parametrize("where, original, change", COPIED, ids=[c[0] for c in COPIED])
def test_a_passage_copied_into_another_part(where, original, change, fmt):
    copy = change(original)
    parts = {"measures": list(MEASURES), "shortcomings": list(SHORTCOMINGS), "first": list(FIRST), "plan": list(PLAN)}
    parts[where].append(copy)
    lines = [OPENING] + parts["measures"] + parts["shortcomings"] + parts["first"] + parts["plan"] + SIGN_OFF
    result = check(lines, fmt)
    [f] = [f for f in result.findings if f.rule == "reuse.duplicate-passage"]
    if fmt == "txt":
        first = txt_line(lines, original[:14]) if not original.startswith("一是") else txt_line(lines, "一是乡镇")
        assert f.line == len(lines) + 1 - lines[::-1].index(copy) and f"第{first}行" in f.message


def test_sentences_that_repeat_honestly_are_not_copies():
    plan = PLAN + ["全年无行政诉讼败诉案件。", "县政府将继续完善执法监督体系。"]
    shortcomings = SHORTCOMINGS + ["全年无行政诉讼败诉案件。"]
    lines = [OPENING] + MEASURES + shortcomings + FIRST + plan + SIGN_OFF
    assert review(check(lines)) == []


INSTRUMENTS = [
    # (paragraph in a 2026 report, a citation as current of an instrument whose period has ended)
    ("intro", "全县紧紧围绕《法治政府建设实施纲要（2021—2025年）》确定的目标推进各项工作。", "2021—2025"),
    ("measures", "按照《法治中国建设规划（2020—2025年）》部署，深化执法体制改革。", "2020—2025"),
    ("shortcomings", "对照《提升行政执法质量三年行动计划（2023—2025年）》要求，执法质量仍有差距。", "2023—2025"),
    ("first", "县长强调，当前正处于“十四五”规划实施的关键时期。", "十四五"),
]


def _in_2026(place: str, text: str) -> list[str]:
    """The fixture moved to 2026, its opening no longer citing the outline, with ``text`` added."""
    lines = [line.replace("@", text) for line in shifted(build(place, "@"), 2)]
    return [OPENING.replace("2024", "2026").replace("深入贯彻《法治政府建设实施纲要（2021—2025年）》，", "")] + lines[1:]


@pytest.mark.parametrize("fmt", ["txt", "html"])
@pytest.mark.parametrize("place, text, period", INSTRUMENTS, ids=[i[0] for i in INSTRUMENTS])
def test_an_outdated_instrument_cited_as_current_elsewhere(place, text, period, fmt):
    lines = _in_2026(place, text)
    result = check(lines, fmt, title=TITLE.replace("2024", "2026"))
    [f] = [f for f in result.findings if f.rule == "hygiene.instrument-period"]
    assert period in f.message or period in f.excerpt
    if fmt == "txt":
        assert f.line == txt_line(lines, text[:10])


INSTRUMENTS_RIGHT = [
    ("intro", "“十四五”时期，全县法治政府建设取得明显成效，2026年是“十五五”开局之年。"),
    ("measures", "全面总结《法治政府建设实施纲要（2021—2025年）》实施情况，形成评估报告。"),
    ("shortcomings", "与《法治中国建设规划（2020—2025年）》期间确定的目标相比，仍有差距需要补齐。"),
    ("first", "县长严格执行新修订的《中华人民共和国行政复议法》，带头出庭应诉。"),
]


@pytest.mark.parametrize("place, text", INSTRUMENTS_RIGHT, ids=[i[0] for i in INSTRUMENTS_RIGHT])
def test_looking_back_on_an_instrument_in_another_part(place, text):
    result = check(_in_2026(place, text), title=TITLE.replace("2024", "2026"))
    assert [f for f in result.findings if f.rule.startswith(("hygiene.instrument-period", "hygiene.misquoted-title"))] == []


# --- tables: the 政府信息公开 table's cells are not sentences to recompute ---------------------------

TABLE = [("一、本年新收政府信息公开申请数量", "1113"), ("二、上年结转政府信息公开申请数量", "30"), ("三、本年度办理结果", ""),
         ("（一）予以公开", "580"), ("（二）部分公开", "120"), ("（三）不予公开", "60"), ("（四）无法提供", "300"),
         ("（五）不予处理", "40"), ("（六）其他处理", "13"), ("（七）总计", "1113"), ("四、结转下年度继续办理", "30"),
         ("办结率", "97.4%"), ("占比", "52.1%")]


def test_an_open_government_table_on_a_web_page_raises_no_review_finding():
    from variants import to_html

    from validator.report import report_from_text

    lines = [OPENING] + MEASURES + SHORTCOMINGS + FIRST + PLAN + SIGN_OFF
    table = "<table border='1'>" + "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in TABLE) + "</table>"
    page = to_html(lines, title=TITLE, published="2025-02-25", source=UNIT)
    anchor = "（五）规范决策和普法"
    assert anchor in page
    page = page.replace(anchor, "政府信息公开情况如下表。</p>" + table + "<p>" + anchor, 1)
    assert review(check_report(report_from_text(page, "report.html", ".html"))) == []


def test_an_open_government_table_in_a_word_file_raises_no_review_finding(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    for line in [OPENING] + MEASURES:
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=2)
    for a, b in TABLE:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = a, b
    for line in SHORTCOMINGS + FIRST + PLAN + SIGN_OFF:
        document.add_paragraph(line)
    path = tmp_path / "report.docx"
    document.save(str(path))
    report = load_report(str(path))
    assert report.meta.year == 2024 and any(b.kind == "table-cell" for b in report.document.blocks)
    assert review(check_report(report)) == []


TOWN = "石桥镇人民政府"


@pytest.mark.parametrize("fmt", ["txt", "html"])
@pytest.mark.parametrize("place", PLACES)
def test_a_street_office_voice_in_a_town_report(place, fmt):
    text = "全街道各村（社区）法律顾问实现全覆盖。"
    lines = [line.replace("县政府", "镇政府").replace("县长", "镇长").replace("青岚县人民政府", TOWN) for line in build(place, text)]
    result = check(lines, fmt, title=TITLE.replace("青岚县人民政府", TOWN), source=TOWN)
    [f] = [f for f in result.findings if f.rule == "wording.foreign-subject"]
    assert "街道的自称" in f.message and "全街道" in f.excerpt
    if fmt == "txt":
        assert f.line == txt_line(lines, text)


def test_a_town_report_naming_streets_of_the_county_is_not_foreign():
    text = "配合县司法局指导相邻街道办事处开展普法，全镇各村法律顾问实现全覆盖。"
    lines = [line.replace("青岚县人民政府", TOWN) for line in build("measures", text)]
    assert review(check(lines, title=TITLE.replace("青岚县人民政府", TOWN), source=TOWN)) == []


# --- last year where the report year is meant ---------------------------------------------------

STALE = [
    # (part, paragraph: a heading or a paragraph opening on last year)
    ("shortcomings", "（一）2023年存在的主要问题"),
    ("first", "2023年全年，县长主持召开县政府常务会议研究法治工作5次。"),
    ("measures", "2023年度，全县共审查行政规范性文件9件。"),
    ("intro", "2023年，青岚县人民政府深入推进依法行政。"),
]


@pytest.mark.parametrize("fmt", ["txt", "html"])
@pytest.mark.parametrize("place, text", STALE, ids=[s[0] for s in STALE])
def test_last_year_left_in_another_part(place, text, fmt):
    parts = {"intro": [OPENING], "measures": list(MEASURES), "shortcomings": list(SHORTCOMINGS), "first": list(FIRST)}
    parts[place].append(text)
    lines = parts["intro"] + parts["measures"] + parts["shortcomings"] + parts["first"] + PLAN + SIGN_OFF
    stale = [f for f in check(lines, fmt).findings if f.rule == "dates.report-year"]
    assert [f.check for f in stale] == ["stale"] and "2023年" in f"{stale[0].message}"
    if fmt == "txt":
        assert stale[0].line == txt_line(lines, text)


@pytest.mark.parametrize("fmt", ["txt", "html"])
@pytest.mark.parametrize("place, text", [
    ("measures", "2023年受理复议案件180件，2024年受理210件，申请量明显上升。"),  # a run-in item comparing two years
    ("shortcomings", "2023年以来，全县累计培训执法人员3000人次。"),
    ("first", "县长出庭应诉次数较2023年增加1次。"),
    ("intro", "对照2023年度法治政府建设情况报告提出的问题，逐项整改到位。"),
], ids=["run-in", "since", "compared", "last-report"])
def test_a_year_compared_with_is_not_a_stale_year(place, text, fmt):
    assert review(check(build(place, text), fmt)) == []


# --- last year's report carried over (check --previous) -----------------------------------------

def _last_year(text: str) -> list[str]:
    """Last year's report, written anew but for ``text``."""
    return [TITLE.replace("2024", "2023"), "2023年，青岚县人民政府全面推进依法行政，法治政府建设取得新进展。",
            "一、2023年推进法治政府建设的主要举措和成效", text, "二、存在的不足和原因", "执法监督仍需加强。"]


CARRIED = [
    # (part, a paragraph in both years' reports with the same count, the count as the finding quotes it)
    ("measures", "全县审查行政规范性文件二十一件，备案率100%。", "21件"),
    ("shortcomings", "全年受理群众投诉1.2万件，部分投诉办理不够及时。", "12000件"),
    ("first", "县长带头开展法治培训，全年培训领导干部360人次。", "360人次"),
    ("intro", "全年办理行政复议案件126件，调解和解率明显提高。", "126件"),
]


@pytest.mark.parametrize("fmt", ["txt", "html"])
@pytest.mark.parametrize("place, text, quoted", CARRIED, ids=[c[0] for c in CARRIED])
def test_a_count_carried_over_from_last_year(place, text, quoted, fmt):
    lines = build(place, text)
    result = check(lines, fmt, previous=_last_year(text))
    figures = [f for f in result.findings if f.rule == "reuse.previous-year" and f.check == "figure"]
    assert [f.excerpt.endswith(quoted) for f in figures] == [True], [f.excerpt for f in figures]
    if fmt == "txt":
        assert figures[0].line == txt_line(lines, text[:10])


@pytest.mark.parametrize("place, text", [
    ("measures", "全县审查行政规范性文件21件，与上年持平。"),  # said to be the same
    ("shortcomings", "全年召开执法协调会议4次。"),  # a small count may repeat
    ("first", "全年培训领导干部约360人次。"),  # an approximation
    ("intro", "全县共有行政执法人员1200人，连续三年保持稳定。"),
], ids=["same-said", "small", "approximate", "steady"])
def test_a_count_said_to_be_unchanged_is_not_carried_over(place, text):
    lines = build(place, text)
    last = _last_year(text.replace("约", "").replace("，与上年持平", "").replace("，连续三年保持稳定", ""))
    result = check(lines, previous=last)
    assert [f for f in result.findings if f.rule == "reuse.previous-year" and f.check == "figure"] == []
