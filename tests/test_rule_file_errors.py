"""A mistake in a rule file stops the run once, names the file, the rule and the key, and is
said alike by `rules validate` and by `check`; a fault inside a rule names the rule and report."""

from __future__ import annotations

import shutil

import pytest
import yaml
from click.testing import CliRunner

from validator import kinds
from validator.cli import main
from validator.ruleset import load_file, resolve, rules_dir

REPORT = """青山镇人民政府2023年法治政府建设年度报告
一、主要举措和成效
全年办理行政处罚案件26件，行政执法公示率100%。
二、存在的不足和原因
执法力量不足，原因是编制有限。
三、2024年工作计划
继续加强执法队伍建设。
"""


def _rule(rid: str) -> dict:
    return next(r for r in load_file(rules_dir() / "national.yaml")["rules"] if r["id"] == rid)


def _file(tmp_path, data: dict) -> str:
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def _refused(tmp_path, data: dict, *words: str) -> None:
    """Both commands exit 2 with one line that names the rule file (not the report) and the words."""
    path = _file(tmp_path, data)
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    for args in (["rules", "validate", path], ["check", "--no-config", "--rules", path, str(report)]):
        run = CliRunner().invoke(main, args)
        assert run.exit_code == 2, (args, run.output)
        lines = run.output.strip().splitlines()
        assert len(lines) == 1, run.output
        assert lines[0].startswith(f"report-check: {path}: "), lines[0]
        assert "无法读取文件" not in lines[0] and str(report) not in lines[0]
        for word in words:
            assert word in lines[0], (word, lines[0])


def test_an_impossible_deadline_is_refused(tmp_path):
    _refused(tmp_path, {"options": {"dates.publication-deadline": {"month": 2, "day": 30}}},
             "dates.publication-deadline", "options", "2月30日")


def test_an_option_of_the_wrong_type_is_refused(tmp_path):
    _refused(tmp_path, {"options": {"dates.publication-deadline": {"month": "四月"}}},
             "dates.publication-deadline", "month")


def test_a_dangling_scope_is_refused(tmp_path):
    rule = _rule("structure.shortcomings.causes")
    rule["id"] = "local.causes"
    rule["options"]["scope"] = "structure.shortcoming"
    _refused(tmp_path, {"rules": [rule]}, "local.causes", "structure.shortcoming", "structure.shortcomings")


def test_a_scope_on_a_rule_that_locates_nothing_is_refused(tmp_path):
    rule = _rule("structure.shortcomings.causes")
    rule["id"] = "local.causes"
    rule["options"]["scope"] = "hygiene.placeholder"
    _refused(tmp_path, {"rules": [rule]}, "local.causes", "hygiene.placeholder")


@pytest.mark.parametrize("key", ["severity", "disable", "options"])
def test_a_mistyped_override_is_refused_with_the_nearest_id(tmp_path, key):
    value = {"severity": {"structure.titel": "info"}, "disable": ["structure.titel"],
             "options": {"structure.titel": {"year": False}}}[key]
    _refused(tmp_path, {key: value}, "structure.titel", key, "是否应为 structure.title")


def test_an_unknown_placeholder_is_refused(tmp_path):
    rule = _rule("hygiene.placeholder")
    rule["id"] = "local.placeholder"
    rule["message"] = "报告中有模板文字“{fuond}”"
    _refused(tmp_path, {"rules": [rule]}, "local.placeholder", "{fuond}", "message")


def test_an_unknown_sub_check_message_is_refused(tmp_path):
    rule = _rule("structure.measures")
    rule["id"] = "local.measures"
    rule["messages"] = {"empyt": "部分为空"}
    _refused(tmp_path, {"rules": [rule]}, "local.measures", "messages.empyt", "empty")


def test_an_old_window_name_is_a_clear_load_error(tmp_path):
    rule = _rule("enforcement.publicity")
    rule["id"] = "local.publicity"
    rule["options"]["within"] = rule["options"].pop("near_window")
    _refused(tmp_path, {"rules": [rule]}, "local.publicity", "within")


def test_a_user_file_extends_through_the_bundled_chain(tmp_path):
    path = _file(tmp_path, {"extends": "township", "severity": {"structure.title": "info"}})
    profile = resolve("national", (path,))
    assert profile.chain == ["rules/national.yaml", "rules/profiles/township.yaml", path]
    assert "oversight.reconsideration" not in {r.id for r in profile.rules}
    listed = CliRunner().invoke(main, ["rules", "list", "--rules", path])
    assert "rules/national.yaml → rules/profiles/township.yaml → " + path in listed.output


def test_a_copy_of_national_as_rules_does_not_undo_a_profile(tmp_path):
    copy = tmp_path / "national-copy.yaml"
    shutil.copy(rules_dir() / "national.yaml", copy)
    township = {r.id: r.severity for r in resolve("township").rules}
    with_copy = {r.id: r.severity for r in resolve("township", (str(copy),)).rules}
    assert with_copy == township


def test_check_names_the_real_chain(tmp_path):
    path = _file(tmp_path, {"extends": "township"})
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    run = CliRunner().invoke(main, ["check", "--no-config", "--rules", path, str(report)])
    assert "rules/profiles/township.yaml → " + path in run.output


def test_a_fault_inside_a_rule_names_the_rule_and_the_report(tmp_path, monkeypatch):
    def broken(options, ctx):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(kinds.get("forbid"), "check", broken)
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    run = CliRunner().invoke(main, ["check", "--no-config", str(report)])
    assert run.exit_code == 2
    line = run.output.strip().splitlines()[-1]
    forbid_rules = {r.id for r in resolve("township").rules if r.kind == "forbid"}
    named = line.split("规则 ", 1)[1].split(" ", 1)[0]
    assert str(report) in line and named in forbid_rules and "ZeroDivisionError" in line
    assert "请" in line and "无法读取文件" not in line


def test_a_fault_in_the_analysis_is_not_a_reading_error(tmp_path, monkeypatch):
    import validator.checker as checker

    def broken(document):
        raise KeyError("year")

    monkeypatch.setattr(checker, "Report", broken)
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    run = CliRunner().invoke(main, ["check", "--no-config", str(report)])
    assert run.exit_code == 2
    line = run.output.strip().splitlines()[-1]
    assert str(report) in line and "分析这份报告时出错" in line and "KeyError" in line
    assert "无法读取文件" not in line
