"""Build format variants of one report text, so tests can feed the same report through every reader.

A report is given as its lines (title, headings, paragraphs). Heading detection here is a pair of
regexes: this is test support, not the product's outline logic.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

_PART = re.compile(r"^[一二三四五六七八九十]+、")
_SECTION = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")

CJK_FONT = "WenQuanYi Zen Hei"


def heading_depth(line: str) -> int | None:
    """1 for "一、" lines, 2 for "（一）"/"(一)" lines, None for body text."""
    if _PART.match(line):
        return 1
    if _SECTION.match(line):
        return 2
    return None


def to_markdown(lines: list[str], title: str | None = None) -> str:
    """Markdown with ``#`` title, ``##`` for 一、 and ``###`` for （一） headings."""
    out = []
    if title:
        out += [f"# {title}", ""]
    for line in lines:
        depth = heading_depth(line)
        out += [("#" * (depth + 1) + " " + line) if depth else line, ""]
    return "\n".join(out)


def to_html(
    lines: list[str],
    title: str = "南山街道2023年法治政府建设年度报告",
    published: str = "2023-12-15",
    source: str = "南山街道办事处",
    *,
    meta: bool = True,
    charset: str = "utf-8",
    heading_tags: bool = False,
) -> str:
    """A government article page: navigation, breadcrumb, header line, toolbar, article, footer.

    ``meta`` adds the TRS-style <meta name="PubDate">; without it the date is only in the
    "发布时间" line. ``heading_tags`` renders 一、/（一） lines as <h2>/<h3> instead of the bold
    paragraphs most government sites use.
    """
    esc = html.escape
    body = []
    for line in lines:
        depth = heading_depth(line)
        if depth and heading_tags:
            body.append(f"<h{depth + 1}>{esc(line)}</h{depth + 1}>")
        elif depth:
            body.append(f'<p style="text-indent:2em"><strong>{esc(line)}</strong></p>')
        else:
            body.append(f'<p style="text-indent:2em">&nbsp;&nbsp;{esc(line)}</p>')
    metas = (
        f'<meta name="PubDate" content="{published} 10:30">\n'
        f'<meta name="ContentSource" content="{esc(source)}">\n'
        f'<meta name="ArticleTitle" content="{esc(title)}">\n'
        if meta
        else ""
    )
    related = "".join(
        f'<li><a href="/gkmlpt/content/{i}.html">南山区{name}2023年法治政府建设年度报告</a></li>'
        for i, name in enumerate(["蛇口街道", "招商街道", "粤海街道", "沙河街道", "西丽街道", "桃源街道"])
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{esc(title)}_深圳市南山区人民政府门户网站</title>
{metas}<style>.nav a {{ color: #fff; }} body {{ font-family: "SimSun"; }}</style>
<script src="/js/jquery.min.js"></script>
</head>
<body>
<div class="top-bar">今天是：2023年12月15日 星期五 <a href="#">无障碍</a> <a href="#">简体</a>|<a href="#">繁体</a></div>
<div class="nav" id="nav">
  <ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li>
  <li><a href="/zwfw/">政务服务</a></li><li><a href="/zjns/">走进南山</a></li></ul>
</div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>
<div class="main-wrap">
  <div class="article">
    <h1 class="article-title">{esc(title)}</h1>
    <div class="article-info">发布时间：{esc(published)} 来源：{esc(source)}</div>
    <div class="article-tool">字号：[<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>] <a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
    <div class="TRS_Editor">
{chr(10).join(body)}
    </div>
    <div class="ewm"><img src="/qr.png" alt="">扫一扫在手机打开当前页</div>
  </div>
  <div class="sidebar"><h3>相关文章</h3><ul>{related}</ul></div>
</div>
<div class="footer">
  <p>版权所有：深圳市南山区人民政府 主办单位：深圳市南山区人民政府办公室</p>
  <p>粤ICP备05001234号 网站标识码：4403050001</p>
</div>
<script>var _hmt = _hmt || []; document.write("统计代码 第一责任人");</script>
</body>
</html>
"""


def _east_asian(style, font: str = CJK_FONT) -> None:
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), font)
    for attr in ("w:eastAsiaTheme", "w:asciiTheme", "w:hAnsiTheme"):
        fonts.attrib.pop(qn(attr), None)


def to_docx(
    lines: list[str],
    path: str | Path,
    heading_styles: bool,
    *,
    title: str | None = None,
    indent: bool = False,
    justify: bool = False,
    running_header: str | None = None,
    page_numbers: bool = False,
) -> Path:
    """A Word file of the report; headings get Heading 1/2 (and the title Title) when asked.

    ``indent`` gives body paragraphs the two-character first-line indent of Chinese documents,
    ``justify`` aligns them on both edges (两端对齐); ``running_header`` repeats a line at the top of
    every page and ``page_numbers`` puts "- N -" at the bottom, as printed reports do.
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = docx.Document()
    section = doc.sections[0]
    if running_header:
        section.header.paragraphs[0].text = running_header
    if page_numbers:
        para = section.footer.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run("- ")
        field = para._p.makeelement(qn("w:fldSimple"), {qn("w:instr"): "PAGE"})
        run = field.makeelement(qn("w:r"), {})
        text = run.makeelement(qn("w:t"), {})
        text.text = "1"
        run.append(text)
        field.append(run)
        para._p.append(field)
        para.add_run(" -")
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        _east_asian(doc.styles[name])
    doc.styles["Normal"].font.size = Pt(12)
    if title:
        doc.add_paragraph(title, style="Title" if heading_styles else None)
    for line in lines:
        depth = heading_depth(line)
        style = f"Heading {depth}" if depth and heading_styles else None
        para = doc.add_paragraph(line, style=style)
        if indent and not depth:
            para.paragraph_format.first_line_indent = Pt(24)
        if justify:
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    path = Path(path)
    doc.save(path)
    return path


def to_official_docx(
    lines: list[str],
    path: str | Path,
    title: str,
    *,
    signature: int = 2,
    table: list[list[str]] | None = None,
) -> Path:
    """A Word file laid out like an official document (公文): a centred 22 pt title, 16 pt body
    with a two-character indent, justified, and the last ``signature`` lines (unit, date) set
    flush right; ``table`` rows follow as a Word table."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = docx.Document()
    _east_asian(doc.styles["Normal"])
    doc.styles["Normal"].font.size = Pt(16)
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.add_run(title).font.size = Pt(22)
    split = len(lines) - signature
    for i, line in enumerate(lines):
        para = doc.add_paragraph(line)
        if i < split:
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            para.paragraph_format.first_line_indent = Pt(32)
        else:
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if table:
        grid = doc.add_table(rows=len(table), cols=max(len(r) for r in table))
        grid.style = doc.styles["Table Grid"]
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    path = Path(path)
    doc.save(path)
    return path


def require_tool(command: str, packages: str) -> None:
    """Skip a test whose external tool is missing on a developer's machine; fail under CI.

    .ci/run installs every such tool, so a skip there would hide a broken install.
    """
    if shutil.which(command) is not None:
        return
    import os

    import pytest

    if os.environ.get("CI"):
        raise RuntimeError(f"{command} is required under CI: .ci/run installs it (apt-get install {packages})")
    pytest.skip(f"{command} is not installed: apt-get install {packages}")


def docx_to_pdf(docx_path: str | Path, out_dir: str | Path) -> Path:
    """Convert with LibreOffice, using a private profile so parallel runs do not clash.

    Without LibreOffice the PDF tests are skipped on a developer's machine; under CI (CI set) they
    fail, since .ci/run installs it and a skip there would hide a broken install.
    """
    require_tool("soffice", "libreoffice-writer-nogui fonts-wqy-zenhei")
    docx_path, out_dir = Path(docx_path), Path(out_dir)
    profile = Path(tempfile.gettempdir()) / f"lo-profile-{uuid.uuid4().hex}"
    try:
        proc = subprocess.run(
            [
                "soffice",
                "--headless",
                "--norestore",
                f"-env:UserInstallation={profile.as_uri()}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(docx_path),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = out_dir / (docx_path.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"soffice did not produce {pdf}: {proc.stdout}\n{proc.stderr}")
    return pdf


def to_gb18030(text: str) -> bytes:
    return text.encode("gb18030")


_FULLWIDTH = {c: chr(c + 0xFEE0) for c in range(0x21, 0x7F) if not chr(c).isalpha()}


def to_fullwidth(text: str) -> str:
    """ASCII punctuation and digits in full-width form ("(1)" → "（１）"); letters stay."""
    return text.translate(_FULLWIDTH)
