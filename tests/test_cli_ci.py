"""report-check in CI as a team sets it up: config file, baseline, folders, consoles, output files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from shared_paths import ROOT
from validator.cli import main

DEFECTIVE = ROOT / "reports" / "defective" / "qiaonan-subdistrict-2024.md"
COMPLIANT = ROOT / "reports" / "compliant" / "songxi-county-2024.txt"


def run(*args, charset: str = "utf-8", input=None):
    return CliRunner(charset=charset).invoke(main, list(args), input=input)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A temporary repository with reports in two folders."""
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    (tmp_path / ".git").mkdir()
    (tmp_path / "towns").mkdir()
    (tmp_path / "departments" / "2024").mkdir(parents=True)
    shutil.copy(COMPLIANT, tmp_path / "towns" / "songxi.txt")
    shutil.copy(DEFECTIVE, tmp_path / "departments" / "2024" / "qiaonan.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def documents(out) -> list[dict]:
    return json.loads(out.stdout)["documents"]


def test_config_from_a_subfolder_changes_profile_and_fail_on(repo, monkeypatch):
    monkeypatch.chdir(repo / "departments" / "2024")
    before = run("check", "-f", "json", "qiaonan.md")
    assert before.exit_code == 1 and documents(before)[0]["profile"] == "township"  # inferred
    (repo / ".report-check.yaml").write_text(
        "fail-on: never\nprofiles:\n  'departments/**': department\n", encoding="utf-8")
    after = run("check", "-f", "json", "qiaonan.md")
    assert after.exit_code == 0, after.output
    assert documents(after)[0]["profile"] == "department"
    assert "departments/**" in run("check", "--no-color", "qiaonan.md").stdout  # the reason names the glob
    # The command line wins over the file.
    forced = run("check", "-f", "json", "--fail-on", "error", "-p", "national", "qiaonan.md")
    assert forced.exit_code == 1 and documents(forced)[0]["profile"] == "national"
    shown = run("check", "--show-config", "--fail-on", "info")
    assert shown.exit_code == 0
    assert "命令行 --fail-on" in shown.stdout
    assert "departments/** → department" in shown.stdout and str(repo / ".report-check.yaml") in shown.stdout


def test_pyproject_section_and_include_exclude(repo):
    (repo / "pyproject.toml").write_text(
        '[tool.report-check]\ninclude = ["**/*.md", "**/*.txt"]\nexclude = ["towns/**"]\n', encoding="utf-8")
    out = run("check", "-f", "json")
    assert [Path(d["path"]).name for d in documents(out)] == ["qiaonan.md"]


def test_bad_config_is_one_line_and_exit_2(repo):
    (repo / ".report-check.yaml").write_text("fail-on: sometimes\nprofle: x\n", encoding="utf-8")
    out = run("check", "towns")
    assert out.exit_code == 2 and "profle" in out.output and len(out.output.strip().splitlines()) == 1


def test_init_writes_a_starter_that_loads(repo):
    out = run("init")
    assert out.exit_code == 0 and (repo / ".report-check.yaml").exists()
    assert run("check", "--show-config").exit_code == 0
    assert run("init").exit_code == 2  # never overwrites


def test_baseline_passes_until_a_new_finding_appears(repo):
    report = repo / "departments" / "2024" / "qiaonan.md"
    assert run("check", str(report)).exit_code == 1
    made = run("baseline", str(report), "--output", "baseline.yaml", "--reason", "2024年报告已发布，2025年改正")
    assert made.exit_code == 0, made.output
    assert "2025年改正" in (repo / "baseline.yaml").read_text(encoding="utf-8")
    out = run("check", "--baseline", "baseline.yaml", "-f", "json", str(report))
    assert out.exit_code == 0, out.output
    doc = documents(out)[0]
    assert doc["findings"] == [] and doc["baselined"] and doc["status"] == "pass"
    # A new problem, and one old problem fixed: the new one fails, the fixed one is listed.
    text = report.read_text(encoding="utf-8")
    text = text.replace("受理矛盾纠纷XX件", "受理矛盾纠纷35件").replace("全年开展市容环境", "全年开展××市容环境")
    report.write_text(text, encoding="utf-8")
    out = run("check", "--baseline", "baseline.yaml", "-f", "json", str(report))
    assert out.exit_code == 1
    new = documents(out)[0]["findings"]
    assert [f["rule"] for f in new] == ["hygiene.placeholder"] and "××" in new[0]["excerpt"]
    stale = json.loads(out.stdout)["stale_baseline"]
    assert [e["rule"] for e in stale] == ["hygiene.placeholder"]
    assert "基线条目已不再出现" in out.stderr


def test_folder_walk_skips_tool_folders_and_lists_old_formats(repo):
    for junk in (".git/x.txt", ".venv/lib/a.txt", "towns/~$songxi.docx", "towns/._songxi.txt",
                 "node_modules/p/readme.md"):
        (repo / junk).parent.mkdir(parents=True, exist_ok=True)
        (repo / junk).write_text("x", encoding="utf-8")
    (repo / "towns" / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (repo / "towns" / "draft.wps").write_bytes(b"\xd0\xcf\x11\xe0")
    out = run("check", "-f", "json", ".")
    docs = documents(out)
    assert out.exit_code == 1  # the defective report fails; skipped files are not errors
    assert sorted(Path(d["path"]).name for d in docs if "status" in d and d["status"] != "skipped") == [
        "qiaonan.md", "songxi.txt"]
    skipped = [d for d in docs if d.get("status") == "skipped"]
    assert sorted(Path(d["path"]).name for d in skipped) == ["draft.wps", "old.doc"]
    assert all("另存为 .docx" in d["error"] for d in skipped)
    assert "old.doc" in out.stderr


def test_unreadable_file_is_in_json_and_junit_and_exit_2(repo):
    (repo / "towns" / "broken.pdf").write_bytes(b"not a pdf")
    out = run("check", "-f", "json", "-o", "junit:out.xml", "towns")
    assert out.exit_code == 2
    bad = [d for d in documents(out) if d.get("status") == "error"]
    assert [Path(d["path"]).name for d in bad] == ["broken.pdf"] and "PDF" in bad[0]["error"]
    assert "<error" in (repo / "out.xml").read_text(encoding="utf-8")
    only_bad = run("check", "-f", "sarif", "towns/broken.pdf")
    notes = json.loads(only_bad.stdout)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert only_bad.exit_code == 2 and len(notes) == 1


@pytest.mark.parametrize("charset", ["gbk", "cp1252"])
def test_narrow_console_encodings_never_crash(repo, charset):
    out = run("check", "--no-color", "departments", charset=charset)
    assert out.exit_code == 1 and isinstance(out.exception, SystemExit)  # findings, not a crash
    assert "Traceback" not in out.output
    raw = out.stdout_bytes
    raw.decode(charset)  # every byte is the console's own encoding
    assert "✓".encode("utf-8") not in raw
    if charset == "gbk":
        assert "√" in out.stdout and "结果：不通过" in out.stdout
    else:
        assert "+ structure" in out.stdout
    machine = run("check", "-f", "json", "departments", charset=charset)
    json.loads(machine.stdout_bytes.decode("utf-8"))  # machine formats are UTF-8 whatever the console
    for args in (["outline", str(DEFECTIVE)], ["rules", "list"], ["rules", "explain", "hygiene.placeholder"]):
        other = run(*args, charset=charset)
        assert other.exit_code == 0, (args, other.exception)


def test_output_files_are_written_atomically(repo, monkeypatch):
    target = repo / "out.sarif"
    target.write_text("old", encoding="utf-8")
    import validator.output as output

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", broken)
    out = run("check", "-o", f"sarif:{target}", "towns")
    assert out.exit_code == 2 and "无法写入输出文件" in out.output
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in repo.iterdir() if p.name.startswith(".report-check-")] == []


def test_github_format_appends_a_step_summary(repo, monkeypatch):
    summary = repo / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = run("check", "-f", "github", "departments")
    assert out.exit_code == 1
    assert out.stdout.startswith("::")
    text = summary.read_text(encoding="utf-8")
    assert "### ❌ 不通过：`departments/2024/qiaonan.md`" in text and "hygiene.placeholder" in text


def test_baselined_rules_are_marked_in_the_text_checklist(repo):
    report = "departments/2024/qiaonan.md"
    assert run("baseline", report, "-o", "b.yaml", "--reason", "已发布").exit_code == 0
    out = run("check", "--no-color", "--baseline", "b.yaml", report)
    assert out.exit_code == 0
    line = next(l for l in out.stdout.splitlines() if "hygiene.placeholder" in l and "没有模板占位符" in l)
    assert line.strip().startswith("–") and line.endswith("已列入基线")
    assert "理由：已发布" in out.stdout and "结果：通过" in out.stdout


def test_explicit_file_wins_over_exclude_and_no_input_is_a_usage_error(repo):
    (repo / ".report-check.yaml").write_text("exclude: ['departments/**']\n", encoding="utf-8")
    assert [Path(d["path"]).name for d in documents(run("check", "-f", "json", "."))] == ["songxi.txt"]
    named = run("check", "-f", "json", "departments/2024/qiaonan.md")
    assert [Path(d["path"]).name for d in documents(named)] == ["qiaonan.md"]
    empty = run("check")
    assert empty.exit_code == 2 and "include" in empty.output
