"""PDF reader: wrapped lines come back as the paragraphs the author wrote."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from validator.errors import InputError
from validator.normalize import normalize
from validator.readers import read_bytes, read_path

from .conftest import DATA_TABLE, OFFICIAL_TITLE, RUNNING_HEADER, TITLE, minimal_pdf
from variants import docx_to_pdf, heading_depth, require_tool, to_docx, to_fullwidth


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；：])", text) if s]


@pytest.mark.slow
def test_printed_report_reflows_into_its_paragraphs(printed_pdf, seed_lines):
    doc = read_path(str(printed_pdf))
    assert doc.format == "pdf"
    expected = [normalize(TITLE)] + [normalize(to_fullwidth(ln)) for ln in seed_lines]
    assert [b.norm for b in doc.blocks] == expected
    # every "第一责任人" is whole, although the PDF wraps several of them across lines
    assert sum(b.text.count("第一责任人") for b in doc.blocks) == sum(ln.count("第一责任人") for ln in seed_lines)
    assert [b.line for b in doc.blocks] == list(range(1, len(doc.blocks) + 1))


@pytest.mark.slow
def test_wrapped_words_are_rejoined(printed_pdf, seed_lines):
    """The raw PDF text really does break inside words; the blocks do not."""
    require_tool("pdftotext", "poppler-utils")
    raw = subprocess.run(["pdftotext", str(printed_pdf), "-"], capture_output=True, text=True, check=True).stdout
    raw_lines = [normalize(ln) for ln in raw.splitlines() if ln.strip()]
    blocks = read_path(str(printed_pdf)).blocks
    phrases = {w for ln in seed_lines for w in re.findall(r"[\u4e00-\u9fff]{6}", normalize(to_fullwidth(ln)))}
    broken = [p for p in phrases if p not in "\n".join(raw_lines) and any(p in b.norm for b in blocks)]
    assert broken, "the fixture should wrap some phrase across lines"


@pytest.mark.slow
def test_headings_are_own_blocks_and_sources_are_pages(printed_pdf, seed_lines):
    blocks = read_path(str(printed_pdf)).blocks
    norms = [b.norm for b in blocks]
    for line in seed_lines:
        if heading_depth(line):
            assert normalize(to_fullwidth(line)) in norms, line
    pages = [int(re.fullmatch(r"第(\d+)页", b.source).group(1)) for b in blocks]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] >= 3


@pytest.mark.slow
def test_running_header_and_page_numbers_are_dropped(printed_pdf):
    texts = [b.norm for b in read_path(str(printed_pdf)).blocks]
    assert not any(RUNNING_HEADER in t for t in texts)
    assert not any(re.fullmatch(r"-?\s*\d+\s*-?", t) for t in texts)


@pytest.mark.slow
def test_unindented_report_keeps_every_sentence_in_one_block(plain_pdf, seed_lines):
    """Without first-line indents only line ends show paragraph ends: no text may be lost or
    cut inside a sentence, and every heading stays its own block."""
    blocks = [b.norm for b in read_path(str(plain_pdf)).blocks]
    expected = [normalize(ln) for ln in seed_lines]
    assert "".join(blocks) == "".join(expected)
    for para in expected:
        for sentence in _sentences(para):
            assert any(sentence in b for b in blocks), sentence
    for para in expected:
        if heading_depth(para):
            assert para in blocks
    # a paragraph may split only where a sentence ends
    for block in blocks:
        assert block[-1] in "。：；" or block in expected, block


@pytest.mark.slow
def test_official_layout_title_signature_and_table(official_pdf, seed_lines):
    """A title centred over two lines is one block; right-aligned unit and date lines and
    table rows are not glued to the text before them."""
    norms = [b.norm for b in read_path(str(official_pdf)).blocks]
    body = [normalize(to_fullwidth(ln)) for ln in seed_lines]
    rows = [normalize(" ".join(row)) for row in DATA_TABLE]
    assert norms == [normalize(OFFICIAL_TITLE)] + body + rows


@pytest.mark.slow
def test_long_heading_without_indents_stays_apart(variant_dir):
    """A numbered heading that nearly fills the line is not glued to the paragraph under it."""
    heading = "（三）完善统筹推进法治街区建设工作机制，健全基层依法治理体系与制度"  # about 2 characters short
    body = "建立法治建设领域重要问题、重大改革的统筹协调机制，探索制定党政机关一把手履行法治建设第一责任人职责清单。" * 2
    lines = ["二、存在不足和原因", heading, body, "（四）加强宣传", body]
    pdf = docx_to_pdf(to_docx(lines, variant_dir / "long-heading.docx", False), variant_dir)
    assert [b.text for b in read_path(str(pdf)).blocks] == lines


def test_pdf_without_text_layer_is_reported_as_scanned(scanned_pdf):
    with pytest.raises(InputError) as err:
        read_path(str(scanned_pdf))
    assert "扫描版" in err.value.problem


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"This is plain text saved with a .pdf name.\n" * 5, "PDF 文件已损坏或不完整"),
        (b"%PDF-1.4\n" + b"\x00garbage\xff" * 100 + b"\n%%EOF\n", "PDF 文件已损坏或不完整"),
    ],
    ids=["not-pdf", "garbage-body"],
)
def test_broken_pdf_is_input_error(data, expected):
    with pytest.raises(InputError) as err:
        read_bytes(data, "报告.pdf", ".pdf")
    assert expected in err.value.problem


def test_truncated_pdf_is_input_error(scanned_pdf):
    data = scanned_pdf.read_bytes()
    with pytest.raises(InputError) as err:
        read_bytes(data[: len(data) // 2], "报告.pdf", ".pdf")
    assert "PDF 文件已损坏或不完整" in err.value.problem


@pytest.mark.slow
def test_truncated_real_pdf_is_input_error(plain_pdf):
    data = plain_pdf.read_bytes()
    for cut in (len(data) // 3, len(data) - 200):
        with pytest.raises(InputError) as err:
            read_bytes(data[:cut], "报告.pdf", ".pdf")
        assert "PDF 文件已损坏或不完整" in err.value.problem


@pytest.mark.slow
def test_password_protected_pdf_is_input_error(variant_dir):
    require_tool("soffice", "libreoffice-writer-nogui fonts-wqy-zenhei")
    src = to_docx(["一、工作情况", "正文内容。"], variant_dir / "locked.docx", False)
    profile = variant_dir / "lo-profile-locked"
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", options, "--outdir", str(variant_dir / "locked"), str(src)],
                   capture_output=True, timeout=120, check=True)
    locked = variant_dir / "locked" / "locked.pdf"
    with pytest.raises(InputError) as err:
        read_path(str(locked))
    assert "加密" in err.value.problem


def test_empty_file_is_input_error(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(InputError):
        read_path(str(path))


def test_minimal_pdf_is_a_valid_pdf(tmp_path):
    """The hand-written PDF the scanned test relies on opens in poppler."""
    require_tool("pdfinfo", "poppler-utils")
    path = tmp_path / "blank.pdf"
    path.write_bytes(minimal_pdf(b"0 0 1 rg 10 10 100 100 re f\n"))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True)
    assert info.returncode == 0 and re.search(r"^Pages:\s+1$", info.stdout, re.M)
    assert "Error" not in info.stderr  # poppler complains about a wrong xref table


@pytest.mark.slow
def test_reading_does_not_modify_the_file(printed_pdf: Path):
    before = (printed_pdf.read_bytes(), os.stat(printed_pdf).st_mtime_ns)
    read_path(str(printed_pdf))
    assert (printed_pdf.read_bytes(), os.stat(printed_pdf).st_mtime_ns) == before
