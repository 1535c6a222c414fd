"""Positions in every machine format for a web page, a Word file and a PDF the tests build.

A 第N段/第N页 is no line of those files, so the formats must not present it as one: SARIF and
Code Quality use line 1, GitHub annotates the file, JSON has line null; each names the position.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from shared_paths import ROOT
from variants import docx_to_pdf, to_docx, to_html
from validator.cli import main

REPORT = ROOT / "reports" / "defective" / "qiaonan-subdistrict-2024.md"


def report_lines() -> list[str]:
    return [ln.lstrip("# ").strip() for ln in REPORT.read_text(encoding="utf-8").splitlines() if ln.strip()]


def outputs(path, tmp_path) -> dict:
    files = {name: tmp_path / f"out.{name}" for name in ("sarif", "junit", "codeclimate", "github", "json")}
    args = ["check", "--no-config", "-f", "text", str(path)] + [arg for name, f in files.items()
                                                                for arg in ("-o", f"{name}:{f}")]
    out = CliRunner().invoke(main, args)
    assert out.exit_code == 1, out.output
    return {name: f.read_text(encoding="utf-8") for name, f in files.items()} | {"text": out.stdout}


def assert_positions(out: dict, unit: str) -> None:
    """The placeholder "XX" finding, in every format, at the file's start with its 第N段/页."""
    doc = json.loads(out["json"])["documents"][0]
    placeholder = next(f for f in doc["findings"] if f["excerpt"] and "XX" in f["excerpt"])
    where = placeholder["source"]
    assert where and where.startswith("第") and where.endswith(unit) and placeholder["line"] is None
    assert f"{where}  错误  hygiene.placeholder" in out["text"]

    sarif = json.loads(out["sarif"])["runs"][0]["results"]
    hit = next(r for r in sarif if r["properties"].get("source") == where and r["ruleId"] == "hygiene.placeholder")
    assert hit["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert hit["message"]["text"].startswith(where)

    annotation = next(line for line in out["github"].splitlines()
                      if "hygiene.placeholder" in line and where in line)
    assert ",line=" not in annotation

    issue = next(i for i in json.loads(out["codeclimate"]) if i["description"].startswith(where))
    assert issue["location"]["lines"] == {"begin": 1}

    junit = ET.fromstring(out["junit"])
    case = next(c for c in junit.iter("testcase") if c.get("name").startswith("hygiene.placeholder"))
    assert f"{where} [错误]" in case.find("failure").text


def test_web_page(tmp_path):
    lines = report_lines()
    page = tmp_path / "qiaonan.html"
    page.write_text(to_html(lines[1:], title=lines[0], source="桥南街道办事处"), encoding="utf-8")
    out = outputs(page, tmp_path)
    doc = json.loads(out["json"])["documents"][0]
    placeholder = next(f for f in doc["findings"] if f["excerpt"] and "XX" in f["excerpt"])
    if placeholder["source"]:
        assert_positions(out, "段")
    else:  # a reader that gives the page source's own line: it must be the line of the text
        assert "XX" in page.read_text(encoding="utf-8").splitlines()[placeholder["line"] - 1]


def test_word_file(tmp_path):
    lines = report_lines()
    assert_positions(outputs(to_docx(lines, tmp_path / "qiaonan.docx", True, title=lines[0]), tmp_path), "段")


@pytest.mark.slow
def test_pdf(tmp_path):
    lines = report_lines()
    pdf = docx_to_pdf(to_docx(lines, tmp_path / "qiaonan.docx", True, title=lines[0]), tmp_path)
    assert_positions(outputs(pdf, tmp_path), "页")


def test_text_file_keeps_true_lines(tmp_path):
    out = outputs(REPORT, tmp_path)
    doc = json.loads(out["json"])["documents"][0]
    placeholder = next(f for f in doc["findings"] if f["excerpt"] and "XX" in f["excerpt"])
    line = placeholder["line"]
    assert "XX" in REPORT.read_text(encoding="utf-8").splitlines()[line - 1]
    assert f",line={line},title=hygiene.placeholder::" in out["github"]
