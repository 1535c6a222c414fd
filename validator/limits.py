"""Resource limits for input nobody vetted: files committed by anyone, uploads, rule files.

A report is a few hundred kilobytes of text; these bounds are far above any real one, so they
only ever stop a broken or hostile file, each with a message that names the limit.
"""

from __future__ import annotations

MB = 1024 * 1024

# Largest input file read at all (the CLI's --max-size; a scanned PDF report is 5-30 MB).
MAX_INPUT_BYTES = 50 * MB
# Seconds one file may take in the CLI's worker process (--timeout).
TIMEOUT_SECONDS = 30
# Address space of the worker process: a runaway parser stops with a MemoryError, not the machine.
MEMORY_BYTES = 2048 * MB
# A .docx is a zip: what its parts may unpack to (XML parts, and everything with the images).
DOCX_XML_BYTES = 100 * MB
DOCX_TOTAL_BYTES = 300 * MB
# Element nesting kept from a web page (real pages nest 20-60 deep; BeautifulSoup's cost grows
# with depth times elements).
HTML_MAX_DEPTH = 128
# A PDF: pages read, and the content streams (page drawing commands) of one page together.
PDF_MAX_PAGES = 2000
PDF_STREAM_BYTES = 4 * MB


def set_max_input(n_bytes: int) -> None:
    """The CLI's --max-size: readers look the bound up here at each read."""
    global MAX_INPUT_BYTES
    MAX_INPUT_BYTES = n_bytes


def size_text(n: int) -> str:
    """A byte count as a user reads it: 50 MB, 300 KB."""
    return f"{n // MB} MB" if n >= MB else f"{max(1, n // 1024)} KB"
# What any one PDF stream may inflate to (a fully embedded CJK font is up to ~20 MB).
PDF_INFLATE_BYTES = 64 * MB
# Codes one embedded CMap may map (a whole two-byte font is 65,536; ranges of 2^24 are bombs).
PDF_CMAP_CODES = 1 << 18
