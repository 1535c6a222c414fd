"""Rules are data: every rule file validates, every rule is documented, every example holds."""

from __future__ import annotations

import shutil

import pytest
import yaml
from click.testing import CliRunner

from validator.cli import main
from validator.errors import InputError
from validator.examples import run_examples
from validator.ruleset import load_file, profile_files, resolve, rules_dir

CONTRACT_IDS = {
    "structure.title", "structure.measures", "structure.shortcomings", "structure.shortcomings.causes",
    "structure.first-responsibility", "structure.next-year-plan", "enforcement.publicity",
    "enforcement.full-recording", "enforcement.legal-review", "figures.percent-range",
    "figures.measures-without-data", "dates.report-year", "dates.plan-year",
    "dates.publication-deadline", "hygiene.placeholder",
}
PROFILES = list(profile_files())
NATIONAL = resolve("national")


def test_bundled_profiles():
    assert set(PROFILES) == {"national", "county-government", "department", "township"}


def test_contract_ids_are_all_in_the_national_set():
    assert CONTRACT_IDS <= {r.id for r in NATIONAL.rules}


@pytest.mark.parametrize("rule", NATIONAL.rules, ids=[r.id for r in NATIONAL.rules])
def test_rule_is_documented(rule):
    assert rule.title and rule.message and rule.basis and rule.fix
    assert any("\u4e00" <= ch <= "\u9fff" for ch in rule.title + rule.message + rule.fix)
    assert rule.examples.passing and rule.examples.failing


EXAMPLES = [(name, r) for name in PROFILES for r in run_examples(resolve(name))]


@pytest.mark.parametrize("name,result", EXAMPLES,
                         ids=[f"{n}:{r.rule}:{r.expect}{r.index}" for n, r in EXAMPLES])
def test_rule_example(name, result):
    assert result.ok, f"{result.rule} {result.expect} example {result.index}: {result.got}"


def test_every_message_is_produced_by_some_example():
    """Each rule's message and every ``messages:`` key is what some fail example shows."""
    import re

    shown: dict[str, list[str]] = {}
    for r in run_examples(NATIONAL):
        if r.expect == "fail":
            shown.setdefault(r.rule, []).extend(r.got)
    for rule in NATIONAL.rules:
        for key, template in [("message", rule.message), *rule.messages.items()]:
            parts = re.split(r"\{[a-z_0-9]+\}", template)
            rx = re.compile("^" + ".*?".join(re.escape(p) for p in parts) + "$", re.S)
            assert any(rx.match(m) for m in shown.get(rule.id, [])), f"{rule.id}: {key} never shown"


def test_no_placeholder_survives_in_what_examples_show():
    for r in run_examples(NATIONAL):
        for text in r.got + r.fixes:
            assert "{" not in text and "}" not in text, (r.rule, text)


def test_a_fail_example_states_its_findings_exactly(tmp_path):
    """A wrong line, a missing sub-check or one finding too many makes `rules test` fail."""
    rule = _national_rule("structure.measures")
    good = next(f for f in rule["examples"]["fail"] if any(":empty" in s for s in f["findings"]))
    for wrong in (["1:empty"] if good["findings"] != ["1:empty"] else ["2:empty"], ["2"], good["findings"] * 2):
        mine = {**rule, "id": "local.measures", "examples": {**rule["examples"], "fail": [{**good, "findings": wrong}]}}
        path = _write(tmp_path, {"rules": [mine]})
        run = CliRunner().invoke(main, ["rules", "test", path])
        assert run.exit_code == 1 and "应为" in run.output, (wrong, run.output)
    mine = {**rule, "id": "local.measures", "examples": {**rule["examples"], "fail": [good]}}
    run = CliRunner().invoke(main, ["rules", "test", _write(tmp_path, {"rules": [mine]})])
    assert run.exit_code == 0, run.output


def test_every_rule_fires_on_some_example():
    """A rule that no example makes fire is the worst bug (it loads, never fires, exits 0)."""
    fired = {r.rule for r in run_examples(NATIONAL) if r.expect == "fail" and r.ok}
    assert fired == {r.id for r in NATIONAL.rules}


def test_severities_follow_the_reviewers_practice():
    sev = {r.id: r.severity for r in NATIONAL.rules}
    for rid in ("structure.measures", "structure.shortcomings", "structure.first-responsibility",
                "structure.next-year-plan", "enforcement.publicity", "figures.percent-range",
                "hygiene.placeholder", "dates.plan-year", "dates.publication-deadline"):
        assert sev[rid] == "error", rid
    for rid in ("structure.title", "figures.measures-without-data", "hygiene.page-furniture", "dates.before-year-end"):
        assert sev[rid] == "warning", rid


def test_profiles_adjust_severity_and_disable():
    county = {r.id: r.severity for r in resolve("county-government").rules}
    township = {r.id: r.severity for r in resolve("township").rules}
    assert county["oversight.reconsideration"] == "warning"
    assert "oversight.reconsideration" not in township
    assert {r.id: r.severity for r in NATIONAL.rules}["oversight.reconsideration"] == "info"


@pytest.mark.parametrize("unit,profile", [
    ("南山街道办事处", "township"), ("石桥镇", "township"), ("石桥镇人民政府", "township"),
    ("临川市市场监督管理局", "department"), ("青溪区教育局", "department"), ("某市人民政府办公室", "department"),
    ("云岭县人民政府", "county-government"), ("青溪区人民政府", "county-government"),
    ("青河区", "county-government"), ("中共浚溪县委 浚溪县人民政府", "county-government"),
    (None, "national"), ("某某协会", "national"),
])
def test_profile_inference(unit, profile):
    from validator.ruleset import infer_profile

    name, reason = infer_profile(unit)
    assert name == profile
    assert reason


def _write(tmp_path, data) -> str:
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def _national_rule(rid: str) -> dict:
    data = load_file(rules_dir() / "national.yaml")
    return next(r for r in data["rules"] if r["id"] == rid)


def test_unknown_key_names_file_rule_and_key(tmp_path):
    rule = _national_rule("structure.title")
    rule["severty"] = "error"
    path = _write(tmp_path, {"rules": [rule]})
    with pytest.raises(InputError) as exc:
        load_file(path)
    assert exc.value.path == path
    assert "structure.title" in exc.value.problem and "severty" in exc.value.problem


def test_unknown_option_of_a_kind_is_an_error(tmp_path):
    rule = _national_rule("enforcement.publicity")
    rule["options"]["nearby"] = ["执法"]
    with pytest.raises(InputError) as exc:
        load_file(_write(tmp_path, {"rules": [rule]}))
    assert "nearby" in exc.value.problem and "enforcement.publicity" in exc.value.problem


def test_missing_examples_and_bad_regex_are_errors(tmp_path):
    rule = _national_rule("structure.title")
    del rule["examples"]
    with pytest.raises(InputError) as exc:
        load_file(_write(tmp_path, {"rules": [rule]}))
    assert "examples" in exc.value.problem
    rule = _national_rule("hygiene.placeholder")
    rule["options"]["patterns"] = ["(未闭合"]
    with pytest.raises(InputError) as exc:
        load_file(_write(tmp_path, {"rules": [rule]}))
    assert "正则" in exc.value.problem


def test_user_rules_add_override_and_disable(tmp_path, seed_path):
    mine = _national_rule("structure.title")
    mine["id"] = "local.contact"
    mine["title"] = "写明联系电话"
    mine["kind"] = "mention"
    mine.pop("messages")  # title sub-checks; a mention rule has none
    mine["message"] = "报告没有写监督电话"
    mine["options"] = {"patterns": ["监督电话"]}
    mine["examples"] = {"pass": ["一、举措\n公开监督电话。"], "fail": [{"text": "一、举措\n没有电话。", "findings": ["0"]}]}
    path = _write(tmp_path, {"severity": {"structure.title": "info"}, "disable": ["hygiene.page-furniture"],
                             "rules": [mine]})
    profile = resolve("township", (path,))
    ids = {r.id: r.severity for r in profile.rules}
    assert ids["local.contact"] == "warning" and ids["structure.title"] == "info"
    assert "hygiene.page-furniture" not in ids
    run = CliRunner().invoke(main, ["check", "-p", "township", "--rules", path, "-f", "json", str(seed_path)])
    assert run.exit_code == 0
    assert "local.contact" in run.output and "hygiene.page-furniture" not in run.output
    run = CliRunner().invoke(main, ["rules", "test", path])
    assert run.exit_code == 0 and "2 passed, 0 failed" in run.output


def test_cli_rules_commands():
    runner = CliRunner()
    listed = runner.invoke(main, ["rules", "list", "--profile", "township"])
    assert listed.exit_code == 0 and "enforcement.legal-review" in listed.output
    explained = runner.invoke(main, ["rules", "explain", "structure.shortcomings.causes"])
    assert explained.exit_code == 0
    assert "依据" in explained.output and "修改建议" in explained.output and "不符合的示例" in explained.output
    assert runner.invoke(main, ["rules", "explain", "no.such-rule"]).exit_code == 2
    validated = runner.invoke(main, ["rules", "validate", str(rules_dir() / "national.yaml")])
    assert validated.exit_code == 0 and "有效" in validated.output
    tested = runner.invoke(main, ["rules", "test"])
    assert tested.exit_code == 0 and " 0 failed" in tested.output


def test_rules_validate_reports_broken_file_in_one_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("rules:\n  - id: x.y\n    title: [\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["rules", "validate", str(path)])
    assert run.exit_code == 2
    assert len(run.output.strip().splitlines()) == 1 and str(path) in run.output and "YAML" in run.output


def test_rules_test_catches_a_rule_that_never_fires(tmp_path):
    rule = _national_rule("hygiene.placeholder")
    rule["options"]["patterns"] = ["不会出现的文字"]
    path = _write(tmp_path, {"rules": [rule]})
    run = CliRunner().invoke(main, ["rules", "test", path])
    assert run.exit_code == 1 and "没有报告问题" in run.output


def test_rules_ship_inside_the_wheel(tmp_path):
    """The YAML rule sets and schemas are package data, so an installed report-check finds them."""
    import subprocess
    import sys
    import zipfile

    if shutil.which("git") is None:
        pytest.skip("needs git")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(tmp_path), str(rules_dir().parent)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("report_check-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for must in ("validator/rules/national.yaml", "validator/rules/rule-file.schema.json",
                 "validator/rules/profiles/township.yaml", "validator/schemas/result.schema.json"):
        assert must in names


def test_option_overrides_are_validated_too(tmp_path):
    good = _write(tmp_path, {"options": {"dates.publication-deadline": {"month": 3, "day": 31}}})
    rules = {r.id: r for r in resolve("national", (good,)).rules}
    assert rules["dates.publication-deadline"].options["month"] == 3
    bad = tmp_path / "bad.yaml"
    bad.write_text("options:\n  dates.publication-deadline: {mnth: 3}\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        resolve("national", (str(bad),))
    assert "mnth" in exc.value.problem and "dates.publication-deadline" in exc.value.problem
