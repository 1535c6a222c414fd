"""The example reports shipped in reports/: the compliant one passes in both formats, the
defective one fails with exactly the defects it was written to show, and the Word copy is
what reports/build_docx.py makes from the text."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from validator.cli import main

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"
COMPLIANT_TXT = REPORTS / "compliant" / "songxi-county-2024.txt"
COMPLIANT_DOCX = REPORTS / "compliant" / "songxi-county-2024.docx"
DEFECTIVE_MD = REPORTS / "defective" / "qiaonan-subdistrict-2024.md"
DEFECTIVE_HTML = REPORTS / "defective" / "qiaonan-subdistrict-2024.html"

TOP_PARTS = {
    "structure.measures",
    "structure.shortcomings",
    "structure.first-responsibility",
    "structure.next-year-plan",
    "structure.other-matters",
}
DEFECTS = [
    "structure.shortcomings.causes",
    "dates.plan-year",
    "hygiene.placeholder",
    "figures.percent-range",
    "enforcement.legal-review",
    "dates.publication-deadline",
]
NOT_DEFECTS = [
    "enforcement.publicity",
    "enforcement.full-recording",
    "structure.first-responsibility",
    "structure.measures",
    "structure.next-year-plan",
]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def check_json(path: Path) -> tuple[int, dict]:
    result = run("check", str(path), "--format", "json")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    data = json.loads(result.stdout)
    assert len(data["documents"]) == 1
    return result.exit_code, data["documents"][0]


def outline_json(path: Path) -> dict:
    result = run("outline", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def headings(sections: list[dict]) -> list:
    """The outline as (heading, level, children), without line numbers (they differ by format)."""
    return [(s["heading"], s["level"], headings(s["children"])) for s in sections]


def reported(doc: dict) -> set[str]:
    """Rule ids reported as an error or a warning."""
    return {f["rule"] for f in doc["findings"] if f["severity"] in ("error", "warning")}


def matches(rule: str, wanted: str) -> bool:
    return rule == wanted or rule.startswith(wanted + ".")


def present_parts(doc: dict) -> set[str]:
    return {c["rule"] for c in doc["checklist"] if c["rule"] in TOP_PARTS and c["status"] == "ok"}


# --- the compliant report ------------------------------------------------------------------


@pytest.fixture(scope="module")
def compliant():
    return {fmt: check_json(path) for fmt, path in (("txt", COMPLIANT_TXT), ("docx", COMPLIANT_DOCX))}


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_compliant_passes_without_errors(compliant, fmt):
    code, doc = compliant[fmt]
    assert code == 0
    assert doc["status"] == "pass"
    assert doc["counts"]["error"] == 0
    assert not [f for f in doc["findings"] if f["severity"] == "error"]
    assert doc["title"] == "淞溪县人民政府2024年法治政府建设年度报告"
    assert doc["unit"] == "淞溪县人民政府"
    assert doc["year"] == 2024
    assert doc["profile"] == "county-government"
    assert present_parts(doc) == TOP_PARTS


def test_compliant_txt_and_docx_agree(compliant):
    (_, txt), (_, dx) = compliant["txt"], compliant["docx"]
    for key in ("title", "unit", "year", "profile", "counts"):
        assert txt[key] == dx[key], key
    assert present_parts(txt) == present_parts(dx)
    assert {c["rule"]: c["status"] for c in txt["checklist"]} == {c["rule"]: c["status"] for c in dx["checklist"]}


def test_compliant_outlines_agree():
    txt, dx = outline_json(COMPLIANT_TXT), outline_json(COMPLIANT_DOCX)
    assert dx["format"] == "docx"
    for key in ("title", "unit", "year", "signed"):
        assert txt[key] == dx[key], key
    assert txt["signed"] == "2025-03-06"
    assert headings(txt["sections"]) == headings(dx["sections"])
    top = [s["heading"] for s in txt["sections"]]
    assert top == [
        "一、2024年推进法治政府建设的主要举措和成效",
        "二、存在的不足和原因",
        "三、党政主要负责人履行推进法治建设第一责任人职责情况",
        "四、2025年推进法治政府建设的主要安排",
        "五、其他需要报告的情况",
    ]
    assert len(txt["sections"][0]["children"]) == 6


def test_docx_uses_word_structure():
    document = docx.Document(str(COMPLIANT_DOCX))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]
    assert styles[0] == ("Title", "淞溪县人民政府2024年法治政府建设年度报告")
    h1 = [t for s, t in styles if s == "Heading 1"]
    h2 = [t for s, t in styles if s == "Heading 2"]
    assert [t[:2] for t in h1] == ["一、", "二、", "三、", "四、", "五、"]
    assert [t[:3] for t in h2] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    assert len(document.tables) == 1
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["项目", "2024年", "2023年"]
    assert ["纠错率", "13.0%", "10.8%"] in [[c.text for c in row.cells] for row in table.rows]


def _docx_texts(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return texts


def test_build_docx_reproduces_committed_file(tmp_path):
    out = tmp_path / "rebuilt.docx"
    proc = subprocess.run(
        [sys.executable, str(REPORTS / "build_docx.py"), "-o", str(out)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    committed = COMPLIANT_DOCX.read_bytes()
    rebuilt = out.read_bytes()
    assert _docx_texts(rebuilt) == _docx_texts(committed), "reports/build_docx.py: the .docx is out of date with the .txt"
    with zipfile.ZipFile(io.BytesIO(rebuilt)) as z:
        core = z.read("docProps/core.xml").decode("utf-8")
    assert "2025-03-06T09:00:00Z" in core


def test_build_html_reproduces_committed_file(tmp_path):
    out = tmp_path / "page.html"
    proc = subprocess.run(
        [sys.executable, str(REPORTS / "build_html.py"), "-o", str(out)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8") == DEFECTIVE_HTML.read_text(encoding="utf-8"), (
        "reports/build_html.py: the .html is out of date with the .md"
    )


# --- the defective report ------------------------------------------------------------------


@pytest.fixture(scope="module")
def defective():
    return {fmt: check_json(path) for fmt, path in (("md", DEFECTIVE_MD), ("html", DEFECTIVE_HTML))}


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_defective_fails(defective, fmt):
    code, doc = defective[fmt]
    assert code == 1
    assert doc["status"] == "fail"
    assert doc["title"] == "桥南街道办事处2024年法治政府建设年度报告"
    assert doc["unit"] == "桥南街道办事处"
    assert doc["year"] == 2024


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("rule", DEFECTS)
def test_defective_reports_each_defect(defective, fmt, rule):
    _, doc = defective[fmt]
    assert any(matches(r, rule) for r in reported(doc)), sorted(reported(doc))


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("rule", NOT_DEFECTS)
def test_defective_does_not_report_what_is_there(defective, fmt, rule):
    _, doc = defective[fmt]
    assert not any(matches(r, rule) for r in reported(doc)), sorted(reported(doc))


def test_defective_findings_point_at_the_text(defective):
    _, doc = defective["md"]
    by_rule: dict[str, list[dict]] = {}
    for f in doc["findings"]:
        by_rule.setdefault(f["rule"], []).append(f)
    assert any("XX" in f["message"] for f in by_rule["hygiene.placeholder"])
    assert any("【待补充】" in f["message"] for f in by_rule["hygiene.placeholder"])
    assert any("103%" in f["message"] for f in by_rule["figures.percent-range"])
    assert any("2024" in f["message"] and "2025" in f["message"] for f in by_rule["dates.plan-year"])
    assert any("2025-04-15" in f["message"] for f in by_rule["dates.publication-deadline"])


def test_defective_html_also_reports_late_publication(defective):
    _, doc = defective["html"]
    messages = [f["message"] for f in doc["findings"] if f["rule"] == "dates.publication-deadline"]
    assert any("2025-04-16" in m for m in messages), messages
    assert any("2025-04-15" in m for m in messages), messages
