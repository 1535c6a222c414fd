"""The command line as a user meets it: outputs, exit codes, bad input in one line."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from validator.cli import main


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_outline_json_contract(seed_path):
    out = run("outline", str(seed_path), "--format", "json")
    assert out.exit_code == 0
    data = json.loads(out.output)
    assert list(data) == ["path", "format", "encoding", "title", "unit", "year", "signed", "published",
                          "sections", "figures"]
    assert data["format"] == "txt" and data["encoding"] == "utf-8"
    assert (data["year"], data["signed"], data["published"]) == (2023, "2023-12-12", "2023-12-15")
    assert [s["level"] for s in data["sections"]] == [1, 1, 1]
    assert list(data["sections"][0]["children"][0]) == ["heading", "level", "line", "role", "roles", "role_reasons",
                                                        "children"]
    assert [s["role"] for s in data["sections"]] == ["measures", "shortcomings", "plan"]
    fig = next(f for f in data["figures"] if f["text"] == "4.27万元")
    assert fig == {"text": "4.27万元", "value": 42700, "unit": "元", "qualifier": None, "line": fig["line"],
                   "section": "(二)强化法治意识,加大执法力度"}


def test_outline_text_shows_tree_and_counts(seed_path):
    out = run("outline", str(seed_path))
    assert out.exit_code == 0
    assert "报告年度：2023" in out.output and "报告单位：南山街道办事处" in out.output
    assert "  一、2023年法治政府建设工作情况  [第3行，数字" in out.output
    assert "    (一)加强组织领导,带头学法用法  [第4行" in out.output


def test_outline_reads_stdin(seed_text):
    out = run("outline", "-", "--format", "json", input=seed_text.encode("gb18030"))
    assert out.exit_code == 0
    data = json.loads(out.output)
    assert data["path"] == "<stdin>" and data["encoding"] == "gb18030" and data["year"] == 2023


def test_a_utf8_report_cut_in_the_middle_of_a_character_is_still_read(tmp_path, seed_text):
    """A copy cut short, or a byte damaged on the way, loses a character, not the whole report."""
    data = seed_text.encode("utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_bytes(data[:len(data) - 1])  # the last character loses its final byte
    out = run("outline", str(cut), "--format", "json")
    assert out.exit_code == 0, out.output
    got = json.loads(out.output)
    assert got["encoding"] == "utf-8" and got["year"] == 2023
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(seed_text.encode("gb18030")[:-1])  # a GBK file is not taken for damaged UTF-8
    out = run("outline", str(gbk), "--format", "json")
    assert json.loads(out.output)["encoding"] == "gb18030"


@pytest.mark.parametrize("name,content,problem", [
    ("empty.txt", b"", "文件为空"),
    ("blank.txt", b"  \n\n", "文件为空"),
    ("binary.txt", bytes(range(256)) * 8, "二进制"),
    ("report.xlsx", b"PK\x03\x04 not really", "不支持的文件类型"),
    ("noext", b"text", "不支持的文件类型"),
    ("broken.docx", b"PK\x03\x04 truncated", "Word"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj\n<<", "PDF"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    for command in ("outline", "check"):
        out = run(command, str(path))
        assert out.exit_code == 2, out.output
        lines = out.output.strip().splitlines()
        assert len(lines) == 1 and str(path) in lines[0] and problem in lines[0]
        assert "Traceback" not in out.output
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_missing_file_and_directory(tmp_path):
    out = run("outline", str(tmp_path / "nope.txt"))
    assert out.exit_code == 2 and "文件不存在" in out.output
    out = run("outline", str(tmp_path))
    assert out.exit_code == 2 and "目录" in out.output
    out = run("check", str(tmp_path))
    assert out.exit_code == 2 and "没有可检查的报告文件" in out.output


def test_check_exit_codes_follow_fail_on(seed_path, corpus):
    assert run("check", str(seed_path)).exit_code == 0
    assert run("check", "--fail-on", "warning", str(seed_path)).exit_code == 1
    assert run("check", "--fail-on", "never", str(corpus / "a07-shiqiao-town-2023-no-shortcomings-placeholder.txt")).exit_code == 0
    assert run("check", str(corpus / "a07-shiqiao-town-2023-no-shortcomings-placeholder.txt")).exit_code == 1


def test_check_usage_errors_exit_2(seed_path):
    assert run("check", "--profile", "province", str(seed_path)).exit_code == 2
    assert run("check", "--format", "yaml", str(seed_path)).exit_code == 2
    assert run("check", "-o", "nonsense", str(seed_path)).exit_code == 2
    assert run("check", "--fail-on", "fatal", str(seed_path)).exit_code == 2


def test_seed_passes_national_and_township_with_true_warnings(seed_path):
    for profile in ("national", "township"):
        out = run("check", "-p", profile, "-f", "json", str(seed_path))
        assert out.exit_code == 0, out.output
        doc = json.loads(out.output)["documents"][0]
        assert doc["status"] == "pass" and doc["counts"]["error"] == 0
        warned = {f["rule"] for f in doc["findings"] if f["severity"] == "warning"}
        # No title line; page header and QR-code residue; signed and published before the year ended.
        assert warned == {"structure.title", "hygiene.page-furniture", "dates.before-year-end"}


def test_inferred_profile_is_named_with_its_reason(seed_path):
    out = run("check", "--no-color", str(seed_path))
    assert "township" in out.output and "南山街道办事处" in out.output


def test_json_output_matches_schema_and_is_deterministic(seed_path, corpus):
    import jsonschema

    from validator.ruleset import rules_dir

    first = run("check", "-f", "json", str(seed_path), str(corpus / "a09-donghu-subdistrict-2024-enforcement-planyear.txt"))
    second = run("check", "-f", "json", str(seed_path), str(corpus / "a09-donghu-subdistrict-2024-enforcement-planyear.txt"))
    assert first.output == second.output and first.exit_code == 1
    schema = json.loads((rules_dir().parent / "validator" / "schemas" / "result.schema.json").read_text(encoding="utf-8"))
    data = json.loads(first.output)
    jsonschema.validate(data, schema)
    checklist = {c["rule"]: c for c in data["documents"][0]["checklist"]}
    assert checklist["enforcement.full-recording"]["status"] == "ok"
    assert checklist["enforcement.full-recording"]["evidence"]["line"] > 0
    findings = data["documents"][1]["findings"]
    assert [f["line"] or 0 for f in findings] == sorted(f["line"] or 0 for f in findings)


def test_several_outputs_in_one_run(tmp_path, seed_path):
    sarif, junit = tmp_path / "out.sarif", tmp_path / "out.xml"
    out = run("check", "--no-color", "-o", f"sarif:{sarif}", "-o", f"junit:{junit}", str(seed_path))
    assert out.exit_code == 0
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert junit.read_text(encoding="utf-8").startswith("<?xml")
    assert "结果：通过" in out.output


def test_checking_a_folder_checks_every_report(tmp_path, seed_text):
    (tmp_path / "a.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes(seed_text.encode("gb18030"))
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    (tmp_path / "README.md").write_text("# 说明\n这些是待检查的报告。\n", encoding="utf-8")
    out = run("check", "-f", "json", str(tmp_path))
    assert out.exit_code == 0
    assert [d["path"].rsplit("/", 1)[-1] for d in json.loads(out.output)["documents"]] == ["a.txt", "b.txt"]


def test_a_bad_file_among_good_ones_still_reports_the_good(tmp_path, seed_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    out = run("check", "-f", "json", str(seed_path), str(bad))
    assert out.exit_code == 2
    assert "bad.pdf" in out.output and '"documents"' in out.output


def test_text_reports_do_not_load_heavy_readers(seed_path):
    """Start-up stays light: python-docx, pdfplumber and BeautifulSoup load only for their formats."""
    import subprocess
    import sys

    code = (
        "import sys; from validator.checker import check_path; "
        f"check_path({str(seed_path)!r}); "
        "print(sorted(m for m in ('docx', 'pdfplumber', 'pdfminer', 'bs4', 'lxml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
