"""The HTML report: marks in place, escaping, the CSP, several reports, the CLI option.

The browser tests (tests/test_html_browser.py) open the same pages in chromium; these read the
markup, so they run everywhere.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from html_report_support import COMPLIANT_TXT, DEFECTIVE_HTML, DEFECTIVE_MD, HOSTILE, write_hostile
from validator import formatters
from validator.checker import check_path
from validator.formatters.html import content_security_policy, csp_hash, locate
from validator.results import Run, Unreadable


def page(*paths, unreadable=()) -> BeautifulSoup:
    run = Run(results=[check_path(str(p)) for p in paths], unreadable=list(unreadable))
    return BeautifulSoup(formatters.render("html", run), "html.parser")


@pytest.mark.parametrize("path", [DEFECTIVE_MD, DEFECTIVE_HTML])
def test_every_finding_is_marked_on_its_block_with_its_note(path):
    result = check_path(str(path))
    soup = page(path)
    placed = [f for f in result.findings if f.line]
    assert placed, "the defective example has findings on lines"
    for n, f in enumerate(result.findings, start=1):
        note = soup.find(id=f"r1-n{n}")
        assert note["data-rule"] == f.rule and f"sev-{f.severity}" in note["class"]
        assert f.message in note.get_text() and f.fix in note.get_text()
        if f.line:
            mark = soup.find(id=f"r1-f{n}")
            assert mark.name == "mark" and mark["data-rule"] == f.rule
            block = mark.find_parent(class_="block")
            assert block["data-line"] == str(f.line)
            assert note.find_parent(class_="block") is block  # the note stands beside its text
    # The placeholder XX is highlighted as such, not the whole paragraph.
    xx = [m for m in soup.find_all("mark", attrs={"data-rule": "hygiene.placeholder"}) if m.get("id")]
    assert any("XX" in m.get_text() and len(m.get_text()) < 60 for m in xx)


def test_counts_and_checklist_match_the_result():
    result = check_path(str(DEFECTIVE_MD))
    soup = page(DEFECTIVE_MD)
    shown = {el["data-count"]: int(el.get_text()) for el in soup.select("[data-count]")}
    assert shown == result.counts
    items = soup.select("li.item")
    assert [(i["data-rule"], i["data-status"]) for i in items] == [(c.rule, c.status) for c in result.checklist]
    causes = soup.select_one('li.item[data-rule="structure.shortcomings.causes"]')
    assert causes.select_one(".sign").get_text() == "✗"
    # A violated item links to its finding; an item found links to its evidence, marked in place.
    ok = next(c for c in result.checklist if c.status == "ok" and c.evidence and c.evidence.line)
    link = soup.select_one(f'li.item[data-rule="{ok.rule}"] a')["href"][1:]
    evidence = soup.find(id=link)
    assert evidence.name == "mark" and "evidence" in evidence["class"] and evidence["data-rule"] == ok.rule
    assert soup.find(string=re.compile("township")) is not None  # the profile and why


def test_the_page_is_self_contained_and_deterministic():
    run = Run(results=[check_path(str(DEFECTIVE_HTML))])
    out = formatters.render("html", run)
    assert out == formatters.render("html", run)
    soup = BeautifulSoup(out, "html.parser")
    assert not soup.select("link, img, iframe, object, embed, [src]")
    assert all(a["href"].startswith("#") for a in soup.select("a[href]"))
    assert len(soup.find_all("script")) == 1 and len(soup.find_all("style")) == 1


def test_csp_admits_only_the_pages_own_script_and_style():
    soup = page(DEFECTIVE_MD)
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert csp == content_security_policy()
    assert "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert f"script-src {csp_hash(soup.script.string)}" in csp
    assert f"style-src {csp_hash(soup.style.string)}" in csp


@pytest.mark.parametrize("which", [0, 1], ids=["txt", "html"])
def test_document_markup_is_shown_as_text(tmp_path, which):
    path = write_hostile(tmp_path)[which]
    out = formatters.render("html", Run(results=[check_path(str(path))]))
    soup = BeautifulSoup(out, "html.parser")
    assert len(soup.find_all("script")) == 1 and "__pwned" not in soup.script.string
    assert not soup.find_all(["img", "iframe"]) and not soup.select("[onerror]")
    assert "&lt;/script&gt;" in out and "onerror=" not in out.replace("onerror=&quot;", "")
    text = soup.select_one(".text").get_text()
    assert HOSTILE in text  # the reviewer still sees what the drafter pasted


def test_several_reports_make_one_page_with_a_table_of_contents(tmp_path):
    bad = Unreadable(str(tmp_path / "坏.pdf"), "无法读取文件（PDF 已损坏）")
    soup = page(DEFECTIVE_MD, COMPLIANT_TXT, unreadable=[bad])
    toc = [a["href"] for a in soup.select("nav.toc a")]
    assert toc == ["#r1", "#r2", "#unreadable"]
    assert [a["data-status"] for a in soup.select("article.report")] == ["fail", "pass"]
    assert "PDF 已损坏" in soup.find(id="unreadable").get_text()
    # ids stay unique across reports, so every link has one target
    ids = [el["id"] for el in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    assert {a["href"][1:] for a in soup.select("a[href]")} <= set(ids)


@pytest.mark.parametrize("excerpt, expected", [
    ("…调委会全年受理矛盾纠纷XX件，调解…", "调委会全年受理矛盾纠纷XX件，调解"),
    ("（共3处）受理矛盾纠纷XX件", "受理矛盾纠纷XX件"),
    ("不在此段的文字", "街道和9个社区的调委会全年受理矛盾纠纷XX件，调解成功率98.2%。"),
])
def test_locate_finds_an_excerpt_as_written(excerpt, expected):
    text = "街道和9个社区的调委会全年受理矛盾纠纷XX件，调解成功率98.2%。"
    start, end = locate(text, excerpt)
    assert text[start:end] == expected


def test_cli_writes_the_html_report_beside_another_format(tmp_path):
    out = tmp_path / "检查结果.html"
    proc = subprocess.run([sys.executable, "-m", "validator", "check", str(DEFECTIVE_MD), "-f", "json",
                           "-o", f"html:{out}"], capture_output=True)
    assert proc.returncode == 1
    counts = json.loads(proc.stdout)["documents"][0]["counts"]
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    assert {el["data-count"]: int(el.get_text()) for el in soup.select("[data-count]")} == counts
    proc = subprocess.run([sys.executable, "-m", "validator", "check", str(COMPLIANT_TXT), "--format", "html"],
                          capture_output=True)
    assert proc.returncode == 0 and proc.stdout.decode("utf-8").startswith("<!DOCTYPE html>")
