"""The HTML report in a real browser: Playwright driving the system chromium (no browser download).

Skipped on a machine without chromium or Playwright; under CI (.ci/run installs both) a missing
one fails. Screenshots go to the test's tmp dir; REPORT_CHECK_DOCS_SCREENSHOTS=1 also refreshes
the ones in docs/ that the README shows.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from html_report_support import COMPLIANT_TXT, DEFECTIVE_HTML, DEFECTIVE_MD, HOSTILE, ROOT, write_hostile
from shared_paths import SEED
from validator import formatters
from validator.checker import check_path
from validator.results import Run
from variants import require_tool


def _sync_playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            raise RuntimeError("playwright is required under CI: pip install -e '.[test]' installs it")
        pytest.skip("playwright is not installed: pip install -e '.[test]'")
    return sync_playwright


@pytest.fixture(scope="module")
def browser():
    require_tool("chromium", "chromium")
    with _sync_playwright()() as p:
        b = p.chromium.launch(executable_path=shutil.which("chromium"))
        yield b
        b.close()


@pytest.fixture
def open_page(browser, tmp_path):
    """Open HTML in a fresh page from a file:// URL (as from a USB stick); console errors and
    page errors are collected on ``page.problems``."""
    pages = []

    def _open(html: str, name: str = "report.html", height: int = 800):
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        page = browser.new_page(viewport={"width": 1400, "height": height})
        page.problems = []
        page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        page.goto(path.as_uri())
        pages.append(page)
        return page

    yield _open
    for page in pages:
        page.close()


def _in_view(page, selector: str) -> bool:
    return page.evaluate("""sel => { const r = document.querySelector(sel).getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight; }""", selector)


def test_page_renders_and_its_counts_match_the_json(open_page, tmp_path):
    out = tmp_path / "cli.html"
    proc = subprocess.run([sys.executable, "-m", "validator", "check", str(DEFECTIVE_MD), str(COMPLIANT_TXT),
                           "-f", "json", "-o", f"html:{out}"], capture_output=True, check=False)
    docs = json.loads(proc.stdout)["documents"]
    page = open_page(out.read_text(encoding="utf-8"))
    assert page.evaluate("document.body.dataset.script") == "ready"  # its own script ran under the CSP
    assert page.problems == []
    for i, doc in enumerate(docs, start=1):
        shown = page.eval_on_selector_all(
            f"#r{i} [data-count]", "els => Object.fromEntries(els.map(e => [e.dataset.count, +e.textContent]))")
        assert shown == doc["counts"]
        assert page.locator(f"#r{i} .note").count() == len(doc["findings"])
        assert page.locator(f"#r{i} li.item").count() == len(doc["checklist"])
    assert page.locator("nav.toc a").count() == 2
    assert page.locator("#r1 h2").inner_text().startswith("不通过")


def test_clicking_a_checklist_item_or_a_finding_scrolls_to_its_place(open_page):
    result = check_path(str(DEFECTIVE_MD))
    page = open_page(formatters.render("html", Run(results=[result])), height=600)
    last = max((f for f in result.findings if f.line), key=lambda f: f.line)
    n = result.findings.index(last) + 1
    mark = f"#r1-f{n}"
    assert not _in_view(page, mark)
    page.click(f'li.item[data-rule="{last.rule}"] a')
    assert page.evaluate("location.hash") == mark
    page.wait_for_function("sel => { const r = document.querySelector(sel).getBoundingClientRect();"
                           " return r.bottom > 0 && r.top < window.innerHeight; }", arg=mark)
    page.evaluate("window.scrollTo(0, 0)")
    first = next(i for i, f in enumerate(result.findings, start=1) if f.line)
    page.evaluate(f"document.querySelector('#r1-n{first}').scrollIntoView()")
    page.click(f"#r1-n{first} a")
    assert page.evaluate("location.hash") == f"#r1-f{first}" and _in_view(page, f"#r1-f{first}")


@pytest.mark.parametrize("which", [0, 1], ids=["txt", "html"])
def test_markup_in_a_report_runs_nothing(open_page, tmp_path, which):
    path = write_hostile(tmp_path)[which]
    html = formatters.render("html", Run(results=[check_path(str(path))]))
    page = open_page(html)
    assert page.evaluate("window.__pwned") is None
    assert HOSTILE in page.inner_text("#r1 .text")
    assert page.evaluate("document.body.dataset.script") == "ready"
    # Even markup that slipped past escaping would not run: the CSP admits only the page's script.
    tampered = html.replace("<main>", '<main><script>window.__pwned = 9</script>'
                                      '<img src="x" onerror="window.__pwned = 8">', 1)
    page = open_page(tampered, name="tampered.html")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert any("Content Security Policy" in p for p in page.problems)


def test_severity_filters_hide_and_show_findings(open_page):
    page = open_page(formatters.render("html", Run(results=[check_path(str(DEFECTIVE_HTML))])))
    note = page.locator("#r1 .note.sev-error").first
    assert note.is_visible()
    page.uncheck('input[data-filter="error"]')
    assert note.is_hidden()
    assert page.locator('#r1 li.item.st-violated.sev-error').first.is_hidden()
    page.check('input[data-filter="error"]')
    assert note.is_visible()
    page.uncheck('input[data-filter="ok"]')
    assert page.locator("#r1 li.item.st-ok").first.is_hidden()


def test_print_layout_drops_the_controls(open_page):
    page = open_page(formatters.render("html", Run(results=[check_path(str(DEFECTIVE_MD))])))
    page.emulate_media(media="print")
    assert page.locator(".filters").is_hidden()
    assert page.locator("#r1 .note").first.is_visible()


def test_screenshot_of_the_example_reports_and_the_seed(open_page, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # the page names the reports as a user in the repository would
    paths = [DEFECTIVE_MD, COMPLIANT_TXT] + ([SEED] if SEED.exists() else [])
    results = [check_path(os.path.relpath(p, ROOT)) for p in paths]
    page = open_page(formatters.render("html", Run(results=results)), height=1000)
    shots = {"html-report.png": "#r1", "html-report-seed.png": "#r3" if SEED.exists() else None}
    for name, anchor in shots.items():
        if anchor is None:
            continue
        page.evaluate(f"document.querySelector('{anchor}').scrollIntoView()")
        target = tmp_path / name
        page.screenshot(path=str(target))
        data = target.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 20_000
        if os.environ.get("REPORT_CHECK_DOCS_SCREENSHOTS"):
            (ROOT / "docs").mkdir(exist_ok=True)
            shutil.copyfile(target, ROOT / "docs" / name)
    assert Path(ROOT / "docs" / "html-report.png").exists(), "the README shows docs/html-report.png"


def test_a_drafter_uploads_a_report_in_the_browser_and_reads_the_result(browser):
    from serve_support import running

    with running(workers=1, timeout=30) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        problems = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        try:
            page.goto(url + "/")
            assert page.title() == "法治政府建设年度报告检查"
            page.set_input_files('input[name="file"]', str(DEFECTIVE_HTML))
            page.select_option('select[name="profile"]', "township")
            with page.expect_navigation():
                page.click('button[type="submit"]')
            assert page.url.endswith("/check")
            counts = check_path(str(DEFECTIVE_HTML), profile="township").counts
            shown = page.eval_on_selector_all(
                "#r1 [data-count]", "els => Object.fromEntries(els.map(e => [e.dataset.count, +e.textContent]))")
            assert shown == counts
            assert page.evaluate("document.body.dataset.script") == "ready" and problems == []
            page.goto(url + "/")
            page.set_input_files('input[name="file"]', {"name": "旧报告.doc", "mimeType": "application/msword",
                                                        "buffer": b"\xd0\xcf\x11\xe0"})
            with page.expect_navigation():
                page.click('button[type="submit"]')
            assert "不支持的文件类型“.doc”" in page.inner_text(".error")
        finally:
            page.close()
