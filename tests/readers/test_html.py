"""Web page reader: the report article comes out; the site around it does not."""

from __future__ import annotations

import codecs
import os

import pytest

from validator.errors import InputError
from validator.normalize import normalize
from validator.readers import read_bytes, read_path

from .conftest import TITLE
from variants import heading_depth, to_gb18030, to_html

SITE_CHROME = ["首页", "政务公开", "当前位置", "版权所有", "ICP备", "统计代码", "蛇口街道", "相关文章", "今天是",
               "字号", "打印本页", "关闭窗口", "扫一扫"]


def read_html(page: str | bytes, name: str = "report.html"):
    data = page.encode("utf-8") if isinstance(page, str) else page
    return read_bytes(data, name, ".html")


def test_article_is_kept_and_site_chrome_dropped(seed_lines):
    doc = read_html(to_html(seed_lines, title=TITLE))
    content = doc.content
    assert content[0].text == TITLE and content[0].is_title
    assert [b.norm for b in content[1:]] == [normalize(ln) for ln in seed_lines]
    for block in content:
        for chrome in SITE_CHROME:
            assert chrome not in block.text, (chrome, block.text)
    assert [b.line for b in doc.blocks] == list(range(1, len(doc.blocks) + 1))
    assert doc.blocks[1].source == "第2段"


def test_page_title_and_published_from_meta_and_from_header_line(seed_lines):
    with_meta = read_html(to_html(seed_lines, title=TITLE, published="2023-12-15"))
    assert with_meta.page_title == f"{TITLE}_深圳市南山区人民政府门户网站"
    assert with_meta.published == "2023-12-15"
    header_only = read_html(to_html(seed_lines, title=TITLE, published="2023-12-18", meta=False))
    assert header_only.published == "2023-12-18"


def test_heading_tags_give_style_levels(seed_lines):
    doc = read_html(to_html(seed_lines, title=TITLE, heading_tags=True))
    body = doc.content[1:]
    for block, line in zip(body, seed_lines):
        depth = heading_depth(line)
        assert block.style_level == (depth + 1 if depth else None), line


def test_gb18030_page_declared_as_gb2312(seed_lines):
    page = to_html(seed_lines, title=TITLE, charset="gb2312")
    doc = read_html(to_gb18030(page))
    assert doc.encoding == "gb18030"
    assert doc.page_title.startswith(TITLE)
    assert [b.norm for b in doc.content[1:]] == [normalize(ln) for ln in seed_lines]


def test_utf8_page_that_still_declares_gb2312(seed_lines):
    doc = read_html(to_html(seed_lines, title=TITLE, charset="gb2312").encode("utf-8"))
    assert doc.encoding == "utf-8"
    assert [b.norm for b in doc.content[1:]] == [normalize(ln) for ln in seed_lines]


def test_gb18030_page_without_declaration_and_utf8_bom(seed_lines):
    page = to_html(seed_lines, title=TITLE).replace('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', "")
    assert "charset" not in page
    undeclared = read_html(to_gb18030(page))
    assert [b.norm for b in undeclared.content[1:]] == [normalize(ln) for ln in seed_lines]
    bom = read_html(codecs.BOM_UTF8 + page.encode("utf-8"))
    assert [b.norm for b in bom.content[1:]] == [normalize(ln) for ln in seed_lines]


def test_scraped_header_and_qr_lines_inside_article_are_furniture(seed_raw_lines):
    """The seed was scraped with its "时间…来源…" and "扫一扫…" lines inside the article."""
    paragraphs = "\n".join(f"<div>{ln}</div>" if i in (0, len(seed_raw_lines) - 1) else f"<p>{ln}</p>"
                           for i, ln in enumerate(seed_raw_lines))
    page = f"<html><head><title>南山街道办事处</title></head><body><div id='content'>{paragraphs}</div></body></html>"
    doc = read_html(page)
    assert doc.blocks[0].furniture and doc.blocks[-1].furniture
    assert doc.published == "2023-12-15"
    assert [b.text for b in doc.content] == seed_raw_lines[1:-1]


def test_inline_markup_and_source_line_breaks_do_not_split_words():
    page = """<html><body><div class="TRS_Editor">
    <p>街道党政主要负责人全面履行法治建设第一<span style="font-family:仿宋">责任人</span>职责，
    对法治工作亲自部署、重大问题亲自过问。</p>
    <p>严格落实党政主要负责人履行推进法治建设第一
    责任人职责，层层压实责任。<br>二是带头学法用法，发挥表率带动作用。</p>
    </div></body></html>"""
    texts = [b.text for b in read_html(page).content]
    assert texts == [
        "街道党政主要负责人全面履行法治建设第一责任人职责，对法治工作亲自部署、重大问题亲自过问。",
        "严格落实党政主要负责人履行推进法治建设第一责任人职责，层层压实责任。",
        "二是带头学法用法，发挥表率带动作用。",
    ]


def test_data_table_cells_and_layout_tables():
    page = """<html><body><div class="article-content">
    <p>一、主要数据如下，全年办理行政复议案件情况见下表，各项指标均较上年有所提升。</p>
    <table><tr><td>指标</td><td>2023年</td></tr><tr><td>行政复议案件</td><td>15件</td></tr></table>
    <table><tr><td><p>二、存在的不足。部分执法人员法治意识仍需提高，执法规范化水平有待加强。</p></td></tr></table>
    </div></body></html>"""
    blocks = read_html(page).blocks
    assert [(b.text, b.kind, b.source) for b in blocks] == [
        ("一、主要数据如下，全年办理行政复议案件情况见下表，各项指标均较上年有所提升。", "paragraph", "第1段"),
        ("指标", "table-cell", "表格1 第1行"),
        ("2023年", "table-cell", "表格1 第1行"),
        ("行政复议案件", "table-cell", "表格1 第2行"),
        ("15件", "table-cell", "表格1 第2行"),
        ("二、存在的不足。部分执法人员法治意识仍需提高，执法规范化水平有待加强。", "paragraph", "第2段"),
    ]


def test_old_table_layout_site(seed_raw_lines):
    """Sites from the 2000s: everything in tables inside an ASP.NET form, text split by <br>,
    the title a bold cell, no class names to go by."""
    header, body, qr = seed_raw_lines[0], seed_raw_lines[1:-1], seed_raw_lines[-1]
    text = "<br>\n".join("&nbsp;&nbsp;&nbsp;&nbsp;" + ln for ln in body)
    page = f"""<html><head><meta charset="gb2312"><title>{TITLE}</title></head><body>
<form id="form1" method="post" action="./show.aspx">
<table width="1000"><tr><td><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/bsfw">办事服务</a></td></tr>
<tr><td>您现在的位置：<a href="/">首页</a> &gt; <a>政务公开</a> &gt; 法治政府</td></tr>
<tr><td><table><tr><td width="200"><a href="1">机构概况</a><br><a href="2">政策文件</a><br><a href="3">规划计划</a></td>
<td><table><tr><td align="center"><font size="5"><b>{TITLE}</b></font></td></tr>
<tr><td align="center">{header} 浏览次数：1234</td></tr>
<tr><td><font face="仿宋">{text}</font></td></tr>
<tr><td align="center">{qr}</td></tr>
<tr><td align="right">【<a href="javascript:print()">打印</a>】【<a href="javascript:close()">关闭</a>】</td></tr>
</table></td></tr></table></td></tr>
<tr><td>Copyright 2023 南山区人民政府 版权所有 粤ICP备1234号</td></tr></table></form></body></html>"""
    doc = read_html(to_gb18030(page))
    assert doc.published == "2023-12-15"
    assert doc.content[0].text == TITLE and doc.content[0].is_title
    assert [b.text for b in doc.content[1:]] == body


def test_report_split_over_sibling_sections(seed_lines):
    """One <div> per chapter: the article is all of them, not the longest one."""
    cut = next(i for i, ln in enumerate(seed_lines) if ln.startswith("二、"))
    halves = [seed_lines[:cut], seed_lines[cut:]]
    sections = "".join('<div class="section">' + "".join(f"<p>{ln}</p>" for ln in half) + "</div>" for half in halves)
    page = f"""<html><head><title>{TITLE}</title></head><body><div class="menu"><a href="/">首页</a></div>
<div id="article"><h1>{TITLE}</h1>{sections}</div><div class="footer">版权所有</div></body></html>"""
    doc = read_html(page)
    assert [b.text for b in doc.content] == [TITLE] + seed_lines
    assert doc.content[0].is_title and doc.content[0].style_level == 1


def test_published_is_the_date_next_to_the_article(seed_lines):
    """A left column listing other articles with their dates comes first in the page."""
    others = "".join(f"<li><span>发布日期：2022-0{i}-05 来源：区司法局</span></li>" for i in range(1, 6))
    paragraphs = "".join(f"<p>{ln}</p>" for ln in seed_lines)
    page = f"""<html><head><title>{TITLE}</title></head><body><div class="list"><ul>{others}</ul></div>
<div class="detail"><h2 class="title">{TITLE}</h2><div class="info">发布日期：2023-12-15 来源：南山街道办事处</div>
<div class="zoom">{paragraphs}</div></div></body></html>"""
    doc = read_html(page)
    assert doc.published == "2023-12-15"
    assert [b.text for b in doc.content] == [TITLE] + seed_lines


@pytest.mark.parametrize("wrapper", ["print-content", "main has-sidebar", "article-share-box"])
def test_article_wrapper_with_a_chrome_like_name_is_kept(seed_lines, wrapper):
    paragraphs = "".join(f"<p>{ln}</p>" for ln in seed_lines)
    page = f"""<html><body><div class="nav"><a href="/">首页</a></div>
<div class="{wrapper}">{paragraphs}<div class="share">分享到：微信 微博</div></div></body></html>"""
    assert [b.text for b in read_html(page).content] == seed_lines


@pytest.mark.parametrize(
    "page, expected",
    [
        ("<html><head><title></title></head><body>  </body></html>", "文件没有文字内容"),
        ("<html><body><script>var x = '正文';</script><div class='nav'><a href='/'>首页</a></div></body></html>",
         "没有找到正文"),
    ],
    ids=["no-text", "only-chrome"],
)
def test_pages_without_article_are_input_errors(page, expected):
    with pytest.raises(InputError) as err:
        read_html(page)
    assert expected in err.value.problem


def test_empty_and_binary_files_are_input_errors(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    with pytest.raises(InputError):
        read_path(str(empty))
    with pytest.raises(InputError):
        read_html(bytes(range(256)) * 20)


def test_reading_does_not_modify_the_file(tmp_path, seed_lines):
    path = tmp_path / "report.htm"
    path.write_bytes(to_gb18030(to_html(seed_lines, charset="gbk")))
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    doc = read_path(str(path))
    assert doc.format == "html"
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before
