"""The kind of document: is this a 法治政府建设年度报告, or a look-alike a reviewer rejects at once?

A 工作要点, a 解读, a 政府信息公开工作年度报告 or a 述法报告 all talk about rule of law, so the
subject's words cannot tell them apart. A reviewer looks at what the document says it is: its
title, its addressee, its opening sentence, its headings and its voice; never at a word used in
passing in the body (an annual report may say 上半年 or 五年来). The kinds and their cues are
data (the ``kinds`` option of the structure.subject rule); this module only reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .kinds.base import compile_any
from .normalize import normalize
from .report import Report

_OPENING_BLOCKS = 3  # the opening sentence a document uses to say what it is
_ADDRESSEE_BLOCKS = 6  # title, delivery line, speaker line, then the addressee
_TITLE_LINES = 3  # where no title was found: the first short lines stand in for it
_SHORT = 60
_TITLE_MIN = 8  # a column name left on the page ("规划计划", "政策解读") is shorter than any title
_BREADCRUMB = re.compile(r"[>›»]|位置")


@dataclass(frozen=True)
class KindMatch:
    """A document recognised as another kind, with the cue a reviewer would point to."""

    id: str
    name: str
    cue: str  # why, in Chinese: "标题“…”写明“工作要点”"
    line: int
    excerpt: str


def _rx(patterns) -> re.Pattern | None:
    return compile_any(tuple(patterns or ()))


def title_lines(report: Report) -> list[tuple[int, str, str]]:
    """(line, text, normalised text) of the title, or of the first short lines when none was found."""
    meta = report.meta
    if meta.title:
        return [(meta.title_line or 0, meta.title, re.sub(r"\s+", "", normalize(meta.title)))]
    out = []
    first = report.sections[0] if report.sections else None
    for i, block in enumerate(report.document.content[:_TITLE_LINES]):
        if len(block.norm) > _SHORT or "。" in block.norm:
            break
        # The outline starts here: a numbered part heading is never the title; an unnumbered
        # first line that markup made a heading (Word "Heading 1") may be.
        if first is not None and block.line >= first.line and (i > 0 or first.number):
            break
        if len(block.norm) >= _TITLE_MIN and not _BREADCRUMB.search(block.norm):
            out.append((block.line, block.text.strip(), re.sub(r"\s+", "", block.norm)))
    page = report.document.page_title
    if not out and page:
        # A web page whose title is only in <title>: its first segment, before the site name.
        text = re.split(r"[_|]| - ", page)[0].strip()
        if len(text) >= _TITLE_MIN:
            out.append((0, text, re.sub(r"\s+", "", normalize(text))))
    return out


def _quoted(items) -> str:
    return "".join(f"“{i}”" for i in items)


def _by_title(kind: dict, titles) -> KindMatch | None:
    rx, unless = _rx(kind.get("title")), _rx(kind.get("unless"))
    if rx is None:
        return None
    for line, text, norm in titles:
        m = rx.search(norm)
        if m and not (unless and unless.search(norm)):
            return KindMatch(kind["id"], kind["name"], f"标题“{text}”写明“{_as_written(text, norm, m)}”", line, text)
    return None


def _as_written(text: str, norm: str, m: re.Match) -> str:
    """The matched words as the title writes them ("2021—2025年", not the folded "2021-2025年")."""
    for written in (text.strip(), re.sub(r"\s+", "", text)):
        if len(written) == len(norm):
            return written[m.start():m.end()]
    return m.group(0)


def _by_addressee(kind: dict, report: Report) -> KindMatch | None:
    rx = _rx(kind.get("addressee"))
    if rx is None:
        return None
    for block in report.document.content[:_ADDRESSEE_BLOCKS]:
        m = rx.search(block.norm)
        if m:
            return KindMatch(kind["id"], kind["name"], f"抬头称呼为“{m.group(0).rstrip(':,!')}”",
                             block.line, block.text.strip()[:40])
    return None


def _opening(report: Report) -> list:
    """The paragraphs before the first heading (at most three): where a document says what it is."""
    first = report.sections[0].line if report.sections else None
    return [b for b in report.body[:_OPENING_BLOCKS] if first is None or b.line < first]


def _by_opening(kind: dict, report: Report) -> KindMatch | None:
    """The opening says what the document is ("制定本方案", "现将…印发给你们")."""
    rx = _rx(kind.get("opening"))
    if rx is None:
        return None
    for block in _opening(report):
        m = rx.search(block.norm)
        if m:
            words = _as_written(block.text, block.norm, m)
            return KindMatch(kind["id"], kind["name"], f"开头写明“{words}”", block.line, words)
    return None


def _by_headings(kind: dict, report: Report) -> KindMatch | None:
    """Headings that belong to another kind (起草背景, 主动公开政府信息情况, 保障措施…); with
    ``without``, only when no top-level heading is of this report's own kind (a review part)."""
    cue = kind.get("headings")
    if not cue:
        return None
    rx = _rx(cue["patterns"])
    sections = report.sections if cue.get("top") else report.all_sections
    hits = [s for s in sections if rx.search(normalize(s.heading))]
    if len(hits) < cue.get("min", 1):
        return None
    without = _rx(cue.get("without"))
    if without and any(without.search(normalize(s.heading)) for s in report.sections):
        return None
    names = [s.heading.strip() for s in hits[:3]]
    tail = "，没有回顾工作的部分" if without else ""
    return KindMatch(kind["id"], kind["name"], f"{'一级' if cue.get('top') else ''}标题为{_quoted(names)}{tail}",
                     hits[0].line, hits[0].label)


def _by_voice(kind: dict, report: Report) -> KindMatch | None:
    """A document written in the first person singular (本人, 我始终…) is one person's account;
    with ``opening``, only when it speaks so from its opening paragraphs on."""
    cue = kind.get("voice")
    if not cue:
        return None
    rx = _rx(cue["patterns"])
    if cue.get("opening") and not any(rx.search(b.norm) for b in _opening(report)):
        return None  # one part in the first person (a head's own account inside a unit's report)
    found, first = [], None
    for block in report.body:
        for m in rx.finditer(block.norm):
            found.append(m.group(0))
            if first is None:
                first = block
    chars = sum(len(b.norm) for b in report.body) or 1
    if len(found) < cue.get("min", 3) or len(found) * 10000 / chars < cue.get("per_10k", 0):
        return None
    samples = _quoted(list(dict.fromkeys(found))[:3])
    return KindMatch(kind["id"], kind["name"], f"通篇以第一人称单数陈述（{samples}等{len(found)}处）",
                     first.line, first.text.strip()[:40])


def _by_markers(kind: dict, report: Report) -> KindMatch | None:
    """Paragraphs tagged the way a task list is ("（牵头单位：…）"): a plan assigns work, a report
    recounts it."""
    cue = kind.get("markers")
    if not cue:
        return None
    rx = _rx(cue["patterns"])
    tagged = [(b, m) for b in report.body for m in [rx.search(b.norm)] if m]
    if len(tagged) < cue.get("min", 3):
        return None
    block, m = tagged[0]
    words = _as_written(block.text, block.norm, m)
    return KindMatch(kind["id"], kind["name"], f"逐项标注“{words}”（{len(tagged)}处）", block.line, words)


_STRUCTURE = (_by_addressee, _by_opening, _by_headings, _by_voice, _by_markers)


def classify(report: Report, kinds: list[dict]) -> KindMatch | None:
    """The first kind whose title cue matches; else the first whose structure cue does; else None.

    The title is the strongest witness, so every kind's title is tried before any structure.
    """
    titles = title_lines(report)
    for kind in kinds:
        found = _by_title(kind, titles)
        if found:
            return found
    for kind in kinds:
        for cue in _STRUCTURE:
            found = cue(kind, report)
            if found:
                return found
    return None
