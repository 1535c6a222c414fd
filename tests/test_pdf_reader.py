"""The PDF reader's own character source and de-duplication give what pdfplumber gave (issue 10),
and a printed multi-page report keeps the Document recorded here, so a later speed-up cannot
drift silently."""

from __future__ import annotations

import io
import random
import re
import zlib
from pathlib import Path

import pytest

from validator.readers import pdf as reader
from validator.readers import read_path
from validator.readers.pdf_guard import install

from readers.conftest import pdf_of
from readers.long_report import RUNNING_HEADER, TITLE, lines

KEYS = ("text", "x0", "x1", "top", "bottom", "doctop", "size", "upright", "fontname")


def _pdf(content: bytes, form: bytes, mediabox: bytes = b"[20 30 615 872]") -> bytes:
    """A one-page PDF in Helvetica whose page draws ``content`` and a form XObject ``/X1``."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox + b" /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(zlib.compress(content))
        + zlib.compress(content) + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 500 100] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Length %d >>\nstream\n" % len(form) + form + b"\nendstream",
    ]
    return pdf_of(objects)


# Fake bold (the heading printed twice, 0.4 pt apart), body lines, a sideways stamp, a rule,
# and text inside a form XObject placed with its own matrix.
FAKE_BOLD = _pdf(
    b"BT /F1 14 Tf 72 800 Td (Annual report on the rule of law) Tj ET\n"
    b"BT /F1 14 Tf 72.4 800 Td (Annual report on the rule of law) Tj ET\n"
    b"BT /F1 12 Tf 72 770 Td (The county reviewed 120 documents this year.) Tj ET\n"
    b"BT /F1 12 Tf 72 755 Td (It held 12 hearings and settled 30 disputes.) Tj ET\n"
    b"BT /F1 9 Tf 0 1 -1 0 560 400 Tm (Draft copy) Tj ET\n"
    b"0 0 0 RG 72 740 m 500 740 l S\n"
    b"q 1 0 0 1 50 500 cm /X1 Do Q\n",
    b"BT /F1 10 Tf 22 10 Td (Text set inside a form object.) Tj ET",
)


def test_page_chars_are_pdfplumbers():
    """Same characters, values and order as pdfplumber's page.chars, a form XObject, sideways
    text and a page box not at the origin included."""
    import pdfplumber

    install()
    with pdfplumber.open(io.BytesIO(FAKE_BOLD)) as pdf:
        page = pdf.pages[0]
        ours = [tuple(c[k] for k in KEYS) for c in reader._page_chars(page)]
        theirs = [tuple(c[k] for k in KEYS) for c in page.chars]
    assert ours == theirs
    assert any(not c[7] for c in ours)  # the sideways stamp
    assert "".join(c[0] for c in ours).count("form object") == 1


def test_fake_bold_heading_is_read_once():
    texts = [b.text for b in reader.read(FAKE_BOLD, "bold.pdf").blocks]
    assert texts[0] == "Annual report on the rule of law"
    assert not any("AAnn" in t for t in texts)


def test_dedupe_keeps_what_pdfplumber_keeps():
    """Random pages of overprinted, nearly overprinted and distinct characters: the same kept
    characters in the same order as pdfplumber's dedupe_chars (tolerance 1)."""
    from pdfplumber.utils import dedupe_chars

    rng = random.Random(10)
    for _ in range(200):
        chars = []
        for _ in range(rng.randint(0, 60)):
            top = rng.choice([100.0, 100.5, 101.2, 102.9, 140.0]) + rng.choice([0, 0.3, 0.99, 1.0, 1.01])
            x0 = rng.choice([72.0, 72.6, 73.5, 90.0]) + rng.choice([0, 0.4, 1.0])
            chars.append({"text": rng.choice("一二法治A"), "x0": x0, "x1": x0 + 12, "top": top,
                          "bottom": top + 12, "doctop": top + 842, "size": rng.choice([12.0, 16.0]),
                          "upright": rng.random() > 0.1, "fontname": rng.choice(["SimSun", "SimHei"])})
        assert [id(c) for c in reader._dedupe(chars)] == [id(c) for c in dedupe_chars(chars, tolerance=1)]


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory) -> Path:
    from variants import docx_to_pdf, to_docx

    out = tmp_path_factory.mktemp("long-report")
    docx = to_docx(lines(6), out / "long12.docx", True, title=TITLE, indent=True, justify=True,
                   running_header=RUNNING_HEADER, page_numbers=True)
    return docx_to_pdf(docx, out)


# The 12-page report as read when issue 10 changed the character source: each part and
# sub-part heading with its page and its line on the page (running header counted).
HEADINGS = [
    ("一、2025年推进法治政府建设的主要举措和成效", 1, 8),
    ("（一）深化“放管服”改革，优化法治化营商环境", 1, 9),
    ("（二）健全依法决策机制，提升决策质量", 2, 24),
    ("（三）加强规范性文件监督管理", 4, 10),
    ("（四）严格规范公正文明执法", 5, 8),
    ("（五）强化行政权力制约和监督", 7, 8),
    ("（六）依法有效化解社会矛盾纠纷", 8, 18),
    ("二、党政主要负责人履行推进法治建设第一责任人职责情况", 10, 4),
    ("三、存在的不足和原因", 11, 14),
    ("四、2026年推进法治政府建设的主要安排", 12, 2),
]


@pytest.mark.slow
def test_long_printed_report_reads_as_recorded(long_pdf):
    doc = read_path(str(long_pdf))
    # every paragraph whole, the title first, nothing split, joined or lost over 12 pages
    assert [b.text for b in doc.blocks] == [TITLE, *lines(6)]
    found = [(b.text, b.position.number, b.position.sub) for b in doc.blocks
             if re.match(r"^(?:[一二三四]、|（[一二三四五六]）)[^。]*$", b.text)]
    assert found == HEADINGS
    assert (doc.blocks[-1].position.number, doc.blocks[-1].position.sub) == (12, 12)
    assert not any(RUNNING_HEADER in b.text for b in doc.blocks)
    assert not any(re.fullmatch(r"-?\s*\d+\s*-?", b.text) for b in doc.blocks)
    assert all(b.source == f"第{b.position.number}页" for b in doc.blocks)
