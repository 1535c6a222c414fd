"""The web page source line of each block: what a code review pins a finding to."""

from __future__ import annotations

import time

from validator.readers import read_bytes
from validator.readers.html_lines import SourceLines

TITLE = "白沙县司法局2024年法治政府建设年度报告"


def lines_of(page: str) -> dict[str, int | None]:
    doc = read_bytes(page.encode("utf-8"), "page.html", ".html")
    return {b.text: b.position.file_line for b in doc.blocks}


def test_text_starting_below_its_tag_entities_and_crlf():
    page = ("<html>\r\n<head><title>" + TITLE + "</title></head>\r\n<body>\r\n"
            "<div class=\"crumb\">您当前的位置：<a href=\"/\">首页</a> &gt; <a href=\"/a\">" + TITLE + "</a></div>\r\n"
            "<div class=\"article\"><h1>\r\n" + TITLE + "</h1>\r\n"
            "<div class=\"content\">\r\n<!-- 一、主要举措 in a comment -->\r\n"
            "<script>var s = \"一、主要举措和成效\";</script>\r\n"
            "<p>\r\n  一、主要举措和成效</p>\r\n"
            "<p>&nbsp;&nbsp;全年办理&ldquo;行政复议&rdquo;案件<span>12</span>件，\r\n全部按期办结。</p>\r\n"
            "</div></div></body></html>\r\n")
    source = page.split("\r\n")
    found = lines_of(page)
    title_line = found[TITLE]
    assert source[title_line - 1].startswith(TITLE)  # the <h1>'s text: not <title>, not the breadcrumb link
    heading = found["一、主要举措和成效"]
    assert source[heading - 1].strip() == "一、主要举措和成效</p>"  # below <p>, not the comment or script
    body = next(line for text, line in found.items() if text.startswith("全年办理"))
    assert source[body - 1].startswith("<p>&nbsp;&nbsp;全年办理")


def test_text_the_reader_composed_gets_no_line_rather_than_a_wrong_one():
    lines = SourceLines("<body>\n<p>甲乙丙</p>\n<p>丁戊己</p>\n</body>")
    assert lines.line_of("丁戊己") == 3
    assert lines.line_of("（一）不在页面中的文字") is None
    assert lines.line_of("甲乙丙") == 2  # found again from the start after a block out of order


def test_many_blocks_not_in_the_source_cost_linear_time():
    page = "<body>" + "\n".join(f"<p>第{i}段内容</p>" for i in range(20000)) + "</body>"
    lines = SourceLines(page)
    start = time.perf_counter()
    assert all(lines.line_of(f"页面上没有的文字{i}") is None for i in range(5000))
    assert time.perf_counter() - start < 5
