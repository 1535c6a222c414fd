"""One report, every way it reaches a reviewer: the outline, year, sign-off and figures stay the same.

The seed arrives as GB18030 text, with full-width punctuation, as Markdown, as a web page, as a
Word file with heading styles and without, and as a PDF printed from that Word file.
"""

from __future__ import annotations

from collections import Counter

import pytest

from validator.normalize import normalize
from validator.readers import read_bytes, read_path
from validator.report import Report

from variants import docx_to_pdf, to_docx, to_fullwidth, to_gb18030, to_html, to_markdown

from .conftest import TITLE

EXPECTED_PARTS = ["一、2023年法治政府建设工作情况", "二、存在不足和原因", "三、2024年法治政府建设工作计划"]


def summary(report: Report) -> dict:
    return {
        "parts": [normalize(s.label) for s in report.sections],
        "second_level": [normalize(c.label) for s in report.sections for c in s.children],
        "year": report.meta.year,
        "signed": report.meta.signed,
        "unit": report.meta.unit,
        "figures": Counter((round(f.figure.value, 2), f.figure.unit) for f in report.figures),
    }


@pytest.fixture(scope="module")
def reference(seed_path):
    return summary(Report(read_path(str(seed_path))))


@pytest.fixture(scope="module")
def variants(seed_raw_lines, seed_lines, tmp_path_factory):
    out = tmp_path_factory.mktemp("same-report")
    text = "\n".join(seed_raw_lines) + "\n"
    made = {
        "gb18030.txt": to_gb18030(text),
        "fullwidth.txt": to_fullwidth(text).encode("utf-8"),
        "utf16.txt": text.encode("utf-16"),
        "report.md": to_markdown(seed_lines, title=TITLE).encode("utf-8"),
        "page.html": to_html(seed_lines).encode("utf-8"),
        "page-gbk.html": to_html(seed_lines, charset="gb2312").encode("gb18030"),
    }
    paths = {}
    for name, data in made.items():
        paths[name] = out / name
        paths[name].write_bytes(data)
    paths["styled.docx"] = to_docx(seed_lines, out / "styled.docx", True, title=TITLE)
    paths["plain.docx"] = to_docx(seed_lines, out / "plain.docx", False)
    return paths


NAMES = ["gb18030.txt", "fullwidth.txt", "utf16.txt", "report.md", "page.html", "page-gbk.html",
         "styled.docx", "plain.docx"]


def test_reference_is_the_seed_outline(reference):
    assert reference["parts"] == EXPECTED_PARTS
    assert len(reference["second_level"]) == 13
    assert reference["year"] == 2023 and reference["signed"].isoformat() == "2023-12-12"
    assert sum(reference["figures"].values()) >= 40


@pytest.mark.parametrize("name", NAMES)
def test_variant_reads_as_the_same_report(name, variants, reference):
    report = Report(read_path(str(variants[name])))
    got = summary(report)
    for key in ("parts", "second_level", "year", "signed", "unit", "figures"):
        assert got[key] == reference[key], key


def test_encodings_are_reported(variants):
    assert read_path(str(variants["gb18030.txt"])).encoding == "gb18030"
    assert read_path(str(variants["utf16.txt"])).encoding.startswith("utf-16")


def test_web_page_gives_title_and_publication_date(variants):
    report = Report(read_path(str(variants["page.html"])))
    assert report.meta.title == TITLE
    assert report.meta.published.isoformat() == "2023-12-15"


@pytest.mark.slow
def test_pdf_printed_from_the_word_file(variants, reference, tmp_path):
    pdf = docx_to_pdf(variants["styled.docx"], tmp_path)
    report = Report(read_bytes(pdf.read_bytes(), str(pdf), ".pdf"))
    got = summary(report)
    for key in ("parts", "second_level", "year", "signed", "unit", "figures"):
        assert got[key] == reference[key], key
    assert report.meta.title == TITLE
    assert report.sections[0].block.source == "第1页"


def test_hard_wrapped_text_is_reflowed(seed_raw_lines, reference, tmp_path):
    """Text wrapped at a fixed width (pdftotext, e-mail) reads as the same paragraphs."""
    import textwrap

    wrapped = []
    for line in seed_raw_lines:
        wrapped += textwrap.wrap(line, 38) if len(line) > 38 else [line]
    path = tmp_path / "wrapped.txt"
    path.write_text("\n".join(wrapped) + "\n", encoding="utf-8")
    report = Report(read_path(str(path)))
    got = summary(report)
    for key in ("parts", "second_level", "year", "signed", "unit", "figures"):
        assert got[key] == reference[key], key
    assert any("第一责任人职责" in b.norm for b in report.body)
