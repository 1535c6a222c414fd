"""Lines of a web page's source where each block's text stands.

A finding on a web page is worth a line only if it is a line of the file a team keeps in its
repository, so code review can pin it there. The parser's tree carries no line numbers, so the
page's visible text is re-scanned from the source once (tags, comments, the head and raw-text
elements skipped, entities decoded, whitespace dropped), each character keeping its source
offset; each block is then found in that text in reading order. A block not found (text the
reader composed, such as a numbered label) gets no line rather than a wrong one.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

_BODY = re.compile(r"<body\b", re.IGNORECASE)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:_-]*)")
_PIECE = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[A-Za-z][A-Za-z0-9]{0,31});?|[^\s&]+|&")
_NEWLINE = re.compile(r"\r\n?|\n")
_SPACE = re.compile(r"\s+")
_RAW = {"script", "style", "noscript", "template", "title", "textarea", "head", "iframe", "svg"}
KEY_CHARS = 16  # how much of a block's start is looked for
MAX_MISSES = 32  # blocks not found before searches are bounded to a window ahead: linear time
WINDOW = 65536
MAX_BREAKS = 200  # source lines told apart inside one block


@lru_cache(maxsize=16)
def _end_tag(name: str) -> re.Pattern:
    return re.compile(rf"</{re.escape(name)}\b", re.IGNORECASE)


class SourceLines:
    """The visible text of a page's source with the source offset of each character."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._pieces: list[str] = []
        self._starts: list[int] = []  # visible index where each run begins
        self._offsets: list[int] = []  # source offset of that run
        self._steps: list[int] = []  # 1: run copies the source; 0: an entity, one offset for all
        self._linked: list[bool] = []
        self._size = 0
        self._scan()
        self.visible = "".join(self._pieces)
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(source)]
        self._cursor = 0
        self._misses = 0

    def _text(self, start: int, end: int, linked: bool) -> None:
        for m in _PIECE.finditer(self.source, start, end):
            piece = m.group()
            step = 1
            if piece[0] == "&" and len(piece) > 1:
                piece = _SPACE.sub("", html.unescape(piece))
                step = 0
            if piece:
                self._pieces.append(piece)
                self._starts.append(self._size)
                self._offsets.append(m.start())
                self._steps.append(step)
                self._linked.append(linked)
                self._size += len(piece)

    def _scan(self) -> None:
        s = self.source
        n = len(s)
        body = _BODY.search(s)
        pos = body.start() if body else 0
        linked = False
        while pos < n:
            lt = s.find("<", pos)
            self._text(pos, n if lt < 0 else lt, linked)
            if lt < 0:
                return
            if s.startswith("<!--", lt):
                close = s.find("-->", lt + 4)
                pos = n if close < 0 else close + 3
                continue
            m = _TAG.match(s, lt)
            if m is None:  # a "<" that starts no tag is text
                self._text(lt, lt + 1, linked)
                pos = lt + 1
                continue
            gt = s.find(">", m.end())
            if gt < 0:
                return
            closing, name = m.group(1), m.group(2).lower()
            pos = gt + 1
            if name == "a":
                linked = not closing
            elif not closing and name in _RAW and s[gt - 1] != "/":
                end = _end_tag(name).search(s, pos)
                pos = n if end is None else end.start()

    def _offset(self, index: int) -> int:
        run = bisect_right(self._starts, index) - 1
        return self._offsets[run] + (index - self._starts[run]) * self._steps[run]

    def _is_linked(self, index: int) -> bool:
        return self._linked[bisect_right(self._starts, index) - 1]

    def line_of(self, text: str, *, outside_links: bool = False) -> int | None:
        """The 1-based source line where ``text`` starts, looked for after the previous block;
        ``outside_links`` skips link text (a breadcrumb or list repeating the report title)."""
        return self.lines_of(text, outside_links=outside_links)[0]

    def lines_of(self, text: str, *, outside_links: bool = False) -> tuple[int | None, tuple]:
        """The start line of ``text`` and, when it runs over several source lines, where each
        further line begins: ((index in the text without whitespace, line), ...)."""
        flat = _SPACE.sub("", text)
        key = flat[:KEY_CHARS]
        if not key or not self.visible:
            return None, ()
        bounded = self._misses >= MAX_MISSES
        end = self._cursor + WINDOW if bounded else len(self.visible)
        at = self._find(key, self._cursor, end, outside_links)
        if at is None and not bounded:
            at = self._find(key, 0, self._cursor, outside_links)
        if at is None:
            self._misses += 1
            return None, ()
        self._cursor = at + len(key)
        first = bisect_right(self._line_starts, self._offset(at))
        return first, self._breaks(flat, at, first)

    def _breaks(self, flat: str, at: int, first: int) -> tuple:
        """Where the text's later source lines begin, when the page holds the whole text there."""
        end = at + len(flat) - 1
        if len(flat) <= KEY_CHARS or not self.visible.startswith(flat, at):
            return ()
        last = bisect_right(self._line_starts, self._offset(end))
        out = []
        for line in range(first + 1, min(last, first + MAX_BREAKS) + 1):
            begin = bisect_left(range(at, end + 1), self._line_starts[line - 1], key=self._offset)
            out.append((begin, line))
        return tuple(out)

    def _find(self, key: str, start: int, end: int, outside_links: bool) -> int | None:
        for _ in range(64):
            at = self.visible.find(key, start, end + len(key))
            if at < 0:
                return None
            if not outside_links or not self._is_linked(at):
                return at
            start = at + 1
        return None
