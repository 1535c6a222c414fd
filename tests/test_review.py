"""What a careful reviewer catches (issue 7): figures that do not add up, stale years and
instruments, copied text, broken numbering.

Each test builds a whole county-government (or street-office) report of its own text, with
fictional places, as plain text and where layout matters as a published web page, changes one
thing in it, and asserts the finding a reviewer would see: its id, line and what it computed.
"""

from __future__ import annotations

import pytest

from validator.checker import check_report
from validator.report import report_from_text
from variants import to_html

TITLE = "青岚县人民政府2024年法治政府建设年度报告"
UNIT = "青岚县人民政府"
OPENING = "2024年，青岚县人民政府坚持以习近平法治思想为指导，深入贯彻《法治政府建设实施纲要（2021—2025年）》，全面推进依法行政。"
MEASURES = [
    "一、2024年推进法治政府建设的主要举措和成效",
    "（一）加强组织领导。县政府常务会议专题研究法治政府建设5次，制定年度法治政府建设工作要点，分解任务40项。",
    "（二）严格规范执法。全县行政执法机关办理行政处罚案件1260件，罚没款386.5万元；配备执法记录仪320台，法制审核重大执法决定58件。",
    "（三）化解行政争议。全年共收到行政复议申请210件，其中依法受理196件，审结188件，审结率95.9%；"
    "维持120件、驳回30件、纠错38件，共审结188件。一审行政诉讼案件64件，上年52件，同比增长23.1%。",
    "（四）推进政务公开。主动公开政府信息3200条，办理依申请公开160件，其中予以公开70件，占比43.8%。",
    "（五）规范决策和普法。全面推行行政执法公示制度，在县政府网站公示行政执法决定1260件；重大行政决策事项6项均履行公众参与、"
    "合法性审查等法定程序；审核行政规范性文件9件并报市政府备案；法律顾问审查合同110份；落实“谁执法谁普法”普法责任制，开展普法活动260场次。",
]
SHORTCOMINGS = [
    "二、存在的不足和原因",
    "一是乡镇综合执法能力仍需提升，部分执法文书不规范；二是行政复议纠错率偏高。原因是执法人员培训不足，执法监督不够有力。",
]
FIRST = [
    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    "县长认真履行推进法治建设第一责任人职责，主持召开县政府常务会议研究法治工作5次，带头出庭应诉1次，年终述法。",
]
PLAN = [
    "四、2025年推进法治政府建设的主要安排",
    "2025年，县政府将继续完善执法监督体系，加强乡镇执法队伍建设，深化府院联动机制。",
]
SIGN_OFF = ["青岚县人民政府", "2025年2月20日"]
NEW_RULES = ("figures.percent-recompute", "figures.sum", "figures.yoy", "structure.numbering", "wording.foreign-subject",
             "reuse.duplicate-passage", "hygiene.instrument-period", "hygiene.misquoted-title", "dates.interim-cutoff")


def lines_of(measures=None, shortcomings=None, first=None, plan=None, opening=OPENING) -> list[str]:
    return [opening] + (measures or MEASURES) + (shortcomings or SHORTCOMINGS) + (first or FIRST) + (plan or PLAN) + SIGN_OFF


def check(lines: list[str], fmt: str = "txt", title: str = TITLE, previous: list[str] | None = None,
          source: str = UNIT):
    if fmt == "txt":
        report = report_from_text("\n".join([title] + lines), "report.txt")
    else:
        report = report_from_text(to_html(lines, title=title, published="2025-02-25", source=source), "report.html", ".html")
    last = report_from_text("\n".join(previous), "last.txt") if previous else None
    return check_report(report, previous=last)


def txt_line(lines: list[str], needle: str) -> int:
    """The file line of the first report line containing ``needle`` (the title is line 1)."""
    return next(i for i, line in enumerate(lines, start=2) if needle in line)


def found(result, prefix: str):
    return [f for f in result.findings if f.rule == prefix or f.rule.startswith(prefix + ".")]


def replaced(lines: list[str], old: str, new: str) -> list[str]:
    assert any(old in line for line in lines), old
    return [line.replace(old, new) for line in lines]


FORMATS = ["txt", "html"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_fixture_report_is_sound(fmt):
    """Shares, sums and the change in it all recompute: whatever a test finds, its change caused it."""
    result = check(lines_of(), fmt)
    assert [(f.rule, f.line) for f in result.findings if f.rule.startswith(NEW_RULES)] == []
    assert result.status == "pass"


# --- figures --------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_a_share_that_does_not_follow_from_its_counts(fmt):
    lines = replaced(lines_of(), "占比43.8%", "占比45.6%")
    result = check(lines, fmt)
    [f] = found(result, "figures.percent-recompute")
    assert "70÷160＝43.8%，报告写45.6%" in f.message
    assert "45.6%" in f.excerpt
    if fmt == "txt":
        assert f.line == txt_line(lines, "占比45.6%")


def test_a_rate_recomputed_with_the_rounding_the_text_shows():
    lines = replaced(lines_of(), "审结率95.9%", "审结率96%")  # 188÷196 = 95.9%: 96% is the same, rounded
    assert found(check(lines), "figures.percent-recompute") == []
    lines = replaced(lines_of(), "审结率95.9%", "审结率97.9%")
    [f] = found(check(lines), "figures.percent-recompute")
    assert "188÷196＝95.9%" in f.message


def test_approximate_counts_are_not_recomputed():
    lines = replaced(lines_of(), "其中予以公开70件，占比43.8%", "其中予以公开70余件，占比48%")
    assert found(check(lines), "figures.percent-recompute") == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_parts_that_do_not_add_up_to_their_total(fmt):
    lines = replaced(lines_of(), "纠错38件", "纠错28件")
    [f] = found(check(lines, fmt), "figures.sum")
    assert f.rule == "figures.sum" and f.check == ""
    assert "120+30+28＝178，报告写总数188" in f.message


def test_a_part_larger_than_its_whole():
    lines = replaced(lines_of(), "其中依法受理196件，审结188件", "其中依法受理196件，审结218件")
    result = check(lines)
    parts = found(result, "figures.sum")
    assert [(f.check, f.line) for f in parts] == [("part", txt_line(lines, "审结218件"))]
    assert "办结" not in parts[0].message and "218件多于" in parts[0].message


def test_a_selection_after_qizhong_may_be_partial():
    lines = replaced(lines_of(), "其中予以公开70件，占比43.8%", "其中予以公开70件、不予公开12件")
    assert found(check(lines), "figures.sum") == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_stated_change_that_contradicts_the_two_years(fmt):
    lines = replaced(lines_of(), "同比增长23.1%", "同比增长32.1%")
    [f] = found(check(lines, fmt), "figures.yoy")
    assert "由52件到64件应为增长23.1%，报告写增长32.1%" in f.message


def test_a_change_in_the_wrong_direction():
    lines = replaced(lines_of(), "上年52件，同比增长23.1%", "上年70件，同比增长8.6%")
    [f] = found(check(lines), "figures.yoy")
    assert "应为减少8.6%" in f.message


# --- years and instruments ------------------------------------------------------------------

def test_a_dated_cut_off_is_a_warning_and_an_open_one_is_a_note():
    lines = replaced(lines_of(), "主动公开政府信息3200条", "截至11月28日，主动公开政府信息3200条")
    [f] = found(check(lines), "dates.interim-cutoff")
    assert (f.rule, f.severity, f.line) == ("dates.interim-cutoff.dated", "warning", txt_line(lines, "截至11月28日"))
    lines = replaced(lines_of(), "主动公开政府信息3200条", "截至目前，主动公开政府信息3200条")
    [f] = found(check(lines), "dates.interim-cutoff")
    assert (f.rule, f.severity) == ("dates.interim-cutoff", "info")


def test_a_2026_report_taking_the_2021_2025_outline_as_its_guide():
    result = check(shifted(lines_of(), 2), title=TITLE.replace("2024", "2026"))
    [f] = found(result, "hygiene.instrument-period")
    assert f.line == 2 and "2021—2025" in f.message and f.severity == "warning"


def test_looking_back_on_the_outline_is_history_not_a_citation():
    opening = "2026年是《法治政府建设实施纲要（2021—2025年）》收官后的第一年，青岚县人民政府总结“十四五”时期经验，全面推进依法行政。"
    lines = shifted(lines_of(), 2)
    lines[0] = opening
    assert found(check(lines, title=TITLE.replace("2024", "2026")), "hygiene.instrument-period") == []


def test_an_unknown_successor_outline_is_accepted_as_unverified():
    opening = OPENING.replace("2021—2025年", "2026—2030年")
    result = check(lines_of(opening=opening))
    [f] = found(result, "hygiene.instrument-period")
    assert (f.rule, f.severity, f.line) == ("hygiene.instrument-period.unverified", "info", 2)
    assert found(result, "hygiene.misquoted-title") == []


@pytest.mark.parametrize("wrong, correct", [
    ("《法治政府建设实施纲要（20212025年）》", "连接号"),
    ("《法治政府建设实施纲要（2022—2025年）》", "2021—2025年"),
    ("《党政主要负责人履行推进法治政府建设第一责任人职责规定》", "推进法治建设第一责任人职责规定"),
])
def test_misquoted_titles_from_the_registry(wrong, correct):
    opening = OPENING.replace("《法治政府建设实施纲要（2021—2025年）》", wrong)
    [f] = found(check(lines_of(opening=opening)), "hygiene.misquoted-title")
    assert f.line == 2 and correct in f.message


def shifted(lines: list[str], years: int) -> list[str]:
    """The report moved on by some years (the 2021—2025 outline keeps its title)."""
    out = []
    for line in lines:
        for y in (2025, 2024):
            line = line.replace(f"{y}年", f"{y + years}年")
        out.append(line.replace(f"（2021—{2025 + years}年）", "（2021—2025年）"))
    return out


def test_a_replaced_regulation_cited_after_its_successor_took_effect():
    measures = MEASURES + ["（六）加强备案审查。按照《法规规章备案条例》报备规范性文件12件。"]
    result = check(shifted(lines_of(measures=measures), 1), title=TITLE.replace("2024", "2025"))
    [f] = found(result, "hygiene.instrument-period")
    assert f.check == "replaced" and "法规规章备案审查条例" in f.message


# --- wording, reuse, numbering -------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_a_bureau_voice_in_a_government_report(fmt):
    lines = replaced(lines_of(), "县政府常务会议专题研究", "局党组会议专题研究")
    [f] = found(check(lines, fmt), "wording.foreign-subject")
    assert "局党组" in f.excerpt and "政府部门的自称" in f.message


def test_a_town_voice_in_a_street_office_report():
    title = "青岚县东河街道办事处2024年法治政府建设年度报告"
    opening = "2024年，东河街道坚持以习近平法治思想为指导，全面推进依法行政，我镇法治建设取得新成效。"
    lines = lines_of(opening=opening)
    lines[-2] = "青岚县东河街道办事处"
    [f] = found(check(lines, title=title), "wording.foreign-subject")
    assert f.line == 2 and "乡镇的自称" in f.message


def test_open_government_annual_report_boilerplate():
    plan = PLAN + ["本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。"]
    lines = lines_of(plan=plan)
    [f] = found(check(lines), "wording.foreign-subject")
    assert f.line == txt_line(lines, "统计期限")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_paragraph_pasted_twice(fmt):
    shortcomings = SHORTCOMINGS + [MEASURES[2]]
    lines = lines_of(shortcomings=shortcomings)
    [f] = found(check(lines, fmt), "reuse.duplicate-passage")
    assert "行政处罚案件1260件" in f.excerpt
    if fmt == "txt":
        assert f.line == txt_line(lines, "执法能力") + 1
        assert f"第{txt_line(lines, '严格规范执法')}行" in f.message


def test_last_years_report_carried_over():
    last = [TITLE.replace("2024", "2023")] + [line.replace("2024年", "2023年").replace("2025年", "2024年") for line in lines_of()]
    this = lines_of()
    result = check(this, previous=last)
    parts = found(result, "reuse.previous-year")
    share = [f for f in parts if f.check == ""]
    assert len(share) == 1 and "最长的照搬段落" in share[0].message
    figures = [f for f in parts if f.check == "figure"]
    assert any("1260" in f.excerpt for f in figures)  # 行政处罚案件1260件 two years running
    assert next(c for c in check(this).checklist if c.rule == "reuse.previous-year").status == "not-applicable"


def test_a_rewritten_report_is_not_carried_over():
    last = [TITLE.replace("2024", "2023"), "2023年，青岚县人民政府推进依法行政，办理行政处罚案件980件。"]
    assert found(check(lines_of(), previous=last), "reuse.previous-year") == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_skipped_part_number(fmt):
    first = [FIRST[0].replace("三、", "四、"), FIRST[1]]
    plan = [PLAN[0].replace("四、", "五、"), PLAN[1]]
    lines = lines_of(first=first, plan=plan)
    [f] = found(check(lines, fmt), "structure.numbering")
    assert "“三、”" in f.message
    if fmt == "txt":
        assert f.line == txt_line(lines, "第一责任人职责情况")


def test_two_parts_numbered_one():
    shortcomings = [SHORTCOMINGS[0].replace("二、", "一、"), SHORTCOMINGS[1]]
    lines = lines_of(shortcomings=shortcomings)
    result = check(lines)
    kinds = [(f.check, f.line) for f in found(result, "structure.numbering")]
    assert ("repeat", txt_line(lines, "存在的不足")) in kinds


def test_a_long_numbered_paragraph_keeps_its_number():
    """（二） too long to be a heading is still there: （三） after （一） is not a skip."""
    long_item = "（二）" + "严格规范执法，" * 12 + "全年办理行政处罚案件1260件。"
    measures = [MEASURES[0], MEASURES[1], long_item, MEASURES[3], MEASURES[4]]
    assert found(check(lines_of(measures=measures)), "structure.numbering") == []


# --- last year where this year is meant -------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_a_sub_heading_and_a_paragraph_on_last_year(fmt):
    measures = MEASURES[:2] + ["（二）2023年严格规范执法情况", "2023年，全县行政执法机关办理行政处罚案件1260件。"] + MEASURES[3:]
    lines = lines_of(measures=measures)
    stale = [f for f in check(lines, fmt).findings if f.rule == "dates.report-year"]
    assert [f.check for f in stale] == ["stale", "stale"]
    if fmt == "txt":
        assert [f.line for f in stale] == [txt_line(lines, "（二）2023年"), txt_line(lines, "2023年，全县")]


def test_comparing_with_last_year_is_not_naming_it():
    measures = MEASURES + ["（六）提升执法质量。全县行政处罚案件较2023年下降8%，2023年以来累计培训执法人员3000人次。"]
    assert [f for f in check(lines_of(measures=measures)).findings if f.rule == "dates.report-year"] == []


# --- the registry, the CLI and what explain says ---------------------------------------------

def test_the_instrument_registry_is_valid_and_a_bad_entry_is_refused():
    import yaml

    from validator.kinds.instrument import registry_problem
    from validator.ruleset import rules_dir

    data = yaml.safe_load((rules_dir() / "instruments.yaml").read_text(encoding="utf-8"))
    assert registry_problem(data) is None
    names = {e["name"] for e in data["instruments"]}
    assert {"法治政府建设实施纲要（2015—2020年）", "法治政府建设实施纲要（2021—2025年）", "法治中国建设规划（2020—2025年）",
            "法治社会建设实施纲要（2020—2025年）", "法规规章备案审查条例", "行政执法监督条例",
            "提升行政执法质量三年行动计划（2023—2025年）"} <= names
    bad = {"instruments": [{"id": "x", "name": "某纲要", "issued": "2026"}]}
    assert "issued" in registry_problem(bad)


def test_a_province_adds_an_instrument_in_its_rule_file(tmp_path):
    from validator.ruleset import resolve

    rules = tmp_path / "province.yaml"
    rules.write_text(
        "options:\n  hygiene.instrument-period:\n    instruments:\n"
        "      - {id: qinglan-plan, name: 青岚省法治政府建设规划（2021—2023年）, family: 青岚省法治政府建设规划,\n"
        "         period: [2021, 2023], issued: '2021-06-01'}\n", encoding="utf-8")
    opening = OPENING.replace("《法治政府建设实施纲要（2021—2025年）》", "《青岚省法治政府建设规划（2021—2023年）》")
    report = report_from_text("\n".join([TITLE] + lines_of(opening=opening)), "report.txt")
    result = check_report(report, rules=(str(rules),))
    [f] = [f for f in result.findings if f.rule == "hygiene.instrument-period"]
    assert f.line == 2 and "2021—2023" in f.message
    assert resolve("county-government")  # the bundled chain is untouched


def test_check_previous_on_the_command_line(tmp_path):
    from click.testing import CliRunner

    from validator.cli import main

    this = tmp_path / "2024.txt"
    this.write_text("\n".join([TITLE] + lines_of()), encoding="utf-8")
    last = tmp_path / "2023.html"
    last.write_text(to_html(lines_of(), title=TITLE, published="2024-02-25", source=UNIT), encoding="utf-8")
    run = CliRunner().invoke(main, ["check", str(this), "--previous", str(last), "--format", "json"])
    import json

    rules = {f["rule"] for f in json.loads(run.output)["documents"][0]["findings"]}
    assert "reuse.previous-year" in rules
    missing = CliRunner().invoke(main, ["check", str(this), "--previous", str(tmp_path / "none.txt")])
    assert missing.exit_code == 2 and "上一年度报告（--previous）" in missing.output and "Traceback" not in missing.output


@pytest.mark.parametrize("rule", NEW_RULES + ("reuse.previous-year", "hygiene.instrument-period.unverified",
                                              "dates.interim-cutoff.dated"))
def test_explain_names_the_real_world_defect(rule):
    from click.testing import CliRunner

    from validator.cli import main

    run = CliRunner().invoke(main, ["rules", "explain", rule])
    assert run.exit_code == 0 and "已公开" in run.output
