"""Positions in every output format, on files the tests build: a text file, a Markdown file, two
web pages, a Word file and a PDF.

A user opens the file at the place a finding names: the text file's line, the web page's source
line (where a code review pins it), the Word paragraph (python-docx ``paragraphs[N-1]``), the PDF
page (``pdftotext -f N -l N``). A 第N段/第N页 is no line of a Word or PDF file, so SARIF and Code
Quality use line 1, GitHub annotates the file, JSON has line null; each names the position.
"""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from variants import docx_to_pdf, to_html
from validator.cli import main

TITLE = "青石镇人民政府2024年法治政府建设年度报告"
PLANTED = "矛盾纠纷XX件"
CELL_PLANTED = "XX人次"
BODY = [
    "2024年，青石镇人民政府在县委、县政府领导下，围绕法治政府建设目标，扎实推进依法行政各项工作，现将有关情况报告如下。",
    "一、2024年推进法治政府建设的主要举措和成效",
    "（一）加强组织领导。镇党委把法治建设纳入全年重点工作，召开专题会议4次，研究解决执法队伍建设等问题。",
    "（二）规范行政执法。全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，全年办理执法案件56件。",
    f"（三）化解矛盾纠纷。镇村两级调委会全年受理{PLANTED}，调解成功率97.5%，未发生因调解不当引发的案件。",
    "（四）深化普法宣传。落实“谁执法谁普法”责任制，开展法治讲座12场，发放宣传资料3600余份。",
    "二、党政主要负责人履行推进法治建设第一责任人职责情况",
    "镇党委书记、镇长带头学法，主持召开法治建设专题会议，对重点工作亲自部署、亲自协调。",
    "三、存在的不足和原因",
    "执法人员专业力量不足，部分村级调解员业务能力有待提高，原因是培训覆盖面不够。",
    "四、2025年推进法治政府建设的主要安排",
    "2025年，我镇将加强执法队伍培训，完善村级法律顾问制度，推动法治建设各项任务落地见效。",
    "青石镇人民政府",
    "2025年3月10日",
]


def outputs(path, tmp_path) -> dict:
    """Every format of one check, written with -o, plus the text output."""
    files = {name: tmp_path / f"out.{name}" for name in ("sarif", "junit", "codeclimate", "github", "json")}
    args = ["check", "--no-config", "-f", "text", str(path)] + [arg for name, f in files.items()
                                                                for arg in ("-o", f"{name}:{f}")]
    out = CliRunner().invoke(main, args)
    assert out.exit_code == 1, out.output
    return {name: f.read_text(encoding="utf-8") for name, f in files.items()} | {"text": out.stdout}


def planted(out: dict, token: str = PLANTED) -> dict:
    """The JSON finding of the placeholder planted in ``token``."""
    doc = json.loads(out["json"])["documents"][0]
    return next(f for f in doc["findings"] if f["rule"] == "hygiene.placeholder" and token in f["excerpt"])


def assert_every_format(out: dict, finding: dict, file_line: int | None) -> None:
    """SARIF, GitHub, Code Quality, JUnit and the text output agree with the JSON position; a
    Word, PDF or web position is named in each message too (a text line is the region itself)."""
    where = finding["position"]["label"]
    named = finding["source"] is not None  # 第N段/第N页/表格: a position the region cannot say
    assert finding["source"] in (where, None) and finding["line"] == file_line
    assert f"{where}  错误  hygiene.placeholder" in out["text"]

    results = json.loads(out["sarif"])["runs"][0]["results"]
    hit = next(r for r in results if r["ruleId"] == "hygiene.placeholder"
               and r["properties"]["excerpt"] == finding["excerpt"])
    assert hit["locations"][0]["physicalLocation"]["region"] == {"startLine": file_line or 1}
    assert hit["properties"]["position"] == finding["position"] and hit["properties"]["where"] == where
    assert hit["message"]["text"].startswith(where) == named

    annotations = [line for line in out["github"].splitlines() if "title=hygiene.placeholder::" in line]
    if file_line:
        annotation = next(a for a in annotations if f",line={file_line},title=hygiene.placeholder::" in a)
        assert annotation.split("::", 2)[2].startswith(where) == named
    else:  # on the file, the position in the message
        assert any(",line=" not in a and a.split("::", 2)[2].startswith(where) for a in annotations)

    issues = [i for i in json.loads(out["codeclimate"]) if i["check_name"] == "hygiene.placeholder"
              and i["location"]["lines"] == {"begin": file_line or 1}]
    assert any(i["description"].startswith(where) == named for i in issues)

    junit = ET.fromstring(out["junit"])
    case = next(c for c in junit.iter("testcase") if c.get("name").startswith("hygiene.placeholder"))
    assert f"{where} [错误]" in case.find("failure").text


def portal_page() -> str:
    """A county portal page written by a CMS: the report title repeated in <title> and in a
    breadcrumb link, paragraphs whose text starts on the line after <p>, entities, a data table."""
    # As Word's "save as web page" does, the placeholder's paragraph is wrapped in the source:
    # the finding is on the line where the placeholder stands, not where the paragraph starts.
    wrapped = [line.replace("调委会", "调委会\n") for line in BODY]
    paragraphs = [f"<p style=\"text-indent:2em\">\n  &nbsp;&nbsp;<span>{line}</span>\n</p>" for line in wrapped]
    paragraphs.insert(3, f"""<table border="1">
<tr><td>项目</td><td>数量</td></tr>
<tr><td>法治培训</td><td>{CELL_PLANTED}</td></tr>
</table>""")
    rows = "\n".join(paragraphs)
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{TITLE}_青石镇人民政府</title>
<script>var title = "{TITLE}";</script>
</head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/xxgk/">信息公开</a></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/fzzf/">{TITLE}</a></div>
<div class="article">
<h1 class="title">{TITLE}</h1>
<div class="info">发布时间：2025-03-12 来源：青石镇人民政府</div>
<div class="content">
{rows}
</div>
</div>
<div class="footer">青石镇人民政府 主办</div>
</body>
</html>
"""


@pytest.mark.parametrize("layout", ["portal", "variants"])
def test_web_page_findings_carry_the_source_line(tmp_path, layout):
    page = tmp_path / "qingshi.html"
    text = portal_page() if layout == "portal" else to_html(BODY, title=TITLE, source="青石镇人民政府")
    page.write_text(text, encoding="utf-8")
    out = outputs(page, tmp_path)
    source = page.read_text(encoding="utf-8").splitlines()
    finding = planted(out)
    line = finding["line"]
    assert line is not None and PLANTED in source[line - 1]
    assert finding["position"]["kind"] == "paragraph" and finding["position"]["file_line"] == line
    assert_every_format(out, finding, line)

    if layout == "portal":
        cell = planted(out, CELL_PLANTED)
        assert cell["position"] == {"kind": "cell", "number": 1, "row": 2, "sub": 2,
                                         "file_line": cell["line"], "label": "表格1 第2行"}
        assert CELL_PLANTED in source[cell["line"] - 1]
        title = next(b for b in json.loads(out["json"])["documents"][0]["checklist"]
                     if b["rule"] == "structure.title")["evidence"]
        assert source[title["line"] - 1].startswith("<h1")  # not the <title>, not the breadcrumb


def word_file(path):
    """A Word file with empty paragraphs and a table before the planted placeholder, so its
    paragraph number is not its count of non-empty paragraphs nor of blocks."""
    import docx

    doc = docx.Document()
    doc.add_paragraph(TITLE, style="Title")
    doc.add_paragraph("")
    table = doc.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "项目", (0, 1): "数量", (1, 0): "法治培训", (1, 1): CELL_PLANTED}.items():
        table.cell(r, c).text = text
    for text in BODY:
        if text == BODY[4]:
            doc.add_paragraph("")
            doc.add_page_break()
        doc.add_paragraph(text)
    doc.save(path)
    return path


def test_word_file_findings_name_the_python_docx_paragraph(tmp_path):
    import docx

    path = word_file(tmp_path / "qingshi.docx")
    out = outputs(path, tmp_path)
    finding = planted(out)
    number = finding["position"]["number"]
    assert finding["position"]["kind"] == "paragraph" and finding["position"]["file_line"] is None
    assert PLANTED in docx.Document(str(path)).paragraphs[number - 1].text
    assert finding["source"] == f"第{number}段"
    assert_every_format(out, finding, None)

    cell = planted(out, CELL_PLANTED)
    assert cell["position"] == {"kind": "cell", "number": 1, "row": 2, "sub": 2, "file_line": None,
                                "label": "表格1 第2行"}
    assert cell["line"] is None


@pytest.mark.slow
def test_pdf_findings_name_the_page(tmp_path):
    pdf = docx_to_pdf(word_file(tmp_path / "qingshi.docx"), tmp_path)
    out = outputs(pdf, tmp_path)
    finding = planted(out)
    page = finding["position"]["number"]
    assert finding["position"]["kind"] == "page" and page == 2 and finding["position"]["sub"] >= 1

    def page_text(n: int) -> str:
        done = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                              capture_output=True, text=True, check=True)
        return "".join(done.stdout.split())

    assert PLANTED in page_text(page) and PLANTED not in page_text(1)
    assert_every_format(out, finding, None)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_text_files_keep_true_lines(tmp_path, suffix):
    heading = "# " if suffix == ".md" else ""
    lines = [heading + TITLE, ""] + [x for text in BODY for x in (text, "")]
    path = tmp_path / f"qingshi{suffix}"
    path.write_text("\n".join(lines), encoding="utf-8")
    out = outputs(path, tmp_path)
    finding = planted(out)
    line = finding["line"]
    assert PLANTED in path.read_text(encoding="utf-8").splitlines()[line - 1]
    assert finding["position"] == {"kind": "line", "number": line, "row": None, "sub": None,
                                   "file_line": line, "label": f"第{line}行"}
    assert_every_format(out, finding, line)
