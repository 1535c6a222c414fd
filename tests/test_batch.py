"""A jurisdiction's folder at once: --jobs, jsonl streaming, summaries and reports that copy each other."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from validator.cli import main
from variants import to_docx, to_html, to_markdown

BODIES = {
    "柳湾镇": [
        "柳湾镇坚持把法治建设摆在全局工作的突出位置，镇党委每季度专题研究一次依法行政事项。",
        "全年组织镇村干部旁听庭审两场，开展宪法进农家院活动十一场，覆盖群众三千余人。",
        "依法化解山林权属纠纷二十七件，调解成功率保持在九成以上。",
    ],
    "白沙县农业农村局": [
        "白沙县农业农村局围绕种子、农药、兽药质量开展春季执法检查，出动执法人员四百余人次。",
        "推行农业综合行政执法全过程记录，执法记录仪配备到每个执法小组。",
        "对十五项涉企检查事项实行清单管理，减少对养殖场的重复检查。",
    ],
    "凤栖街道": [
        "凤栖街道以老旧小区改造为切入点，把征求居民意见写进每个改造项目的决策程序。",
        "街道综合执法队规范占道经营整治，首次轻微违法一律先教育后处罚。",
        "建成社区法律服务站九个，律师每周驻点接待居民咨询。",
    ],
}


def _report(unit: str, body: list[str]) -> tuple[str, list[str]]:
    title = f"{unit}2023年法治政府建设年度报告"
    lines = ["一、2023年推进法治政府建设的主要举措", *body,
             "二、党政主要负责人履行推进法治建设第一责任人职责情况",
             f"{unit}主要负责人亲自部署法治建设重点任务，听取依法行政工作汇报。",
             "三、存在的不足和原因", "基层执法人员专业力量不足，原因是培训覆盖面不够。",
             "四、2024年推进法治政府建设的主要安排", "2024年将继续完善依法决策机制，加强执法监督。",
             unit, "2024年1月20日"]
    return title, lines


@pytest.fixture
def folder(tmp_path):
    """txt, md, docx, html reports of three units, a renamed copy of one, and a corrupt docx."""
    root = tmp_path / "reports"
    root.mkdir()
    (title, lines) = _report("柳湾镇", BODIES["柳湾镇"])
    (root / "a-liuwan.txt").write_text("\n".join([title, *lines]) + "\n", encoding="utf-8")
    copy = "\n".join([title, *lines]).replace("柳湾镇", "石门镇") + "\n"
    (root / "b-shimen-copy.txt").write_text(copy.replace("三千余人", "二千余人"), encoding="utf-8")
    (title, lines) = _report("白沙县农业农村局", BODIES["白沙县农业农村局"])
    (root / "c-baisha.md").write_text(to_markdown(lines, title=title), encoding="utf-8")
    (title, lines) = _report("凤栖街道", BODIES["凤栖街道"])
    to_docx([title, *lines], root / "d-fengqi.docx", heading_styles=True)
    (root / "e-fengqi.html").write_text(to_html(lines, title=title, source="凤栖街道办事处"), encoding="utf-8")
    (root / "f-broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return root


def _run(*args):
    result = CliRunner().invoke(main, list(args))
    return result


def test_jobs_do_not_change_the_results(folder):
    one = _run("check", str(folder), "--format", "jsonl", "--jobs", "1")
    two = _run("check", str(folder), "--format", "jsonl", "--jobs", "2")
    assert one.exit_code == two.exit_code == 2  # the corrupt file
    assert one.stdout == two.stdout
    docs = [json.loads(line) for line in one.stdout.splitlines()]
    assert [d["path"].rsplit("/", 1)[1] for d in docs] == [
        "a-liuwan.txt", "b-shimen-copy.txt", "c-baisha.md", "d-fengqi.docx", "e-fengqi.html", "f-broken.docx"]
    assert docs[-1]["status"] == "error"
    assert {d["unit"] for d in docs[:5]} >= {"柳湾镇", "白沙县农业农村局"}
    assert all(d["status"] in ("pass", "fail") for d in docs[:5])


def test_jsonl_matches_json_documents(folder):
    lines = _run("check", str(folder), "--format", "jsonl", "--jobs", "2").stdout.splitlines()
    whole = json.loads(_run("check", str(folder), "--format", "json", "--jobs", "2").stdout)
    assert [json.loads(line) for line in lines] == whole["documents"]


def test_text_ends_with_totals_naming_the_corrupt_file(folder):
    out = _run("check", str(folder), "--jobs", "2", "--no-color").stdout
    tail = out[out.index("合计："):]
    assert "5 份报告" in tail and "无法读取 1" in tail
    assert "无法读取的文件：" in tail and "f-broken.docx" in tail


def test_csv_summary_reads_back(folder, tmp_path):
    target = tmp_path / "summary.csv"
    _run("check", str(folder), "--format", "jsonl", "--summary", str(target))
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows[0][:2] == ["文件", "结果"] and "structure.title" in rows[0]
    assert len(rows) == 7
    broken = next(r for r in rows if r[0].endswith("f-broken.docx"))
    assert broken[1] == "无法读取"
    col = rows[0].index("structure.title")
    assert {r[col] for r in rows[1:6]} <= {"✓", "✗", "–"}


def test_xlsx_summary_reads_back(folder, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "summary.xlsx"
    _run("check", str(folder), "--summary", str(target))
    wb = load_workbook(target)
    assert wb.sheetnames == ["报告", "问题", "相似报告"]
    ws = wb["报告"]
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref
    paths = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    assert any(p.endswith("f-broken.docx") for p in paths)
    header = [c.value for c in ws[1]]
    col = header.index("structure.title") + 1
    colours = {ws.cell(r, col).fill.fgColor.rgb[-6:] for r in range(2, 7)}
    assert colours <= {"C6EFCE", "FFC7CE", "EDEDED"}
    assert wb["问题"].max_row > 1
    similar = [[c.value for c in row] for row in wb["相似报告"].iter_rows(min_row=2)]
    assert ("a-liuwan.txt", "b-shimen-copy.txt") in [(a.rsplit("/", 1)[1], b.rsplit("/", 1)[1]) for a, b, *_ in similar]


class _Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells, self.scripts_src = [], []
        self._in = False

    def handle_starttag(self, tag, attrs):
        self._in = tag in ("td", "th")
        if tag == "script" and dict(attrs).get("src"):
            self.scripts_src.append(dict(attrs)["src"])

    def handle_data(self, data):
        if self._in:
            self.cells.append(data)

    def handle_endtag(self, tag):
        self._in = False


def test_html_summary_reads_back_and_is_self_contained(folder, tmp_path):
    target = tmp_path / "summary.html"
    _run("check", str(folder), "--format", "json", "--summary", str(target))
    page = target.read_text(encoding="utf-8")
    parser = _Cells()
    parser.feed(page)
    assert any(c.endswith("f-broken.docx") for c in parser.cells)
    assert "structure.title" in parser.cells
    assert not parser.scripts_src and "Content-Security-Policy" in page
    assert any(c.endswith("b-shimen-copy.txt") for c in parser.cells)  # the similar reports table


def test_html_summary_escapes_paths(tmp_path):
    from validator.summary import Tally, to_html
    from validator.results import Unreadable

    tally = Tally()
    tally.add(Unreadable("<script>alert(1)</script>.txt", "坏"))
    assert "<script>alert(1)" not in to_html(tally, [])


def test_unknown_summary_extension_is_a_usage_error(folder, tmp_path):
    result = _run("check", str(folder), "--summary", str(tmp_path / "s.pdf"))
    assert result.exit_code == 2 and ".csv" in result.stderr


def test_a_copy_pairs_with_its_source_and_nothing_else(folder):
    result = _run("similar", str(folder), "--format", "json")
    data = json.loads(result.stdout)
    pairs = [(p["a"].rsplit("/", 1)[1], p["b"].rsplit("/", 1)[1]) for p in data["pairs"]]
    # the docx and html of 凤栖街道 are the same report in two formats: they pair too
    assert ("a-liuwan.txt", "b-shimen-copy.txt") in pairs
    assert set(pairs) <= {("a-liuwan.txt", "b-shimen-copy.txt"), ("d-fengqi.docx", "e-fengqi.html")}
    copy = next(p for p in data["pairs"] if p["a"].endswith("a-liuwan.txt"))
    assert copy["share"] > 0.9
    assert any("旁听庭审" in s for s in copy["passages"])
    assert any(u["path"].endswith("f-broken.docx") for u in data["unreadable"])


def test_similar_text_without_copies(tmp_path):
    for unit, body in BODIES.items():
        title, lines = _report(unit, body)
        (tmp_path / f"{unit}.txt").write_text("\n".join([title, *lines]), encoding="utf-8")
    result = _run("similar", str(tmp_path))
    assert result.exit_code == 0 and "未发现相似的报告" in result.stdout


def test_bundled_rule_files_validate():
    """Starts skip the schema for bundled files (parsed once, with libyaml): so they are validated here."""
    from validator import ruleset

    for path in [*ruleset.profile_files().values()]:
        ruleset.load_file(path)
    assert ruleset.parse_yaml.__module__ == "validator.yaml_fast" and __import__("validator.yaml_fast").yaml_fast.LOADER in (getattr(__import__("yaml"), "CSafeLoader", None), __import__("yaml").SafeLoader)
