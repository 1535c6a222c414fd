"""GitHub Actions annotations: one escaped workflow command per finding."""

from __future__ import annotations

from validator.formatters import render
from validator.formatters.github import escape_data, escape_property
from validator.results import Finding, Result


def test_one_command_per_finding_with_level_and_position(failing):
    lines = render("github", [failing]).splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("::error file=reports/乙县2023年.docx,title=structure.shortcomings::")
    assert "line=" not in lines[0]  # whole-document finding
    assert lines[1].startswith("::warning file=reports/乙县2023年.docx,line=12,title=data.figures::")
    assert lines[2].startswith("::notice file=reports/乙县2023年.docx,line=30,title=style.punctuation::")


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
