"""Could a raw line start a heading? Readers that re-flow wrapped text (PDF, hard-wrapped .txt)
must not glue a numbered heading onto the paragraph before it.

Works on original text (full-width forms included); the outline's exact ladder lives in
outline.py and works on normalised text.
"""

from __future__ import annotations

import re

HEADING_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+\s*[、.．]"
    r"|[（(]\s*[一二三四五六七八九十百]+\s*[）)]"
    r"|[\d０-９]{1,2}\s*[、．]|[\d０-９]{1,2}\.(?!\d)|[\d０-９]{1,2}\.(?=(?:19|20)\d{2}年)"
    r"|[（(]\s*[\d０-９]{1,2}\s*[）)]"
    r"|第[一二三四五六七八九十百\d]+[部分章节条節條]"
    r"|[①-⑳])"
)
