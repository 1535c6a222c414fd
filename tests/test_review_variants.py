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
    ("measures", "全年共收到申请1113件，其中信息公开类58件、依申请公开类558件，分别占5.2%、50.1%。"),
    ("intro", "受理行政复议申请2418件，办结2331件，办结率96%，群众满意率98.5%。"),  # 96.4% rounded
    ("shortcomings", "全年共收到政府信息公开申请1113件，其中信息公开类近60件，占比5.4%。"),
    ("measures", "全年共收到政府信息公開申請1113件，其中信息公開類58件，佔比5.2%。"),  # traditional script
    # sums: partial lists, carry-overs, changes beside the parts
    ("intro", "全年审结行政复议案件977件，其中维持435件、驳回136件等。"),
    ("measures", "共办理行政处罚案件1260件，其中一般程序860件、简易程序300件，同比增加200件。"),
    ("shortcomings", "全年新收行政复议案件120件，上年结转30件，共计150件，审结140件。"),
    ("first", "共收到行政复议申请240件，其中受理200件，办结190件，县长批示督办3件。"),
    ("measures", "维持约430件、驳回136件，共审结977件。"),
    ("intro", "开展执法检查发现问题40个，已整改38个，其余2个限期整改。"),
    # changes: approximate, 分别 lists, two years in one sentence, right values
    ("intro", "行政复议申请由558件增至1113件，增长近一倍。"),
    ("measures", "复议案件210件、诉讼案件64件，上年分别为180件、52件，同比分别增长16.7%、23.1%。"),
    ("shortcomings", "行政复议案件150件，较上年的120件增加30件，复议纠错率由10.5%提高到12.0%，提高1.5个百分点。"),
    ("first", "全年办理行政处罚案件1260件，罚没款386.5万元，上年罚没款320万元，同比增长20.8%。"),
    ("measures", "全年收到申请1113件，同比增长99.5%，上年同期为558件。"),
    ("intro", "重大行政决策事项由3件增至7件，增长133.3%。"),
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
