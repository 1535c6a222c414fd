"""GitHub Actions annotations: one escaped workflow command per finding, lines only where true."""

from __future__ import annotations

from validator.formatters import render
from validator.formatters.github import escape_data, escape_property
from validator.results import Finding, Result, Run, Unreadable


def test_one_command_per_finding_with_level_and_position(failing):
    lines = render("github", [failing]).splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("::error file=reports/乙县2023年.docx,title=structure.shortcomings::")
    assert "line=" not in lines[0]  # whole-document finding
    # 第3页 is no line of the file: the annotation is on the file, the page in the message.
    assert lines[1].startswith("::warning file=reports/乙县2023年.docx,title=data.figures::第3页：百分比超过")
    assert lines[2].startswith("::notice file=reports/乙县2023年.docx,line=30,title=style.punctuation::")
    assert lines[3].startswith("::warning file=reports/乙县2023年.docx,line=40,title=data.figures::")


def test_message_newlines_and_percent_are_escaped(failing):
    line = render("github", [failing]).splitlines()[1]
    assert "百分比超过100%25，%0A请核对" in line
    assert "\r" not in line


def test_property_commas_and_colons_are_escaped(failing):
    odd = Result(**{**vars(failing), "path": "reports/a,b:c.md", "findings": [
        Finding(7, "x.y", "warning", "a,b:c\r\nd")]})
    assert render("github", [odd]) == "::warning file=reports/a%2Cb%3Ac.md,line=7,title=x.y::a,b:c%0D%0Ad\n"


def test_escape_helpers():
    assert escape_data("100%\n") == "100%25%0A"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_passing_report_prints_nothing(passing):
    assert render("github", [passing]) == ""


def test_stdin_has_no_file(failing):
    piped = Result(**{**vars(failing), "path": "<stdin>"})
    assert all("file=" not in line for line in render("github", [piped]).splitlines())


def test_unreadable_file_is_an_error_and_skipped_one_a_warning(failing):
    run = Run([failing], unreadable=[Unreadable("reports/坏.pdf", "PDF 文件已损坏"),
                                     Unreadable("reports/旧.doc", "已跳过：请另存为 .docx", skipped=True)])
    lines = render("github", run).splitlines()
    assert lines[-2] == "::error file=reports/坏.pdf,title=无法读取::PDF 文件已损坏"
    assert lines[-1].startswith("::warning file=reports/旧.doc,title=已跳过::")
