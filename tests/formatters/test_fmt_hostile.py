"""Document text and file names are hostile input for every output format: they are escaped so
they cannot add a table column, an XML element, a workflow command or a terminal sequence."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from validator.cli import main

# A scraped header line: quoted in the page-furniture finding, so it reaches every format.
EVIL = "来源：<b>|`]]>[a](j:x)\x1b[2J%0A::error::伪"
REPORT = (f"关于2023年法治政府建设情况的报告\n{EVIL}\n"
          "2023年，本镇深入推进法治政府建设。\n一、主要举措\n严格执法，办理案件120件。\n")
SHOWN = "来源：<b>|`]]>[a](j:x)\ufffd[2J%0A::error::伪"  # ESC replaced on reading


@pytest.fixture
def files(tmp_path):
    good = tmp_path / "报告.txt"
    good.write_text(REPORT, encoding="utf-8")
    bad = tmp_path / "坏\n::error::伪造,x:y.txt"
    bad.write_bytes(b"")
    return good, bad


def run(fmt, *paths):
    return CliRunner().invoke(main, ["check", "--format", fmt, "--no-config", *map(str, paths)])


@pytest.mark.parametrize("fmt", ["json", "sarif", "codeclimate"])
def test_json_formats_parse_and_keep_the_text(files, fmt):
    out = run(fmt, *files)
    data = json.loads(out.stdout)
    assert SHOWN in json.dumps(data, ensure_ascii=False).replace("\\u001b", "")
    assert "\x1b" not in out.stdout


def test_junit_is_well_formed_and_adds_no_element(files):
    out = run("junit", *files)
    root = ET.fromstring(out.stdout)
    assert not list(root.iter("b"))
    assert any(SHOWN in (el.text or "") + "".join(el.attrib.values()) for el in root.iter())


def test_github_commands_cannot_be_forged(files):
    out = run("github", *files)
    lines = out.stdout.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert not any(line.startswith("::error::伪") for line in lines)
    assert any("%250A::error::伪" in line for line in lines)
    bad = next(line for line in lines if "伪造,x" not in line and "%0A%3A%3Aerror%3A%3A" in line)
    assert "%2Cx%3Ay.txt" in bad


def test_markdown_tables_keep_their_columns_and_render_no_markup(files):
    out = run("markdown", *files)
    text = out.stdout
    assert "<b>" not in text and "&lt;b&gt;" in text
    assert "[a](j:x)" not in text and "\\[a\\](j:x)" in text
    for line in text.splitlines():
        if line.startswith("| "):
            cells = line.replace("\\|", "").count("|")
            assert cells in (3, 5, 6), line  # 2, 4 or 5 columns


def test_text_output_carries_no_terminal_sequence(files):
    out = run("text", *files)
    assert "\x1b" not in out.stdout + out.stderr
    assert SHOWN in out.stdout
