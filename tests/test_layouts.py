"""Whole reports in the layouts they are published in (tests/layouts/): what a reviewer reads off
each — title, unit, year, profile, verdict and the exact error findings — as scraped text and as
a portal page built around the same lines."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
import yaml

from validator.checker import check_report
from validator.readers import read_bytes
from validator.report import Report

LAYOUTS = Path(__file__).parent / "layouts"
EXPECTED = yaml.safe_load((LAYOUTS / "expected.yaml").read_text(encoding="utf-8"))


def portal_page(lines: list[str], title: str | None) -> bytes:
    """The lines as paragraphs of a portal article, with navigation, a sidebar and a footer."""
    paragraphs = "\n".join(f'<p style="text-indent:2em">{html.escape(line)}</p>' for line in lines)
    head = f"<title>{html.escape(title)}_青川县人民政府门户网站</title>" if title else "<title>青川县人民政府门户网站</title>"
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">{head}</head><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hd/">互动交流</a></li></ul></div>
<div class="article">{paragraphs}</div>
<div class="sidebar"><h3>相关文章</h3><ul><li><a href="/a/1.html">东河镇2024年法治政府建设年度报告</a></li></ul></div>
<div class="footer"><p>版权所有：青川县人民政府 主办单位：青川县人民政府办公室</p><p>蜀ICP备05001234号</p></div>
</body></html>""".encode("utf-8")


def read(name: str, fmt: str) -> Report:
    text = (LAYOUTS / name).read_text(encoding="utf-8")
    if fmt == "txt":
        return Report(read_bytes(text.encode("utf-8"), name, ".txt"))
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return Report(read_bytes(portal_page(lines, EXPECTED[name]["title"]), name.replace(".txt", ".html"), ".html"))


@pytest.mark.parametrize("fmt", ["txt", "html"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_layout_reads_and_checks_as_a_reviewer_would(name, fmt):
    want = EXPECTED[name]
    report = read(name, fmt)
    result = check_report(report)
    meta = report.meta
    assert (meta.title, meta.unit, meta.year) == (want["title"], want["unit"], want["year"])
    assert result.profile == want["profile"], result.profile_reason
    errors = sorted((f.code, (f.line or None) if fmt == "txt" else None) for f in result.findings if f.severity == "error")
    expected = sorted((rule, line if fmt == "txt" else None) for rule, line in want["errors"])
    assert errors == expected
    assert result.status == want["status"]
    if "kind" in want:
        (verdict,) = [f for f in result.findings if f.severity == "error"]
        assert verdict.message.startswith("这是一份") and want["kind"] in verdict.message


def test_every_layout_has_its_expectation():
    assert sorted(p.name for p in LAYOUTS.glob("*.txt")) == sorted(EXPECTED)
