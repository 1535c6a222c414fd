"""Reports that copy each other: a street office that took a neighbour's report and changed names.

Each report's text is masked first — its own issuing unit, place names ending in an
administrative suffix, years and every figure become placeholders — so the copy and its source
read alike. Character 5-gram shingles are hashed into MinHash signatures and paired by LSH
(datasketch), so ten thousand reports take seconds rather than an all-pairs loop; a candidate pair
is then measured exactly: ``share`` is the Jaccard similarity of the two shingle sets, and the
passages are the longest paragraphs the two share once masked.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

import numpy as np

SHINGLE = 5
PERMUTATIONS = 128
DEFAULT_THRESHOLD = 0.8
MIN_PASSAGE = 12  # characters: a shared heading is no evidence of copying

# Place and unit names: a run of characters ending in an administrative suffix.
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:自治州|自治县|特别行政区|街道办事处|街道|社区|省|市|县|区|镇|乡|村)")
_FIGURE = re.compile(r"[0-9０-９.．%％]+|[零〇一二三四五六七八九十百千万亿两]{2,}")
_NOISE = re.compile(r"[\s\W_]+")


@dataclass
class Text:
    """One report as compared. Shingles are a sorted array of 32-bit hashes, not a set of Python
    ints: 16 KB a seed-sized report instead of 200 KB, so ten thousand fit in a few hundred MB.
    The MinHash signature is made with them, in the worker that read the report."""

    path: str
    paragraphs: dict[str, str]  # masked paragraph → the paragraph as written
    shingles: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint32))
    signature: np.ndarray | None = None


@dataclass
class Pair:
    a: str
    b: str
    share: float
    passages: list[str]

    def to_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "share": round(self.share, 4), "passages": self.passages}


def mask(text: str, unit: str | None = None) -> str:
    """``text`` with the unit, place names, years and figures replaced, punctuation dropped."""
    if unit:
        text = text.replace(unit, "□")
    text = _PLACE.sub("□", text)
    text = _FIGURE.sub("0", text)
    return _NOISE.sub("", text)


def prepare(path: str, blocks: list[str], unit: str | None = None) -> Text:
    paragraphs: dict[str, str] = {}
    for block in blocks:
        masked = mask(block, unit)
        if masked:
            paragraphs.setdefault(masked, block.strip())
    joined = "".join(paragraphs)
    # crc32, not hash(): the same text gives the same signature in every run.
    shingles = np.unique(np.fromiter((zlib.crc32(joined[i:i + SHINGLE].encode())
                                      for i in range(max(0, len(joined) - SHINGLE + 1))), dtype=np.uint32))
    return Text(path, paragraphs, shingles, _signature(shingles) if shingles.size else None)


SCHEME = "affine32"  # datasketch's permutation scheme the signatures are made with


def _identity(value):
    return value


def _signature(shingles: np.ndarray) -> np.ndarray:
    """The MinHash signature of a shingle array: the crc32 values are already uniform 32-bit
    hashes, so they go to datasketch's permutations as they are, without a SHA-1 each."""
    from datasketch import MinHash

    m = MinHash(num_perm=PERMUTATIONS, hashfunc=_identity, scheme=SCHEME)
    m.update_batch(shingles.astype(np.uint64))
    return m.hashvalues


def _read(path: str) -> Text:
    """One report's masked text, made in a worker: reading and shingling run in parallel."""
    from .checker import read_and_analyse
    from .errors import InputError, RuleFault

    try:
        report = read_and_analyse(path)
    except RuleFault as exc:  # an analysis fault costs this file its comparison, not the run
        raise InputError(exc.path, exc.problem) from None
    return prepare(path, [b.text for b in report.document.content], report.meta.unit)


def load(paths: list[str], timeout: float | None, memory: int | None, jobs: int = 1):
    """Masked texts of the readable paths, and (path, problem) for the others."""
    from .batch import map_paths
    from .results import Unreadable

    texts, unreadable = [], []
    for got in map_paths(_read, paths, jobs=jobs, timeout=timeout, memory=memory):
        if isinstance(got, Unreadable):
            unreadable.append((got.path, got.problem))
        else:
            texts.append(got)
    return texts, unreadable


def pairs(texts: list[Text], threshold: float = DEFAULT_THRESHOLD) -> list[Pair]:
    """Pairs of texts at least ``threshold`` alike, most alike first (then by path)."""
    from datasketch import LeanMinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    signatures = {}
    for i, t in enumerate(texts):
        if t.signature is not None:
            signatures[i] = LeanMinHash(seed=1, hashvalues=t.signature, scheme=SCHEME)
            lsh.insert(i, signatures[i])
    found: list[Pair] = []
    for i, t in enumerate(texts):
        if i not in signatures:
            continue
        for j in lsh.query(signatures[i]):
            if j <= i:
                continue
            other = texts[j]
            common = np.intersect1d(t.shingles, other.shingles, assume_unique=True).size
            share = common / (t.shingles.size + other.shingles.size - common)
            if share >= threshold:
                found.append(Pair(t.path, other.path, share, _passages(t, other)))
    return sorted(found, key=lambda p: (-p.share, p.a, p.b))


def _passages(a: Text, b: Text, n: int = 3) -> list[str]:
    """The longest paragraphs both texts contain once masked, as written in ``a``."""
    common = sorted((p for p in a.paragraphs.keys() & b.paragraphs.keys() if len(p) >= MIN_PASSAGE),
                    key=lambda p: (-len(p), p))
    return [a.paragraphs[p] for p in common[:n]]


def to_text(found: list[Pair], unreadable: list) -> str:
    if not found:
        lines = ["未发现相似的报告"]
    else:
        lines = [f"相似的报告（{len(found)} 对）"]
        for p in found:
            lines.append(f"  {p.share:.0%}  {p.a}  ↔  {p.b}")
            lines.extend(f"    相同段落：“{s[:60]}{'…' if len(s) > 60 else ''}”" for s in p.passages)
    lines.extend(f"无法读取：{path}  {problem}" for path, problem in unreadable)
    return "\n".join(lines) + "\n"


def to_json(found: list[Pair], unreadable: list) -> str:
    import json

    return json.dumps({"pairs": [p.to_dict() for p in found],
                       "unreadable": [{"path": p, "error": e} for p, e in unreadable]},
                      ensure_ascii=False, indent=2) + "\n"
