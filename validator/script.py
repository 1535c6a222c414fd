"""Traditional script and pinyin residue: what the matching fold does for mirror copies.

Mirror sites republish reports in traditional characters (切實履行…第一責任人職責, 發布時間),
and some leave the romanisation of each converted character behind it: 建設(shè), 統(tǒng)籌.
Rules, the outline and the metadata are written against simplified text, so the fold turns such
a line into simplified and drops the residue; the display keeps the line as written.

Conversion is OpenCC's (``hk2t`` then ``tw2s``: Hong Kong and Taiwan variants first, then
traditional to simplified, phrase by phrase). Its dictionaries map every phrase to one of the same
length, which is what lets findings point back into the original line. OpenCC is imported on
the first line that needs it, so a simplified report never loads it. Which lines need it is
decided from ``traditional_chars.txt``: every character the conversion changes on its own,
generated from the installed converter by ``python -m validator.script``, leaving out the
characters that simplified text shares (著 of 显著, 么 of 什么).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_CHARS_FILE = Path(__file__).with_name("traditional_chars.txt")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# Romanisation right after a CJK character, in half- or full-width brackets, with a tone mark:
# what a page converter leaves behind ("設(shè)", "統（tǒng）", "建設(jiàn shè)"). Bracketed Latin
# without a tone mark ("（APP）", "(PPP)") is report text and stays.
_SYLLABLE = f"[a-zü{_TONED}]{{1,6}}"
PINYIN = re.compile(
    rf"(?<=[\u3400-\u9fff\uf900-\ufaff])[(（][ \t]?(?=[^)）]*[{_TONED}])"
    rf"{_SYLLABLE}(?:[ \t]{_SYLLABLE}){{0,3}}[ \t]?[)）]"
)
# The CJK blocks _generate walks: radicals, Ext. A, the URO, compatibility ideographs, Ext. B–H.
_RANGES = ((0x2E80, 0x2FFF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))

# The few convertible characters that GB2312 (the simplified repertoire) also holds and that a
# simplified report does not use; the others (著 in 显著, 乾 in 乾坤, 么 in 什么) are simplified
# text too, and converting a simplified line would turn 显著 into 显着.
_TRADITIONAL_IN_GB2312 = "後於徵夥摺麽"
_GB2312_TRIGGER = re.compile(f"[{_TRADITIONAL_IN_GB2312}{_TONED}]")
_TRADITIONAL_GB2312 = re.compile(f"[{_TRADITIONAL_IN_GB2312}]")
_TONE = re.compile(f"[{_TONED}]")
_CHARS = frozenset(_CHARS_FILE.read_text(encoding="utf-8").strip())


def _outside_gb2312(text: str) -> bool:
    """True when the text has a character GB2312 lacks (the encoder does this in C, quickly)."""
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


def is_traditional(text: str) -> bool:
    """True when a line holds a traditional character.

    Most simplified lines encode in GB2312, which holds almost no traditional characters; only
    the lines that do not are looked up in the full table. This keeps the check cheap on the
    simplified reports that are the common case.
    """
    if _TRADITIONAL_GB2312.search(text):
        return True
    return _outside_gb2312(text) and not _CHARS.isdisjoint(text)


def needs_fold(text: str) -> bool:
    """True when ``fold_script`` would look at the line: traditional script or a tone mark."""
    if _GB2312_TRIGGER.search(text):
        return True
    return _outside_gb2312(text) and not _CHARS.isdisjoint(text)


@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC

    hk, tw = OpenCC("hk2t"), OpenCC("tw2s")
    return lambda text: tw.convert(hk.convert(text))


@lru_cache(maxsize=8192)
def to_simplified(text: str) -> str:
    """The simplified form of a line (no pinyin handling; see ``fold_script``)."""
    return _converter()(text)


def fold_script(text: str) -> str:
    """Drop pinyin residue and convert a traditional line to simplified; others are returned as is."""
    if _TONE.search(text):
        text = PINYIN.sub("", text)
    return to_simplified(text) if is_traditional(text) else text


def _generate() -> str:
    """Every character in the CJK ranges that the conversion changes when it stands alone,
    less those GB2312 holds (simplified text uses them) except the few it never does."""
    convert = _converter()
    found = []
    for lo, hi in _RANGES:
        chars = [chr(c) for c in range(lo, hi + 1)]
        out = convert("\n".join(chars)).split("\n")
        found += [a for a, b in zip(chars, out, strict=True)
                  if a != b and (a in _TRADITIONAL_IN_GB2312 or _outside_gb2312(a))]
    return "".join(found)


if __name__ == "__main__":
    _CHARS_FILE.write_text(_generate() + "\n", encoding="utf-8")
