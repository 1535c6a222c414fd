"""Build the Word copy of the compliant example report from its plain-text source.

    python reports/build_docx.py                      # writes reports/compliant/songxi-county-2024.docx
    python reports/build_docx.py -o /tmp/out.docx     # somewhere else
    python reports/build_docx.py SRC.txt -o OUT.docx  # another report in the same layout

The text file is the source of truth; the .docx is generated from it and committed. Layout
rules, read off the text:
  - the first line is the title ("Title" style);
  - "一、…" lines are part headings ("Heading 1"), standalone "（一）…" lines are sub-part
    headings ("Heading 2");
  - a line "表1　…" is a table caption, and the tab-separated lines after it are a Word table
    (first row is the header);
  - the last two lines (unit and date) are the right-aligned sign-off;
  - every other line is a body paragraph with a two-character first-line indent.

The output is deterministic: fixed core properties (dates, author, revision) and fixed
timestamps on the package members, so rebuilding an unchanged .txt gives the same file.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

HERE = Path(__file__).resolve().parent
DEFAULT_SRC = HERE / "compliant" / "songxi-county-2024.txt"
FIXED = datetime(2025, 3, 6, 9, 0, 0)  # the report's signing date
ZIP_TIME = (2025, 3, 6, 9, 0, 0)

PART = re.compile(r"^[一二三四五六七八九十]{1,3}、")
SUB_PART = re.compile(r"^（[一二三四五六七八九十]{1,3}）[^。；]{1,60}$")
CAPTION = re.compile(r"^表\d+")

BLACK = RGBColor(0, 0, 0)


def _fonts(style_or_run, latin: str, east_asia: str) -> None:
    """Set both the Latin and the East Asian font; Word uses w:eastAsia for Chinese text."""
    font = style_or_run.font
    font.name = latin
    rpr = style_or_run.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), east_asia if attr == "w:eastAsia" else latin)
    # Theme fonts would override the explicit ones in the built-in heading styles.
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]


def _setup_styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    _fonts(normal, "Times New Roman", "仿宋")
    normal.font.size = Pt(16)
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)

    spec = {
        "Title": ("Times New Roman", "方正小标宋简体", 22, WD_ALIGN_PARAGRAPH.CENTER),
        "Heading 1": ("Times New Roman", "黑体", 16, None),
        "Heading 2": ("Times New Roman", "楷体", 16, None),
    }
    for name, (latin, east, size, align) in spec.items():
        st = styles[name]
        _fonts(st, latin, east)
        st.font.size = Pt(size)
        st.font.bold = False
        st.font.italic = False
        st.font.color.rgb = BLACK
        pf = st.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing = Pt(28)
        if align is not None:
            pf.alignment = align
        else:
            pf.first_line_indent = Pt(32)
    # The built-in Title style draws a rule under the title; a report title has none.
    ppr = styles["Title"].element.pPr
    if ppr is not None:
        for bdr in ppr.findall(qn("w:pBdr")):
            ppr.remove(bdr)


def _body(doc, text: str) -> None:
    p = doc.add_paragraph(text)
    p.paragraph_format.first_line_indent = Pt(32)


def _table(doc, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, row in enumerate(rows):
        for j in range(width):
            cell = table.cell(i, j)
            para = cell.paragraphs[0]
            para.alignment = WD_ALIGN_PARAGRAPH.LEFT if j == 0 else WD_ALIGN_PARAGRAPH.CENTER
            run = para.add_run(row[j] if j < len(row) else "")
            run.font.size = Pt(12)
            if i == 0:
                run.bold = True


def build(src: Path) -> "Document":
    lines = [ln.rstrip() for ln in src.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln.strip()]
    if len(lines) < 4:
        raise SystemExit(f"{src}: too short to be a report")
    title, body, signoff = lines[0], lines[1:-2], lines[-2:]

    doc = Document()
    _setup_styles(doc)
    doc.add_paragraph(title, style="Title")

    i = 0
    while i < len(body):
        line = body[i].strip()
        if "\t" in body[i]:
            rows = []
            while i < len(body) and "\t" in body[i]:
                rows.append([c.strip() for c in body[i].split("\t")])
                i += 1
            _table(doc, rows)
            continue
        if PART.match(line):
            doc.add_paragraph(line, style="Heading 1")
        elif SUB_PART.match(line):
            doc.add_paragraph(line, style="Heading 2")
        elif CAPTION.match(line):
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(line)
            run.bold = True
            run.font.size = Pt(14)
        else:
            _body(doc, line)
        i += 1

    doc.add_paragraph()
    for line in signoff:
        p = doc.add_paragraph(line.strip())
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    cp = doc.core_properties
    cp.title = title
    cp.author = signoff[0].strip()
    cp.last_modified_by = signoff[0].strip()
    cp.subject = "法治政府建设年度报告"
    cp.keywords = "法治政府建设;年度报告"
    cp.comments = "report-check example report; generated by reports/build_docx.py"
    cp.category = ""
    cp.revision = 1
    cp.created = FIXED
    cp.modified = FIXED
    cp.last_printed = FIXED
    return doc


def _stable_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed member timestamps and order, so the bytes are reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            zout.writestr(member, zin.read(info.filename))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build the .docx copy of an example report from its .txt source.")
    ap.add_argument("src", nargs="?", type=Path, default=DEFAULT_SRC, help="source .txt (default: %(default)s)")
    ap.add_argument("-o", "--output", type=Path, help="output .docx (default: the source with .docx)")
    args = ap.parse_args(argv)
    dest = args.output or args.src.with_suffix(".docx")
    buf = io.BytesIO()
    build(args.src).save(buf)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(_stable_zip(buf.getvalue()))
    print(dest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
