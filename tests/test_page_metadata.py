"""Metadata from reports as they are published: title, unit, year, dates and profile read past
the page around the report.

Each layout class is built twice from the same lines (our own text, fictional places): as a
scrape gives it (.txt, furniture lines in place) and as a portal page (.html with navigation,
breadcrumb, header widget, column name, header line and footer around the article).
"""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass, field

import pytest

from validator.checker import check_report
from validator.normalize import normalize
from validator.readers import read_bytes
from validator.report import Report, report_from_text
from validator.ruleset import infer_profile


def body(year: int, opening: str, sign: list[str] = ()) -> list[str]:
    """A compliant report body: opening, measures with figures, shortcomings with causes, plan."""
    return [
        opening,
        f"一、{year}年法治政府建设主要举措和成效",
        "（一）强化组织领导，压实第一责任人职责",
        "主要负责同志切实履行推进法治建设第一责任人职责，全年主持召开专题会议研究法治工作4次，亲自部署重点任务。",
        "（二）严格规范公正文明执法",
        "全面落实行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度，全年办理行政处罚案件126件，"
        "法制审核重大执法决定18件。",
        "二、存在的不足和原因",
        "一是执法人员专业素养有待提升；二是部分制度落实不够到位。究其原因，主要是学习培训还不够系统。",
        f"三、{year + 1}年工作安排",
        "（一）继续深入学习贯彻习近平法治思想，推动法治政府建设再上新台阶。",
        *sign,
    ]


@dataclass
class Page:
    """One published report: what stands around it and the report itself."""

    title: list[str]  # the title as set, one line or several
    lines: list[str]  # what follows the title: addressee, delivery line, body, sign-off
    above: list[str] = field(default_factory=list)  # widget, breadcrumb, column name: above the title
    info: str | None = None  # the header line under the title ("发布时间：… 来源：…")
    repeat: bool = False  # the article repeats the title under the header line
    site: str = "青河区人民政府门户网站"

    @property
    def furniture(self) -> list[str]:
        return self.above + ([self.info] if self.info else [])

    def txt(self) -> str:
        out = self.above + self.title + ([self.info] if self.info else [])
        if self.repeat:
            out += self.title
        return "\n".join(out + self.lines) + "\n"

    def html(self, flat: bool = False) -> str:
        """A portal page; ``flat`` pastes everything, furniture included, into the article as
        paragraphs, as some content systems do."""
        esc = html_lib.escape
        paras = "\n".join(f"<p>{esc(line)}</p>" for line in self.lines)
        title = "".join(self.title)
        if flat:
            head = "\n".join(f"<p>{esc(line)}</p>" for line in self.above + self.title + ([self.info] if self.info else []))
            article = f'<div class="TRS_Editor">\n{head}\n{paras}\n</div>'
            chrome = ""
        else:
            repeat = "".join(f"<p>{esc(t)}</p>" for t in self.title) if self.repeat else ""
            widget = "".join(f'<div class="location">{esc(a)}</div>' for a in self.above)
            info = f'<div class="info">{esc(self.info)}</div>' if self.info else ""
            chrome = f'<div class="topbar">{widget}</div>'
            article = (f'<div class="article"><h1 class="title">{esc(title)}</h1>{info}'
                       f'<div class="TRS_Editor">{repeat}\n{paras}\n</div></div>')
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{esc(title)}_{esc(self.site)}</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/hdjl/">互动交流</a></div>
{chrome}
<div class="main">{article}
<div class="sidebar"><h3>相关文章</h3><ul><li><a href="/a/1.html">青河区2022年法治政府建设年度报告</a></li></ul></div></div>
<div class="footer"><p>版权所有：{esc(self.site)}</p><p>青ICP备12345678号 网站标识码：1234560001</p></div>
</body></html>"""


FORMATS = ["txt", "html", "flat-html"]


def read(page: Page, fmt: str) -> Report:
    if fmt == "txt":
        return report_from_text(page.txt())
    data = page.html(flat=fmt == "flat-html").encode("utf-8")
    return Report(read_bytes(data, "page.html", ".html"))


def assert_furniture_silent(report: Report, page: Page) -> None:
    """No furniture line is a part, the opening, or another rule's excerpt."""
    furniture = {normalize(line) for line in page.furniture}
    assert not furniture & {normalize(s.heading) for s in report.all_sections}
    assert not furniture & {b.norm for b in report.body}
    result = check_report(report)
    for finding in result.findings:
        if finding.rule != "hygiene.page-furniture":
            assert normalize(finding.excerpt) not in furniture, finding


PORTAL = Page(
    above=["今天是：2021年3月29日 星期一 农历二月十七", "工作报告", "您所在的位置：政务公开 > 工作报告"],
    title=["2020年青河区法治政府建设情况报告"],
    info="文章来源：司法局 更新时间：2021/03/29 11:30:01",
    repeat=True,
    lines=body(2020, "2020年，青河区坚持以习近平法治思想为指导，全面推进依法行政，法治政府建设取得新成效。"),
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_portal_page_with_widget_column_breadcrumb_and_repeated_title(fmt):
    report = read(PORTAL, fmt)
    meta = report.meta
    assert meta.title == "2020年青河区法治政府建设情况报告"
    assert (meta.unit, meta.unit_source) == ("青河区", "title")  # the 来源 司法局 only published it
    assert meta.year == 2020 and meta.year_sources["title"] == 2020
    assert meta.published.isoformat() == "2021-03-29"
    assert [s.heading for s in report.sections][0] == "2020年法治政府建设主要举措和成效"
    assert report.body[0].norm.startswith("2020年,青河区坚持")  # the repeated title is not the opening
    assert infer_profile(meta.unit, meta.cue)[0] == "county-government"
    assert_furniture_silent(report, PORTAL)


def test_txt_scrape_marks_column_and_repeated_title_as_furniture():
    report = read(PORTAL, "txt")
    assert [b.line for b in report.furniture] == [1, 2, 3, 5, 6]
    assert report.meta.title_line == 4 and report.meta.published_line == 5


LATE = Page(
    above=["当前位置：首页 > 信息公开 > 法治政府建设"],
    title=["青河区市场监督管理局2023年度法治政府建设情况报告"],
    info="发布日期：2024年4月18日 | 来源：青河区市场监督管理局 | 浏览次数：56",
    lines=body(2023, "2023年，青河区市场监督管理局坚持依法行政，全面提升监管效能。",
               ["青河区市场监督管理局", "2024年3月20日"]),
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_late_page_is_flagged_from_its_header_date(fmt):
    report = read(LATE, fmt)
    meta = report.meta
    assert meta.published.isoformat() == "2024-04-18" and meta.signed.isoformat() == "2024-03-20"
    assert (meta.unit, meta.year) == ("青河区市场监督管理局", 2023)
    result = check_report(report)
    late = [f for f in result.findings if f.code == "dates.publication-deadline"]
    assert len(late) == 1 and "2024-04-18" in late[0].message
    assert any(d in late[0].excerpt for d in ("2024年4月18日", "2024-04-18"))  # as written, or the page metadata
    assert result.profile == "department"


@pytest.mark.parametrize("line,published", [
    ("时间：2024-03-05 来源：青河区司法局", "2024-03-05"),
    ("来源：青河区司法局 发布时间：2024-03-05 09:18", "2024-03-05"),
    ("发布时间 | 2024/03/05 09:18:30", "2024-03-05"),
    ("2024-03-05 来源：青河区司法局", "2024-03-05"),
    ("日期：2024年3月5日 来源：青河区司法局 作者：办公室", "2024-03-05"),
    ("来源:青河区司法局|发布日期:2024-03-05|字体:【大 中 小】|【打印】【关闭】", "2024-03-05"),
])
def test_header_line_forms_give_the_publication_date(line, published):
    text = f"青河区司法局2023年法治政府建设年度报告\n{line}\n2023年，青河区司法局坚持依法行政。\n"
    report = report_from_text(text)
    assert report.meta.published.isoformat() == published
    assert [b.line for b in report.furniture] == [2]


NEWS = Page(
    title=["林草部发布2023年法治政府建设年度报告"],
    info="发布时间：2024-03-29 12:04:21 来源：青河新闻网",
    lines=["青河新闻网3月29日电 据林草部网站消息，林草部发布2023年法治政府建设年度报告。具体报告如下：",
           *body(2023, "2023年，林草部坚持以习近平法治思想为指导，扎实推进法治政府建设。")[1:]],
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_news_headline_around_a_report(fmt):
    report = read(NEWS, fmt)
    meta = report.meta
    assert meta.title == "林草部2023年法治政府建设年度报告"
    assert (meta.unit, meta.unit_source) == ("林草部", "headline")
    assert meta.year == 2023
    assert check_report(report).profile == "department"
    assert not any("具体报告如下" in b.norm for b in report.body)


def test_news_headline_followed_by_the_reports_own_title():
    text = ("青河市发布2024年度法治政府建设情况报告\n"
            "近日，青河市人民政府在门户网站公开了2024年度法治政府建设情况报告。全文如下：\n"
            "青河市人民政府关于2024年度法治政府建设情况的报告\n"
            "省人民政府：\n"
            "2024年，全市深入推进依法行政。\n")
    report = report_from_text(text)
    assert report.meta.title == "青河市人民政府关于2024年度法治政府建设情况的报告"
    assert report.meta.title_line == 3 and report.meta.unit == "青河市人民政府"
    assert [b.line for b in report.furniture] == [1, 2]


TWO_LINE = Page(
    above=["乡镇街道"],
    title=["青山镇人民政府", "2024年法治政府建设年度报告"],
    lines=["县人民政府：", *body(2024, "2024年，我镇坚持以习近平法治思想为指导，全面推进依法行政。",
                                ["青山镇人民政府", "2025年1月20日"])],
)
SPLIT = Page(
    title=["青河区人民政府关于2024年法治政府建设", "工作情况的报告"],
    lines=["市人民政府：", *body(2024, "2024年，区政府深入推进依法行政，法治政府建设取得新进展。")],
)
JOINT = Page(
    title=["中共青河县委 青河县人民政府", "关于2024年法治政府建设情况的报告"],
    lines=["市委、市人民政府：", *body(2024, "2024年，县委、县政府坚持依法执政、依法行政。")],
)
PARTY = Page(
    title=["中共青河区市场监督管理局党组关于2023年度法治政府建设情况的报告"],
    lines=["区委依法治区办：", *body(2023, "2023年，局党组认真履行法治建设主体责任。")],
)
ZONE = Page(
    title=["青河高新技术产业开发区管委会2023年法治政府建设年度报告"],
    lines=body(2023, "2023年，高新区坚持以习近平法治思想为指导，推进依法行政。"),
)
OFFICE = Page(
    title=["青河区人民政府办公室2023年度法治政府建设工作报告"],
    lines=body(2023, "2023年，区政府办公室深入推进依法行政。"),
)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("page,title,unit,year,profile", [
    (TWO_LINE, "青山镇人民政府2024年法治政府建设年度报告", "青山镇人民政府", 2024, "township"),
    (SPLIT, "青河区人民政府关于2024年法治政府建设工作情况的报告", "青河区人民政府", 2024, "county-government"),
    (JOINT, "中共青河县委 青河县人民政府关于2024年法治政府建设情况的报告", "中共青河县委 青河县人民政府", 2024,
     "county-government"),
    (PARTY, "中共青河区市场监督管理局党组关于2023年度法治政府建设情况的报告", "中共青河区市场监督管理局党组", 2023,
     "department"),
    (ZONE, "青河高新技术产业开发区管委会2023年法治政府建设年度报告", "青河高新技术产业开发区管委会", 2023,
     "county-government"),
    (OFFICE, "青河区人民政府办公室2023年度法治政府建设工作报告", "青河区人民政府办公室", 2023, "department"),
], ids=["unit-line", "split", "joint", "party-group", "zone", "government-office"])
def test_title_layouts(page, title, unit, year, profile, fmt):
    report = read(page, fmt)
    meta = report.meta
    assert normalize(meta.title) == normalize(title)
    assert normalize(meta.unit) == normalize(unit) and meta.unit_source in ("title", "signature")
    assert meta.year == year
    result = check_report(report)
    assert result.profile == profile, result.profile_reason
    assert f"“{meta.unit}”" in result.profile_reason
    assert [s.heading for s in report.sections][:1] == [f"{year}年法治政府建设主要举措和成效"]
    assert_furniture_silent(report, page)


def test_two_line_title_is_one_title_and_no_part():
    report = read(TWO_LINE, "txt")
    assert report.meta.title_line == 2 and [b.line for b in report.furniture] == [1]
    assert report.body[0].norm == "县人民政府:"
    assert report.meta.signed.isoformat() == "2025-01-20"


def test_document_number_above_the_title_is_not_the_unit():
    text = ("青卫〔2024〕3号\n青河区卫生健康委员会关于2023年度法治政府建设情况的报告\n区委依法治区办：\n"
            "2023年，我委坚持依法行政。\n")
    meta = report_from_text(text).meta
    assert meta.title == "青河区卫生健康委员会关于2023年度法治政府建设情况的报告"
    assert meta.unit == "青河区卫生健康委员会"


@pytest.mark.parametrize("fmt", FORMATS)
def test_site_suffix_in_page_title_is_not_part_of_the_title(fmt):
    report = read(OFFICE, fmt)
    assert "门户网站" not in report.meta.title and "_" not in report.meta.title


OPENING_UNIT = Page(
    above=["您当前的位置：首页 > 部门动态"],
    title=[],
    info="来源：青河市人民政府办公室 发布时间：2023-03-10",
    lines=body(2022, "2022年，在市委、市政府的坚强领导下，青河市司法局坚持以习近平法治思想为指导，统筹推进法治政府建设。",
               ["2023年3月1日"]),
)


@pytest.mark.parametrize("fmt", ["txt", "flat-html"])
def test_unit_from_the_opening_sentence_before_the_source_line(fmt):
    report = read(OPENING_UNIT, fmt)
    meta = report.meta
    assert meta.title is None
    assert (meta.unit, meta.unit_source) == ("青河市司法局", "opening")
    assert meta.year == 2022 and meta.signed.isoformat() == "2023-03-01"
    assert meta.published.isoformat() == "2023-03-10"
    assert check_report(report).profile == "department"


@pytest.mark.parametrize("opening,profile,word", [
    ("2023年，我局坚持依法行政，我局全体干部学法用法。", "department", "我局"),
    ("2023年，本街道坚持依法行政，全县法治建设大会后本街道迅速部署。", "township", "本街道"),
    ("2023年，全县上下坚持依法行政，全县法治政府建设取得新成效。", "county-government", "全县"),
    ("2023年，在县委县政府领导下，我镇认真落实县政府部署。", "township", "我镇"),
])
def test_without_a_unit_the_reports_own_words_decide(opening, profile, word):
    report = report_from_text("\n".join(body(2023, opening)))
    assert report.meta.unit is None
    result = check_report(report)
    assert result.profile == profile
    assert f"“{word}”" in result.profile_reason


def test_source_line_is_the_last_resort_and_yields_to_the_reports_words():
    publisher_only = "时间：2024-03-01 来源：青河区司法局\n" + "\n".join(body(2023, "2023年，全区坚持依法行政，全区法治建设取得新成效。"))
    report = report_from_text(publisher_only)
    result = check_report(report)
    assert report.meta.unit is None and result.profile == "county-government"
    source_only = "时间：2024-03-01 来源：青河区司法局\n" + "\n".join(body(2023, "2023年，我局坚持依法行政。"))
    report = report_from_text(source_only)
    assert (report.meta.unit, report.meta.unit_source) == ("青河区司法局", "page-header")


DELIVERED = Page(
    title=["青河市人民政府关于2024年度法治政府建设情况的报告"],
    lines=["（2025年4月29日在青河市第十六届人民代表大会常务委员会第二十次会议上）", "青河市司法局局长 王某",
           "主任、各位副主任、秘书长、各位委员：",
           "受市人民政府委托，现将全市2024年度法治政府建设情况报告如下，请予审议。",
           *body(2024, "")[1:]],
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_delivery_line_is_not_the_report_year(fmt):
    report = read(DELIVERED, fmt)
    meta = report.meta
    assert meta.year == 2024 and meta.year_sources["opening"] == 2024
    opening = next(b for b in report.document.blocks if b.line == meta.opening_line)
    assert opening.norm.startswith("受市人民政府委托")
    assert meta.unit == "青河市人民政府"
    assert check_report(report).profile == "county-government"


@pytest.mark.parametrize("title,opening,year", [
    ("青河区二〇二三年法治政府建设年度报告", "一年来，青河区坚持依法行政。", 2023),
    ("青河区法治政府建设年度报告", "2025年，是法治政府建设纲要收官之年，青河区坚持依法行政。", 2025),
    ("青河区关于2023年法治政府建设工作的报告", "一年来，全区坚持依法行政。", 2023),
])
def test_year_from_title_forms_and_opening(title, opening, year):
    meta = report_from_text(f"{title}\n{opening}\n一、主要举措\n正文。\n").meta
    assert meta.year == year and meta.unit == "青河区"


def test_signing_date_found_when_an_annex_follows_the_sign_off():
    lines = body(2023, "2023年，青河区司法局坚持依法行政。", ["青河区司法局", "2024年2月6日"])
    annex = ["附件：2023年行政执法数据统计表", "行政处罚 126件", "行政许可 301件", "行政强制 4件",
             "行政检查 880次", "法制审核 18件", "执法公示 126条"]
    report = report_from_text("青河区司法局2023年法治政府建设年度报告\n" + "\n".join(lines + annex))
    assert report.meta.signed.isoformat() == "2024-02-06"
    assert report.meta.unit == "青河区司法局"


def test_signing_date_found_when_a_data_table_follows_the_sign_off():
    paras = "".join(f"<p>{line}</p>" for line in body(2023, "2023年，青河区司法局坚持依法行政。",
                                                       ["青河区司法局", "2024年2月6日"]))
    rows = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in
                   [("类别", "件数"), ("行政处罚", "126"), ("行政许可", "301"), ("行政强制", "4"), ("法制审核", "18")])
    page = (f"<html><head><title>青河区司法局2023年法治政府建设年度报告</title></head><body>"
            f"<h1>青河区司法局2023年法治政府建设年度报告</h1><div class='content'>{paras}<table>{rows}</table></div></body></html>")
    report = Report(read_bytes(page.encode("utf-8"), "p.html", ".html"))
    assert report.meta.signed.isoformat() == "2024-02-06"


def test_preformatted_page_is_read_as_paragraphs():
    text = "\n".join([
        "青河区司法局2024年法治政府建设年度报告", "",
        "2024年，青河区司法局坚持以习近平法治思想为指导，全面推进依法行政，法治政府建设",
        "取得新成效。", "",
        "一、2024年法治政府建设主要举措和成效", "",
        "（一）加强组织领导。局党组召开会议专题研究法治工作4次。", "",
        "二、存在的不足和原因", "", "执法人员专业化水平不高。", "",
        "三、2025年工作安排", "", "继续推进依法行政。", "",
        "青河区司法局", "2025年2月8日",
    ])
    page = (f"<html><head><title>青河区司法局2024年法治政府建设年度报告_青河区人民政府</title></head>"
            f"<body><div class='content'><pre>{text}</pre></div></body></html>")
    report = Report(read_bytes(page.encode("utf-8"), "p.html", ".html"))
    meta = report.meta
    assert meta.title == "青河区司法局2024年法治政府建设年度报告"
    assert [s.heading for s in report.sections] == ["2024年法治政府建设主要举措和成效", "存在的不足和原因", "2025年工作安排"]
    assert report.body[0].norm.endswith("法治政府建设取得新成效。")
    assert meta.signed.isoformat() == "2025-02-08" and meta.unit == "青河区司法局"


def test_preformatted_lines_without_blank_lines_are_one_paragraph_each():
    lines = ["青河镇人民政府2024年法治政府建设年度报告", "2024年，我镇坚持依法行政。", "一、主要举措和成效",
             "全年办理行政处罚案件26件。", "青河镇人民政府", "2025年1月8日"]
    page = "<html><body><pre>" + "\n".join(lines) + "</pre></body></html>"
    report = Report(read_bytes(page.encode("utf-8"), "p.html", ".html"))
    assert [b.norm for b in report.document.content] == [normalize(line) for line in lines]
    assert report.meta.unit == "青河镇人民政府" and report.meta.signed.isoformat() == "2025-01-08"


def test_breadcrumb_column_is_not_evidence_of_open_government_work():
    """"政务公开 > 法治政府建设" names a column, not 政务公开 work: it never reaches the rules."""
    text = ("您当前的位置：首页 > 政务公开 > 法治政府建设\n政务公开\n青河区2023年法治政府建设年度报告\n"
            + "\n".join(body(2023, "2023年，青河区坚持依法行政。")))
    report = report_from_text(text)
    assert {b.line for b in report.furniture} == {1, 2}
    assert not any("政务公开" in b.norm for b in report.body)


def test_unit_line_under_a_title_without_one():
    text = "2023年度法治政府建设工作报告\n——青河区司法局\n2023年，我们坚持依法行政。\n一、主要举措\n"
    text2 = "2023年度法治政府建设工作报告\n青河区司法局\n2023年，我们坚持依法行政。\n一、主要举措\n"
    assert report_from_text(text2).meta.unit == "青河区司法局"
    assert report_from_text(text2).meta.unit_source == "head"
    assert (report_from_text(text).meta.unit, report_from_text(text).meta.year) == ("青河区司法局", 2023)


def test_annex_label_and_red_header_above_a_title_are_not_furniture():
    text = "附件1\n青河区2023年法治政府建设年度报告\n2023年，青河区坚持依法行政。\n"
    report = report_from_text(text)
    assert report.furniture == [] and report.meta.title == "青河区2023年法治政府建设年度报告"
    text = "青河区人民政府文件\n青政〔2024〕5号\n青河区人民政府关于2023年法治政府建设情况的报告\n市人民政府：\n2023年，全区坚持依法行政。\n"
    report = report_from_text(text)
    assert report.furniture == [] and report.meta.unit == "青河区人民政府"


@pytest.mark.parametrize("speaker,unit", [
    ("青河县人民政府副县长  周明", "青河县人民政府"),
    ("青河市司法局局长 王立", "青河市司法局"),
])
def test_speaker_under_a_delivered_title_names_the_unit(speaker, unit):
    text = "\n".join(["关于2024年度法治政府建设情况的报告",
                      "——2025年4月29日在青河县第十八届人民代表大会常务委员会第二十六次会议上",
                      speaker, "主任、各位副主任、秘书长、各位委员：", *body(2024, "我受委托，报告2024年度法治政府建设情况。")])
    meta = report_from_text(text).meta
    assert (meta.unit, meta.unit_source, meta.year) == (unit, "head", 2024)


def test_a_period_after_the_year_is_not_a_unit():
    meta = report_from_text("2021年上半年法治政府建设工作情况报告\n上半年，我镇持续规范行政执法。\n").meta
    assert meta.unit is None


def test_a_title_prefix_that_names_no_unit_is_not_the_unit():
    meta = report_from_text("区政府常务会议议题解读：关于2023年度法治建设工作情况的汇报\n"
                            "一、议题背景\n为做好2023年度法治建设考核工作，现汇报相关工作情况。\n").meta
    assert meta.unit is None


def test_unit_named_after_a_leading_clause_of_the_opening():
    opening = ("根据《青河市法治建设年度报告制度》的要求，结合街道工作实际，2023年，青河街道以深入学习贯彻"
               "习近平法治思想为核心，全面推进法治政府建设。现将有关情况报告如下：")
    meta = report_from_text("\n".join(body(2023, opening))).meta
    assert (meta.unit, meta.unit_source) == ("青河街道", "opening")
    assert infer_profile(meta.unit)[0] == "township"


def test_a_service_centre_is_a_department():
    assert infer_profile("青河区政务服务中心")[0] == "department"


def test_the_year_reported_on_wins_over_an_earlier_year_in_the_opening():
    opening = ("在县委、县政府的领导下，我镇在2023年工作基础上稳步提升，各项工作取得阶段性成效。"
               "现将我镇2024年法治政府建设情况报告如下。")
    meta = report_from_text("\n".join(body(2024, opening))).meta
    assert meta.year == 2024 and meta.year_sources["opening"] == 2024
