"""Word reader: what a reviewer sees in Word is what the blocks say, in the same order."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from validator.errors import InputError
from validator.normalize import normalize
from validator.readers import read_bytes, read_path

from .conftest import TITLE
from variants import heading_depth


def test_heading_styles_give_levels_and_title(styled_docx, seed_lines):
    doc = read_path(str(styled_docx))
    assert doc.format == "docx"
    first = doc.blocks[0]
    assert first.text == TITLE and first.is_title and first.style_level is None
    body = doc.blocks[1:]
    assert [b.norm for b in body] == [normalize(ln) for ln in seed_lines]
    for block, line in zip(body, seed_lines):
        assert block.style_level == heading_depth(line), line
        assert not block.is_title
    assert [b.line for b in doc.blocks] == list(range(1, len(doc.blocks) + 1))
    assert [b.source for b in doc.blocks[:3]] == ["第1段", "第2段", "第3段"]


def test_document_without_styles_still_gives_every_paragraph(plain_docx, seed_lines):
    doc = read_path(str(plain_docx))
    assert [b.text for b in doc.blocks] == seed_lines
    assert all(b.style_level is None and not b.is_title for b in doc.blocks)
    assert all(b.kind == "paragraph" and not b.furniture for b in doc.blocks)


def test_core_properties_title_is_page_title(tmp_path):
    d = docx.Document()
    d.core_properties.title = "南山街道2023年法治政府建设年度报告"
    d.add_paragraph("正文。")
    path = tmp_path / "titled.docx"
    d.save(path)
    assert read_path(str(path)).page_title == "南山街道2023年法治政府建设年度报告"


def test_tables_are_read_in_body_order_as_cells(tmp_path):
    d = docx.Document()
    d.add_paragraph("一、主要数据")
    table = d.add_table(rows=3, cols=3)
    rows = [["指标", "2022年", "2023年"], ["行政复议案件", "12", "15"], ["合计", "", ""]]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    merged = table.cell(2, 1).merge(table.cell(2, 2))
    merged.text = "27"
    d.add_paragraph("二、存在的不足")
    path = tmp_path / "table.docx"
    d.save(path)

    blocks = read_path(str(path)).blocks
    assert [b.text for b in blocks] == ["一、主要数据", "指标", "2022年", "2023年", "行政复议案件", "12", "15",
                                        "合计", "27", "二、存在的不足"]
    cells = [b for b in blocks if b.kind == "table-cell"]
    assert len(cells) == 8
    assert cells[0].source == "表格1 第1行" and cells[4].source == "表格1 第2行" and cells[-1].source == "表格1 第3行"
    assert blocks[0].source == "第1段" and blocks[-1].source == "第2段"
    assert [b.line for b in blocks] == list(range(1, 11))


_NUMBERING = """
<w:abstractNum {ns} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
"""
_BULLETS = """
<w:abstractNum {ns} w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/></w:lvl>
</w:abstractNum>
"""


def _add_numbering(d) -> None:
    """Chinese multilevel list (一、 / （一） / 1.) as numId 90 and a bullet list as numId 91."""
    numbering = d.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for xml in (_NUMBERING, _BULLETS):
        abstract = parse_xml(xml.format(ns=nsdecls("w")))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
    for num_id, abstract_id in (("90", "90"), ("91", "91")):
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))


def _numbered(d, text: str, num_id: str, ilvl: int, style: str | None = None):
    para = d.add_paragraph(text, style=style)
    ppr = para._p.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return para


def test_automatic_numbering_is_rendered(tmp_path):
    d = docx.Document()
    _add_numbering(d)
    _numbered(d, "2023年法治政府建设工作情况", "90", 0, style="Heading 1")
    _numbered(d, "加强组织领导", "90", 1, style="Heading 2")
    d.add_paragraph("一是严格落实第一责任人职责。")
    _numbered(d, "强化法治意识", "90", 1, style="Heading 2")
    _numbered(d, "开展普法宣传", "90", 2)
    _numbered(d, "加大执法力度", "90", 2)
    _numbered(d, "存在不足和原因", "90", 0, style="Heading 1")
    _numbered(d, "执法人员水平尚需提高", "90", 1)
    _numbered(d, "重点事项一", "91", 0)
    path = tmp_path / "numbered.docx"
    d.save(path)

    blocks = read_path(str(path)).blocks
    assert [b.text for b in blocks] == [
        "一、2023年法治政府建设工作情况",
        "（一）加强组织领导",
        "一是严格落实第一责任人职责。",
        "（二）强化法治意识",
        "1. 开展普法宣传",
        "2. 加大执法力度",
        "二、存在不足和原因",
        "（一）执法人员水平尚需提高",  # a new part restarts the sub-list
        "重点事项一",  # bullets add no number
    ]
    assert [b.style_level for b in blocks[:2]] == [1, 2]


def test_numbering_attached_to_a_heading_style(tmp_path):
    """Chinese templates often number Heading 1 through the style itself, not the paragraph."""
    d = docx.Document()
    _add_numbering(d)
    style_ppr = d.styles["Heading 1"].element.get_or_add_pPr()
    style_ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="90"/></w:numPr>'))
    d.add_paragraph("工作情况", style="Heading 1")
    d.add_paragraph("正文。")
    d.add_paragraph("存在不足", style="Heading 1")
    path = tmp_path / "style-numbered.docx"
    d.save(path)
    assert [b.text for b in read_path(str(path)).blocks] == ["一、工作情况", "正文。", "二、存在不足"]


def test_outline_levels_and_chinese_style_names(tmp_path):
    d = docx.Document()
    cn = d.styles.add_style("标题 1", WD_STYLE_TYPE.PARAGRAPH)
    cn.base_style = d.styles["Normal"]
    based = d.styles.add_style("报告二级标题", WD_STYLE_TYPE.PARAGRAPH)
    based.base_style = d.styles["Heading 2"]
    d.add_paragraph("一、工作情况", style="标题 1")
    d.add_paragraph("（一）加强组织领导", style="报告二级标题")
    p = d.add_paragraph("1.建立制度")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="2"/>'))
    body = d.add_paragraph("正文")
    body._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="9"/>'))
    path = tmp_path / "levels.docx"
    d.save(path)
    assert [b.style_level for b in read_path(str(path)).blocks] == [1, 2, 3, None]


def test_line_breaks_smart_tags_and_hidden_text(tmp_path):
    d = docx.Document()
    para = d.add_paragraph("一、工作情况")
    para.runs[0].add_break()
    para.add_run("街道全面履行第一责任人职责。")
    hidden = para.add_run("（隐藏批注）")
    hidden.font.hidden = True
    signed = d.add_paragraph()
    signed._p.append(parse_xml(
        f'<w:smartTag {nsdecls("w")} w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">'
        "<w:r><w:t>2023年12月12日</w:t></w:r></w:smartTag>"))
    path = tmp_path / "breaks.docx"
    d.save(path)
    blocks = read_path(str(path)).blocks
    assert [(b.text, b.source) for b in blocks] == [
        ("一、工作情况", "第1段"),
        ("街道全面履行第一责任人职责。", "第1段"),
        ("2023年12月12日", "第2段"),
    ]


def _docx_bytes(lines: list[str]) -> bytes:
    d = docx.Document()
    for ln in lines:
        d.add_paragraph(ln)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda: b"this is not a word file at all", "Word 文件已损坏或不完整"),
        (lambda: _docx_bytes(["正文。"] * 50)[:3000], "Word 文件已损坏或不完整"),
        (lambda: _zip({"xl/workbook.xml": "<workbook/>", "[Content_Types].xml": "<Types/>"}), "word/document.xml"),
        (lambda: _zip({"word/document.xml": "<w:document><w:body><w:p>"}), "Word 文件已损坏或不完整"),
        (lambda: _docx_bytes([]), "文件没有文字内容"),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc"),
    ],
    ids=["not-zip", "truncated", "zip-without-document", "broken-xml", "no-text", "old-doc"],
)
def test_broken_files_are_input_errors(make, expected):
    with pytest.raises(InputError) as err:
        read_bytes(make(), "报告.docx", ".docx")
    assert expected in err.value.problem
    assert str(err.value).startswith("报告.docx: ")


def _zip(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return buf.getvalue()


def test_empty_file_is_input_error(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    with pytest.raises(InputError):
        read_path(str(path))


def test_reading_does_not_modify_the_file(styled_docx: Path):
    before = (styled_docx.read_bytes(), os.stat(styled_docx).st_mtime_ns)
    read_path(str(styled_docx))
    assert (styled_docx.read_bytes(), os.stat(styled_docx).st_mtime_ns) == before
