"""SARIF: valid against the official 2.1.0 schema and free of GitHub ingestion errors, with rule
metadata that does not depend on the reports checked and a region for every result."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from click.testing import CliRunner

import validator
from sarif_rules import problems
from shared_paths import CORPUS, ROOT, SHARED, require
from validator.cli import main
from validator.formatters import render
from validator.results import Finding, Result, Run, Unreadable

EXAMPLES = ROOT / "reports"


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(require(SHARED / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def at_repo_root(monkeypatch):
    """Paths resolve against the repository the job runs in, not a CI variable of this machine."""
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
    monkeypatch.chdir(ROOT)


def sarif(results) -> dict:
    return json.loads(render("sarif", results))


def cli_sarif(*args) -> dict:
    out = CliRunner().invoke(main, ["check", "--no-config", "-f", "sarif", *args])
    assert out.exit_code in (0, 1, 2), out.output
    return json.loads(out.stdout)


def test_validates_against_official_schema(schema, passing, failing):
    # The schema declares draft-04 and uses no keyword where draft 7 differs: check both.
    for cls in (jsonschema.Draft7Validator, jsonschema.Draft4Validator):
        cls(schema).validate(sarif([passing, failing]))
        cls(schema).validate(sarif([]))
        cls(schema).validate(sarif(Run([failing], unreadable=[Unreadable("x/坏.pdf", "PDF 文件已损坏")])))
        accepted = Result(**{**vars(failing), "baselined": [(failing.findings[0], "已发布")]})
        cls(schema).validate(sarif([accepted]))


def test_baselined_findings_are_suppressed_results(failing):
    accepted = Result(**{**vars(failing), "findings": failing.findings[1:],
                         "baselined": [(failing.findings[0], "2023年报告已发布")]})
    results = sarif([accepted])["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert len(results) == 4 and len(suppressed) == 1
    assert suppressed[0]["suppressions"] == [{"kind": "external", "status": "accepted",
                                              "justification": "2023年报告已发布"}]


def test_no_github_ingestion_problems(passing, failing):
    assert problems(sarif([passing, failing])) == []
    piped = Result(**{**vars(failing), "path": "<stdin>"})
    assert problems(sarif([piped])) == []


def test_rule_metadata_is_the_same_whichever_reports_are_checked():
    a = cli_sarif(str(EXAMPLES / "defective" / "qiaonan-subdistrict-2024.md"))
    b = cli_sarif(str(EXAMPLES / "compliant" / "songxi-county-2024.txt"),
                  str(EXAMPLES / "defective" / "qiaonan-subdistrict-2024.md"))
    rules_a, rules_b = (log["runs"][0]["tool"]["driver"]["rules"] for log in (a, b))
    assert rules_a == rules_b
    text = json.dumps(rules_a, ensure_ascii=False)
    assert "桥南" not in text and "松溪" not in text and "2024年" not in text
    assert "{year}" not in text and "{unit}" not in text


def test_descriptors_carry_descriptions_help_level_and_tags():
    log = cli_sarif(str(EXAMPLES / "defective" / "qiaonan-subdistrict-2024.md"))
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    title = rules["structure.title"]
    assert title["shortDescription"]["text"] == "标题行"
    assert title["fullDescription"]["text"].startswith("报告没有标题行")
    assert "依据：" in title["help"]["text"] and "修改建议：" in title["help"]["text"]
    assert "**修改建议**" in title["help"]["markdown"] and "本单位20××年" in title["help"]["markdown"]
    assert title["properties"]["tags"] == ["structure"]
    assert "structure.title.year" in rules  # sub-findings have descriptors of their own
    # Without --profile every profile's level is listed, the national one is the default.
    counsel = rules["decision.legal-counsel"]
    assert counsel["defaultConfiguration"]["level"] == "note"
    assert counsel["properties"]["profiles"]["township"] == "warning"


def test_default_level_follows_the_forced_profile():
    report = str(EXAMPLES / "defective" / "qiaonan-subdistrict-2024.md")
    for profile, expected in (("township", "warning"), ("national", "note")):
        rules = {r["id"]: r for r in cli_sarif("-p", profile, report)["runs"][0]["tool"]["driver"]["rules"]}
        assert rules["decision.legal-counsel"]["defaultConfiguration"]["level"] == expected


def test_every_result_has_a_region_true_lines_only_for_text(failing):
    results = sarif([failing])["runs"][0]["results"]
    got = {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["properties"].get("source")) for r in results}
    assert got == {("structure.shortcomings", 1, None), ("data.figures", 40, None),
                   ("data.figures", 1, "第3页"), ("style.punctuation", 30, None)}
    paged = next(r for r in results if r["properties"].get("source"))
    assert paged["message"]["text"].startswith("第3页：百分比超过100%")
    assert paged["level"] == "warning"


def test_positions_in_web_page_and_word_file(tmp_path):
    from variants import to_docx, to_html

    lines = [ln.lstrip("# ").strip() for ln in
             (EXAMPLES / "defective" / "qiaonan-subdistrict-2024.md").read_text(encoding="utf-8").splitlines()
             if ln.strip()]
    page = tmp_path / "qiaonan.html"
    page.write_text(to_html(lines[1:], title=lines[0], source="桥南街道办事处"), encoding="utf-8")
    word = to_docx(lines, tmp_path / "qiaonan.docx", True, title=lines[0])
    log = cli_sarif(str(page), str(word))
    placeholders = [r for r in log["runs"][0]["results"] if r["ruleId"] == "hygiene.placeholder"]
    assert {unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).rsplit("/", 1)[-1]
            for r in placeholders} == {"qiaonan.html", "qiaonan.docx"}
    page_lines = page.read_text(encoding="utf-8").splitlines()
    for r in placeholders:
        region = r["locations"][0]["physicalLocation"]["region"]
        source = r["properties"]["source"]
        assert source.startswith("第") and r["message"]["text"].startswith(source)
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(".html"):
            # the page source's true line, where the placeholder stands
            assert all(part in page_lines[region["startLine"] - 1]
                       for part in r["properties"]["excerpt"].split("…") if part)
            assert r["properties"]["position"]["file_line"] == region["startLine"]
        else:  # 第N段 is no line of a Word file: line 1, the position in the message
            assert region == {"startLine": 1}
            assert r["properties"]["position"]["kind"] == "paragraph"
    assert problems(log) == []


def test_uris_relative_to_the_repository_or_file_urls(tmp_path, failing):
    log = sarif([failing])
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact["uriBaseId"] == "SRCROOT" and artifact["uri"].isascii()
    assert unquote(artifact["uri"]) == "reports/乙县2023年.docx"
    base = log["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"]
    assert base == ROOT.as_uri() + "/"
    outside = Result(**{**vars(failing), "path": str(tmp_path / "外部.docx")})
    artifact = sarif([outside])["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": (tmp_path / "外部.docx").as_uri()}


def test_stdin_results_have_a_location(failing):
    piped = Result(**{**vars(failing), "path": "<stdin>"})
    for res in sarif([piped])["runs"][0]["results"]:
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "stdin"
        assert res["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1


def test_unreadable_file_is_a_tool_execution_notification(failing):
    run = sarif(Run([failing], unreadable=[Unreadable("reports/坏.pdf", "PDF 文件已损坏")]))["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    note = invocation["toolExecutionNotifications"][0]
    assert note["level"] == "error" and "PDF 文件已损坏" in note["message"]["text"]
    assert unquote(note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) == "reports/坏.pdf"
    assert run["automationDetails"]["id"] == "report-check/"
    assert sarif([failing])["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_fingerprints_ignore_line_drift_and_tell_duplicates_apart(failing):
    moved = Result(**{**vars(failing), "findings": [
        Finding(**{**vars(f), "line": f.line + 5 if f.line else 0}) for f in failing.findings]})
    prints = lambda r: sorted(x["partialFingerprints"]["primaryLocationLineHash"]
                              for x in sarif([r])["runs"][0]["results"])
    assert prints(moved) == prints(failing)
    twice = Result(**{**vars(failing), "findings": failing.findings + [failing.findings[-1]]})
    assert len(set(prints(twice))) == len(twice.findings)


def test_deterministic(passing, failing):
    assert render("sarif", [passing, failing]) == render("sarif", [passing, failing])
    assert sarif([passing])["runs"][0]["tool"]["driver"]["version"] == validator.__version__


MULTITOOL = os.environ.get("SARIF_MULTITOOL") or shutil.which("sarif-multitool") or ""


@pytest.mark.skipif(not MULTITOOL, reason="set SARIF_MULTITOOL to the Sarif.Multitool binary "
                    "(npm install @microsoft/sarif-multitool) to run Microsoft's validator")
def test_multitool_with_github_rules_reports_no_error(tmp_path):
    """The real consumer check: Microsoft's SARIF multitool with GitHub's rules, over a folder of
    mixed reports (text, Markdown, web page, Word, a broken PDF and an old .doc)."""
    folder = tmp_path / "reports"
    shutil.copytree(EXAMPLES / "compliant", folder / "compliant")
    shutil.copytree(EXAMPLES / "defective", folder / "defective")
    (folder / "broken.pdf").write_bytes(b"not a pdf")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    if CORPUS.exists():
        shutil.copy(CORPUS / "a07-shiqiao-town-2023-no-shortcomings-placeholder.txt", folder)
    log_path, out = tmp_path / "r.sarif", tmp_path / "v.sarif"
    log_path.write_text(render("sarif", _run_of(folder)), encoding="utf-8")
    subprocess.run([MULTITOOL, "validate", "--rule-kind", "Sarif;Gh", "--log", "ForceOverwrite",
                    "-o", str(out), str(log_path)], capture_output=True, text=True, timeout=300)
    findings = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]
    errors = [(r["ruleId"], r["message"]) for r in findings if r.get("level", "warning") == "error"]
    assert errors == []


def _run_of(folder: Path) -> Run:
    from validator.catalogue import build
    from validator.checker import check_paths, expand_all

    found = expand_all([str(folder)])
    results, unreadable = check_paths(found.files, lambda p: None)
    return Run(results, found.skipped + unreadable, rules=build())
