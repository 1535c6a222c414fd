"""Normalised text for matching: one spelling for full-width and half-width forms.

Reports mix （一） and (一), ２０２３ and 2023, ： and : ; rules and patterns are written against
the normalised form only, while display keeps the original text. The fold is a translate table,
not NFKC, so it keeps 、。“” and stays fast on long reports.
"""

from __future__ import annotations

import re

_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20})
_FOLD.update({ord(c): "-" for c in "－—–―﹣‐"})
_FOLD.update({ord(c): "~" for c in "～〜"})
_FOLD.update({ord("﹪"): "%", ord("．"): ".", ord("\ufeff"): None, ord("\u200b"): None})
_FOLD.update({ord(c): str(i) for i, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")})
_TABLE = str.maketrans(_FOLD)

_CJK = r"\u2e80-\u9fff\u3001-\u303f\uff00-\uffef“”‘’《》"
# Spaces next to a CJK character carry no meaning ("一、 主要举措", "南 山 街 道").
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])[ \t]+|[ \t]+(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t]+")


def normalize(text: str) -> str:
    """Return the matching form of one line: width folding, unified dashes, tidy spaces."""
    folded = text.translate(_TABLE)
    if " " in folded or "\t" in folded:
        folded = _SPACES.sub(" ", _SPACE_NEAR_CJK.sub("", folded))
    return folded.strip()
