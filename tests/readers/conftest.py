"""Shared material for reader tests: the seed report's lines and its Word/PDF variants.

The seed is read from ../shared/seeds (tests/shared_paths.py) at test time, never copied here.
LibreOffice conversions take seconds each, so every PDF is built once per session.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from variants import docx_to_pdf, to_docx, to_fullwidth, to_official_docx
from validator.furniture import is_furniture
from validator.normalize import normalize

TITLE = "南山街道2023年法治政府建设年度报告"
RUNNING_HEADER = "南山街道办事处文件"


@pytest.fixture(scope="session")
def seed_lines(seed_path) -> list[str]:
    """The seed report's text lines, without the scraped page's header and QR-code lines."""
    lines = [ln.strip() for ln in seed_path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return [ln for ln in lines if not is_furniture(normalize(ln))]


@pytest.fixture(scope="session")
def seed_raw_lines(seed_path) -> list[str]:
    """The seed as scraped, page furniture included."""
    return [ln.strip() for ln in seed_path.read_text(encoding="utf-8").splitlines() if ln.strip()]


@pytest.fixture(scope="session")
def variant_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("variants")


@pytest.fixture(scope="session")
def styled_docx(variant_dir, seed_lines) -> Path:
    return to_docx(seed_lines, variant_dir / "styled.docx", True, title=TITLE)


@pytest.fixture(scope="session")
def plain_docx(variant_dir, seed_lines) -> Path:
    return to_docx(seed_lines, variant_dir / "plain.docx", False)


@pytest.fixture(scope="session")
def printed_pdf(variant_dir, seed_lines) -> Path:
    """A report as offices print it: full-width punctuation, indented justified paragraphs,
    a running header and "- N -" page numbers."""
    lines = [to_fullwidth(ln) for ln in seed_lines]
    docx = to_docx(lines, variant_dir / "printed.docx", True, title=TITLE, indent=True, justify=True,
                   running_header=RUNNING_HEADER, page_numbers=True)
    return docx_to_pdf(docx, variant_dir)


@pytest.fixture(scope="session")
def plain_pdf(variant_dir, plain_docx) -> Path:
    """Flush-left, unindented paragraphs: only line ends and punctuation show where they end."""
    return docx_to_pdf(plain_docx, variant_dir)


OFFICIAL_TITLE = "深圳市南山区南山街道办事处关于2023年法治政府建设工作情况的报告"
DATA_TABLE = [["指标", "2022年", "2023年"], ["行政复议案件", "12件", "15件"]]


@pytest.fixture(scope="session")
def official_pdf(variant_dir, seed_lines) -> Path:
    """公文 layout: a centred two-line title in large type, right-aligned signature, a table."""
    lines = [to_fullwidth(ln) for ln in seed_lines]
    docx = to_official_docx(lines, variant_dir / "official.docx", OFFICIAL_TITLE, table=DATA_TABLE)
    return docx_to_pdf(docx, variant_dir)


def minimal_pdf(content: bytes) -> bytes:
    """A one-page PDF whose page draws ``content`` (no fonts: a page with no text layer)."""
    stream = zlib.compress(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return pdf_of(objects)


def pdf_of(objects: list[bytes]) -> bytes:
    """A PDF file of numbered objects (object 1 the catalog), with its xref table and trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture
def scanned_pdf(tmp_path) -> Path:
    """What a scanner produces, as far as text goes: a page of pixels and shapes, no characters."""
    gray = bytes((x * 16 + y * 16) % 256 for y in range(16) for x in range(16))
    content = (
        b"0.9 g 50 50 495 742 re f\n"
        b"q 400 0 0 560 97 140 cm\nBI /W 16 /H 16 /CS /G /BPC 8 ID\n" + gray + b"\nEI Q\n"
    )
    path = tmp_path / "scanned.pdf"
    path.write_bytes(minimal_pdf(content))
    return path
