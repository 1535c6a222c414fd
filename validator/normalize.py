"""Normalised text for matching: one spelling for full-width and half-width forms, and for
traditional and simplified script.

Reports mix （一） and (一), ２０２３ and 2023, ： and : ; mirror sites republish them in
traditional characters with pinyin left behind (建設(shè)). Rules and patterns are written against
the normalised form only, while display keeps the original text: ``original`` maps a span of the
normalised line back to the characters as written. The width fold is a translate table, not NFKC,
so it keeps 、。“” and stays fast on long reports; the script fold (validator/script.py) runs
only on lines that need it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .script import PINYIN, fold_script, is_traditional, needs_fold, to_simplified

_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20})
_FOLD.update({ord(c): "-" for c in "－—–―﹣‐"})
_FOLD.update({ord(c): "~" for c in "～〜"})
_FOLD.update({ord("﹪"): "%", ord("．"): ".", ord("\ufeff"): None, ord("\u200b"): None})
_FOLD.update({ord(c): str(i) for i, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")})
# Taiwan and Hong Kong texts quote with corner brackets: 「放管服」 is “放管服”.
_FOLD.update({ord("「"): "“", ord("」"): "”", ord("『"): "‘", ord("』"): "’"})
_TABLE = str.maketrans(_FOLD)
# ``str.translate`` looks every character of a CJK line up in the table (a dict) one by one. The
# characters a report is full of are replaced with ``str.replace`` (a C scan each) and the
# table is run only on a line that holds one of the others, which one class scan finds.
_COMMON = tuple((c, chr(_TABLE[ord(c)])) for c in "，（）；：！？\u3000")
_OTHERS = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_TABLE) if chr(cp) not in dict(_COMMON)) + "]")

_CJK = r"\u2e80-\u9fff\u3001-\u303f\uff00-\uffef“”‘’《》"
# Spaces next to a CJK character carry no meaning ("一、 主要举措", "南 山 街 道").
# A run is only tried from its first space, so a long run of spaces costs linear time.
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t]+|(?<![ \t])[ \t]++(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t]+")


def normalize(text: str) -> str:
    """Return the matching form of one line: width folding, unified dashes, simplified script
    without pinyin residue, tidy spaces."""
    folded = _fold_width(text)
    if needs_fold(folded):
        folded = fold_script(folded)
    if " " in folded or "\t" in folded:
        folded = _SPACES.sub(" ", _SPACE_NEAR_CJK.sub("", folded))
    return folded.strip()


def _fold_width(text: str) -> str:
    """``text.translate(_TABLE)``, computed faster on the common line."""
    for wide, narrow in _COMMON:
        if wide in text:
            text = text.replace(wide, narrow)
    return text.translate(_TABLE) if _OTHERS.search(text) else text


def original(text: str, norm: str, start: int = 0, end: int | None = None) -> str:
    """The characters of ``text`` as written that make up ``norm[start:end]``.

    The result is a substring of ``text`` (what a reader pastes into a search box), pinyin and
    spaces inside the span included. Where the fold cannot be mapped, the normalised span is
    returned.
    """
    end = len(norm) if end is None else min(end, len(norm))
    start = max(0, start)
    if start >= end:
        return ""
    if len(text) == len(norm):
        return text[start:end]  # no step deleted anything, so the fold maps one to one
    mapped = _position_map(text)
    if mapped is None or mapped[0] != norm:
        return norm[start:end]
    positions = mapped[1]
    return text[positions[start] : positions[end - 1] + 1]


@lru_cache(maxsize=4096)
def _position_map(text: str) -> tuple[str, tuple[int, ...]] | None:
    """``normalize(text)`` again, keeping for each of its characters the index it came from.

    Every step deletes characters or replaces one by one (OpenCC's phrases keep their length);
    a conversion that did not would leave no map, and None says so.
    """
    chars: list[str] = []
    index: list[int] = []
    for i, c in enumerate(text):
        for f in c.translate(_TABLE):
            chars.append(f)
            index.append(i)
    s = "".join(chars)
    if needs_fold(s):
        s, index = _substitute(PINYIN, "", s, index)
        if is_traditional(s):
            converted = to_simplified(s)
            if len(converted) != len(s):
                return None
            s = converted
    if " " in s or "\t" in s:
        s, index = _substitute(_SPACE_NEAR_CJK, "", s, index)
        s, index = _substitute(_SPACES, " ", s, index)
    lo, hi = len(s) - len(s.lstrip()), len(s.rstrip())
    return s[lo:hi], tuple(index[lo:hi])


def _substitute(rx: re.Pattern, repl: str, s: str, index: list[int]) -> tuple[str, list[int]]:
    """``rx.sub(repl, s)`` for a ``repl`` no longer than any match, carrying the index along:
    the replacement keeps the positions of the first characters it replaces."""
    out: list[str] = []
    new_index: list[int] = []
    last = 0
    for m in rx.finditer(s):
        out.append(s[last : m.start()])
        new_index.extend(index[last : m.start()])
        out.append(repl)
        new_index.extend(index[m.start() : m.start() + len(repl)])
        last = m.end()
    out.append(s[last:])
    new_index.extend(index[last:])
    return "".join(out), new_index
