"""The variant builders other tests rely on produce what they promise."""

from __future__ import annotations

from validator.normalize import normalize
from validator.readers import read_bytes

from .conftest import TITLE
from variants import heading_depth, to_fullwidth, to_gb18030, to_markdown


def test_markdown_variant_marks_headings(seed_lines):
    doc = read_bytes(to_markdown(seed_lines, title=TITLE).encode("utf-8"), "report.md", ".md")
    assert doc.blocks[0].is_title and doc.blocks[0].text == TITLE
    body = doc.blocks[1:]
    assert [b.norm for b in body] == [normalize(ln) for ln in seed_lines]
    for block, line in zip(body, seed_lines):
        depth = heading_depth(line)
        assert block.style_level == (depth + 1 if depth else None)


def test_fullwidth_and_gb18030():
    assert to_fullwidth("(一)2023年,完成100%:") == "（一）２０２３年，完成１００％："
    assert to_fullwidth("ISO 9001") == "ISO ９００１"  # letters and spaces stay
    assert normalize(to_fullwidth("(一)2023年,")) == "(一)2023年,"
    assert to_gb18030("第一责任人").decode("gb18030") == "第一责任人"
