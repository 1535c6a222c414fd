"""Mirror copies in traditional script, with pinyin residue, check exactly like the original.

Mirror sites republish reports in traditional characters (Hong Kong, Taiwan or OpenCC-standard
forms), some with the romanisation of each converted character left behind it: 建設(shè).
The copies here are made at test time from the seed and the example reports with OpenCC's
s2t/s2tw/s2hk, plus pinyin residue and a 發布時間/來源 page header. A copy must give the same
outline, metadata (modulo script), profile, checklist and findings as the original, and every
excerpt must be text as written in the copy, so a reader can find it with Word's search.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from opencc import OpenCC

from shared_paths import CORPUS, EXTERNAL, require
from validator import script
from validator.checker import check_report
from validator.engine import check
from validator.normalize import _TABLE, _position_map, normalize, original
from validator.formatters.outline_json import to_dict
from validator.report import load_report, report_from_text
from validator.ruleset import resolve

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"
EXAMPLES = [
    REPORTS / "compliant" / "songxi-county-2024.txt",
    REPORTS / "defective" / "qiaonan-subdistrict-2024.md",
    REPORTS / "defective" / "qiaonan-subdistrict-2024.html",
]
CONFIGS = ["s2t", "s2tw", "s2hk"]
# What a page converter leaves after some characters; half-width brackets mostly, full-width
# for a few, as scraped mirrors show both.
PINYIN = {"設": "(shè)", "統": "（tǒng）", "籌": "(chóu)", "報": "(bào)", "責": "(zé)", "進": "(jìn)",
          "關": "(guān)", "發": "(fā)", "導": "（dǎo）", "務": "(wù)", "職": "(zhí)", "執": "(zhí)"}
_PINYIN_AFTER = re.compile("[" + "".join(PINYIN) + "]")
_TAG_TEXT = re.compile(r">([^<]+)<")


def to_traditional(text: str, config: str = "s2t") -> str:
    return OpenCC(config).convert(text)


def add_pinyin(text: str) -> str:
    return _PINYIN_AFTER.sub(lambda m: m.group() + PINYIN[m.group()], text)


def page_header(date: str, unit: str) -> str:
    return f"发布时间：{date}　来源：{unit}　浏览次数：\n"


def mirror_text(text: str, config: str) -> str:
    return add_pinyin(to_traditional(text, config))


def mirror_html(page: str, config: str) -> str:
    """The whole page converted (as a mirror does), pinyin only in text between tags."""
    return _TAG_TEXT.sub(lambda m: ">" + add_pinyin(m.group(1)) + "<", to_traditional(page, config))


def mirror_docx(src: Path, dst: Path, config: str, pinyin: bool = True) -> None:
    """Every run of the Word file converted, tables and the document title included."""
    convert = OpenCC(config).convert
    residue = add_pinyin if pinyin else str
    d = docx.Document(str(src))
    paragraphs = list(d.paragraphs) + [p for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    for p in paragraphs:
        for run in p.runs:
            run.text = residue(convert(run.text))
    d.core_properties.title = convert(d.core_properties.title or "")
    d.save(str(dst))


def flat(sections):
    for s in sections:
        yield s["level"], s["line"], normalize(s["heading"])
        yield from flat(s["children"])


def summary(report, result) -> dict:
    """What a user sees, in the script-independent form: values folded, excerpts folded."""
    d = to_dict(report)
    fold = lambda s: normalize((s or "").strip("…"))  # noqa: E731
    return {
        "outline": list(flat(d["sections"])),
        "meta": (fold(d["title"]), fold(d["unit"]), d["year"], d["signed"], d["published"]),
        "figures": [(f["line"], f["value"], f["unit"], f["qualifier"]) for f in d["figures"]],
        "profile": result.profile,
        "status": result.status,
        "checklist": [(c.rule, c.status, c.evidence.line if c.evidence else None,
                       fold(c.evidence.excerpt) if c.evidence else None) for c in result.checklist],
        "findings": [(f.code, f.line, f.severity, fold(f.excerpt)) for f in result.findings],
    }


def excerpts(result) -> list[str]:
    out = [f.excerpt for f in result.findings] + [c.evidence.excerpt for c in result.checklist if c.evidence]
    return [e.strip("…") for e in out if e.strip("…")]


def assert_same_check(original_path: Path, copy_path: Path) -> tuple:
    ra, rb = load_report(str(original_path)), load_report(str(copy_path))
    a, b = check_report(ra), check_report(rb)
    assert summary(rb, b) == summary(ra, a)
    # Excerpts quote the copy as written. Some excerpts describe rather than quote ("落款日期
    # 2025-03-06"); those are not text of the original either and are left out.
    texts_a = [blk.text for blk in ra.document.blocks]
    texts_b = [blk.text for blk in rb.document.blocks]
    quoted = [e for e in excerpts(a) if any(e in t for t in texts_a)]
    shown = [e for e in excerpts(b) if normalize(e) in {normalize(q) for q in quoted}]
    assert len(shown) >= len(quoted) > 3
    for e in shown:
        assert any(e in t for t in texts_b), e
    return rb, b


@pytest.fixture(params=CONFIGS)
def config(request) -> str:
    return request.param


def test_seed_mirror_checks_like_the_seed(seed_path, tmp_path, config):
    text = page_header("2023-12-15", "南山街道办事处") + seed_path.read_text(encoding="utf-8")
    plain, copy = tmp_path / "seed.txt", tmp_path / "seed-mirror.txt"
    plain.write_text(text, encoding="utf-8")
    copy.write_text(mirror_text(text, config), encoding="utf-8")
    written = copy.read_text(encoding="utf-8")
    assert len(script.PINYIN.findall(written)) > 50 and "時間" in written and "來源" in written
    report, result = assert_same_check(plain, copy)
    assert report.meta.published.isoformat() == "2023-12-15"
    assert report.furniture and report.furniture[0].text.startswith("發(fā)佈時間")
    assert result.profile == "township"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_report_mirror_checks_like_the_example(path, tmp_path, config):
    source = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        plain, copy_text = source, mirror_html(source, config)
    else:
        plain = page_header("2025-03-20", "淞溪县司法局") + source
        copy_text = mirror_text(plain, config)
    original_path, copy = tmp_path / f"plain{path.suffix}", tmp_path / f"mirror{path.suffix}"
    original_path.write_text(plain, encoding="utf-8")
    copy.write_text(copy_text, encoding="utf-8")
    report, result = assert_same_check(original_path, copy)
    # The page header in front does not hide the title line (a Markdown # title included).
    assert report.meta.title and "年法治政府建設" in report.meta.title
    assert next(c.status for c in result.checklist if c.rule == "structure.title") == "ok"


def test_hard_wrapped_copy_is_reflowed_like_the_original(tmp_path):
    """A copy saved as text wrapped at a fixed width (pdftotext, e-mail) re-flows into the same
    paragraphs in traditional script as in simplified."""
    import textwrap

    def wrapped(text: str) -> str:
        out = []
        for line in text.splitlines():
            out += textwrap.wrap(line, 38) if len(line) > 38 else [line]
        return "\n".join(out) + "\n"

    source = EXAMPLES[0].read_text(encoding="utf-8")
    plain, copy = tmp_path / "plain.txt", tmp_path / "mirror.txt"
    plain.write_text(wrapped(source), encoding="utf-8")
    copy.write_text(wrapped(to_traditional(source, "s2t")), encoding="utf-8")
    report, _ = assert_same_check(plain, copy)
    assert len(report.sections[0].children) == 6


def test_hard_wrapped_section_heading_in_traditional_is_not_glued_on():
    """第一節 after a paragraph whose last wrapped line is full stays a line of its own."""
    para = "本局全年辦理行政處罰案件一百二十件，法制審核三十八件，重大執法決定全部經過法制審核，執法案卷評查合格率達到百分之九十八"
    assert len(para) == 59
    lines = ["青石縣市場監督管理局2024年法治政府建設年度報告"]
    for n in "一二三":
        lines += [para[:30], para[30:], f"第{n}節執法監督"]
    blocks = report_from_text("\n".join(lines) + "\n").document.blocks
    assert [b.text for b in blocks[1:]] == [para, "第一節執法監督", para, "第二節執法監督", para, "第三節執法監督"]


def test_word_copy_in_traditional_checks_like_the_original(tmp_path):
    src = REPORTS / "compliant" / "songxi-county-2024.docx"
    copy = tmp_path / "mirror.docx"
    mirror_docx(src, copy, "s2t")
    report, result = assert_same_check(src, copy)
    assert result.status == "pass"
    assert report.meta.title.startswith("淞溪縣人民政府")


@pytest.mark.slow
def test_pdf_of_the_traditional_word_copy_checks_like_the_original_pdf(tmp_path):
    """Through LibreOffice: the PDF text layer of a report written in traditional script (a PDF
    is not a mirror's scrape, so no pinyin residue here)."""
    from variants import docx_to_pdf

    src = REPORTS / "compliant" / "songxi-county-2024.docx"
    mirror_docx(src, tmp_path / "mirror.docx", "s2hk", pinyin=False)
    plain = docx_to_pdf(src, tmp_path / "plain")
    copy = docx_to_pdf(tmp_path / "mirror.docx", tmp_path / "copy")
    report, result = assert_same_check(plain, copy)
    assert result.status == "pass"


def test_headings_title_and_unit_as_a_user_sees_them(tmp_path):
    """Headings and the title are shown as written; the unit is given in its simplified form,
    as it is when read from a sign-off, so profiles and messages name it one way."""
    path = tmp_path / "mirror.txt"
    path.write_text(mirror_text(EXAMPLES[0].read_text(encoding="utf-8"), "s2t"), encoding="utf-8")
    report = load_report(str(path))
    data = to_dict(report)
    first = data["sections"][0]
    assert first["heading"] == "一、2024年推進(jìn)法治政府建設(shè)的主要舉措和成效"
    assert first["children"][0]["heading"].startswith("（一）堅持黨的領導（dǎo）")
    assert data["title"] == "淞溪縣人民政府2024年法治政府建設(shè)年度報(bào)告"
    assert data["unit"] == "淞溪县人民政府"
    assert data["year"] == 2024


def test_traditional_town_is_a_township():
    """The profile follows the unit's meaning whatever the script: 鎮 is a township."""
    text = add_pinyin(to_traditional(
        "青石镇人民政府2023年法治政府建设年度报告\n"
        "一、主要举措和成效\n全年办理行政执法案件12件，公示率100%，法制审核8件，培训3次。\n"
        "二、存在的不足和原因\n执法人员不足。原因是编制少。\n"
        "三、党政主要负责人履行推进法治建设第一责任人职责情况\n镇长主持专题学法4次。\n"
        "四、2024年工作安排\n加强执法队伍建设。\n五、其他需要报告的情况\n无。\n"
    ))
    report = report_from_text(text)
    assert report.meta.unit == "青石镇人民政府"
    assert check_report(report).profile == "township"


def test_placeholder_finding_quotes_the_copy(tmp_path):
    """The finding a reviewer acts on: its line, and an excerpt found verbatim in the copy."""
    copy = tmp_path / "mirror.md"
    copy.write_text(mirror_text(EXAMPLES[1].read_text(encoding="utf-8"), "s2tw"), encoding="utf-8")
    result = check_report(load_report(str(copy)))
    placeholders = [f for f in result.findings if f.code == "hygiene.placeholder"]
    assert [f.line for f in placeholders] == [21, 25]
    assert "糾紛XX件" in placeholders[0].excerpt
    assert "【待補充】" in placeholders[1].excerpt
    assert placeholders[1].message == "报告中留有模板占位符“【待補充】”"
    assert placeholders[1].excerpt.strip("…") in copy.read_text(encoding="utf-8")


def test_mirrors_of_government_work_reports_are_still_rejected():
    """A 政府工作报告 in traditional script is no more a 法治政府建设年度报告 than in simplified."""
    items = [json.loads(line) for line in require(EXTERNAL).read_text(encoding="utf-8").splitlines() if line.strip()]
    profile = resolve("national")
    for item in items[::6]:
        report = report_from_text(mirror_text(f"{item['title']}\n{item['content']}", "s2t"))
        result = check(report, profile)
        assert result.status == "fail", item["title"]
        assert any(f.code == "structure.subject" for f in result.findings), item["title"]


def test_corpus_mirrors_check_like_the_corpus(tmp_path):
    """The labelled synthetic corpus, every file, in Taiwan forms with pinyin residue."""
    files = sorted(p for p in require(CORPUS).iterdir() if p.suffix in (".txt", ".md") and p.stem != "README")
    assert files
    for path in files:
        copy = tmp_path / path.name
        copy.write_text(mirror_text(path.read_text(encoding="utf-8"), "s2tw"), encoding="utf-8")
        ra, rb = load_report(str(path)), load_report(str(copy))
        assert summary(rb, check_report(rb)) == summary(ra, check_report(ra)), path.name


# --- the fold itself ------------------------------------------------------------------------

VOCABULARY = [
    ("切實履行推進法治建設第一責任人職責", "切实履行推进法治建设第一责任人职责"),
    ("幹部學法用法，若干問題", "干部学法用法,若干问题"),
    ("以後工作，關於印發", "以后工作,关于印发"),
    ("著力推進，接著，顯著成效，著作權", "着力推进,接着,显著成效,著作权"),
    ("村裡、村裏的事", "村里、村里的事"),
    ("發揮作用，頭髮", "发挥作用,头发"),
    ("準確把握，批准", "准确把握,批准"),
    ("製定規範性文件，體制機制", "制定规范性文件,体制机制"),
    ("行政複議、行政復議、答覆", "行政复议、行政复议、答复"),
    ("徵求意見，徵收補償", "征求意见,征收补偿"),
    ("衞生、衛生、羣衆、群眾", "卫生、卫生、群众、群众"),
    ("臺賬、台賬", "台账、台账"),
    ("深化「放管服」改革，『一網通辦』", "深化“放管服”改革,‘一网通办’"),
    ("發布時間：2024-03-28　來源：縣司法局", "发布时间:2024-03-28来源:县司法局"),
]


@pytest.mark.parametrize("written, folded", VOCABULARY)
def test_government_vocabulary_folds_to_simplified(written, folded):
    assert normalize(written) == folded


@pytest.mark.parametrize("written, folded", [
    ("法治政府建設(shè)", "法治政府建设"),
    ("統（tǒng）籌推進(jìn)", "统筹推进"),
    ("建设(shè)工作", "建设工作"),
    ("報(bào)告（ＤＡＯ）", "报告(DAO)"),
    ("法治政府建設(jiàn shè)年度報告", "法治政府建设年度报告"),
])
def test_pinyin_residue_is_dropped(written, folded):
    assert normalize(written) == folded


@pytest.mark.parametrize("text", [
    "上线“桥南发布”（APP）", "推行PPP(PPP)模式", "政务服务网(app)下载", "附件(a)", "成效显著，什么，乾坤",
    "于2024年3月", "研究(一)项", "“12·4”宪法宣传周成效显著，什么", "——人民生活显著改善", "标注拼音(pin yin)", "网址(www.example.gov)", "2024年全年办结率99.1%",
])
def test_simplified_and_bracketed_latin_stay_as_they_are(text):
    assert script.fold_script(text) == text
    assert normalize(text) == text.translate(_TABLE)


def test_simplified_reports_are_unchanged_by_the_script_fold(seed_path):
    """Every line of the seed, the examples and the corpus: the script fold leaves it alone."""
    paths = [seed_path, *EXAMPLES, *sorted(require(CORPUS).glob("*.txt"))]
    lines = [ln for p in paths for ln in p.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 300
    changed = [ln for ln in lines if script.fold_script(ln) != ln]
    assert changed == []


@pytest.mark.parametrize("text", [
    "  切實履行法治政府建設(shè)第一責任人職責，統（tǒng）籌推進 ",
    "一、 主要舉措（一）２０２４年全年辦結率９９．１％",
    "南 山 街 道 辦 事 處　　2024年",
    "\ufeff發布時間：2024-03-28\u200b 來源：司法局",
])
def test_every_span_maps_back_to_the_text_as_written(text):
    norm = normalize(text)
    assert _position_map(text)[0] == norm
    for start in range(len(norm)):
        for end in range(start + 1, len(norm) + 1):
            shown = original(text, norm, start, end)
            assert shown in text
            assert normalize(shown) == normalize(norm[start:end])


def test_character_table_matches_the_installed_converter():
    """traditional_chars.txt decides which lines are converted; regenerate it with
    `python -m validator.script` when OpenCC's dictionaries change."""
    assert script._generate() == script._CHARS_FILE.read_text(encoding="utf-8").strip()


def test_simplified_reports_do_not_load_the_converter(seed_path):
    code = (
        "import sys; from validator.checker import check_path; "
        f"check_path({str(seed_path)!r}); print('opencc' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_word_styles_named_in_traditional_script_give_the_outline(tmp_path):
    """A traditional-script WPS or Word names its heading styles 標題 1, 標題 2 and its title 標題."""
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    styles = {name: d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH) for name in ("標題", "標題 1", "標題 2")}
    d.add_paragraph("青石縣人民政府2024年法治政府建設年度報告", style=styles["標題"])
    d.add_paragraph("2024年，全縣依法行政工作穩步推進。", style=None)
    d.add_paragraph("主要舉措和成效", style=styles["標題 1"])
    d.add_paragraph("嚴格規範執法", style=styles["標題 2"])
    d.add_paragraph("全年辦理行政處罰案件120件，法制審核38件。")
    path = tmp_path / "styled.docx"
    d.save(str(path))
    data = to_dict(load_report(str(path)))
    assert data["title"] == "青石縣人民政府2024年法治政府建設年度報告"
    top = data["sections"][0]
    assert (top["heading"], top["level"], top["line"]) == ("主要舉措和成效", 1, 3)
    assert [(c["heading"], c["level"], c["line"]) for c in top["children"]] == [("嚴格規範執法", 2, 4)]
