"""Baselines: accept a report's current findings, each with a reason, and fail only on new ones.

A team adopting the gate on last year's reports records what it knows (``report-check baseline``)
and tightens over time: ``check --baseline FILE`` moves matching findings aside and lists entries
that no longer match, so a fixed problem can be deleted from the file. Findings are matched by
file, rule and a fingerprint of section and excerpt, never by line, since lines drift between
drafts; two identical findings need two entries.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import InputError
from .results import Finding, Result

VERSION = 1
HEADER = ("# report-check 基线：这些已知问题不再使 check --baseline 失败。问题改正后请删除对应条目。\n"
          "# 每条的 reason 说明为何暂时接受。\n")


def fingerprint(f: Finding) -> str:
    """Rule, section and excerpt (or message when there is none): stable while lines move."""
    key = "\x1f".join((f.code, f.section or "", f.excerpt or f.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Entry:
    path: str
    rule: str
    fingerprint: str
    reason: str
    message: str = ""
    excerpt: str = ""

    def key(self) -> tuple[str, str, str]:
        return (self.path, self.rule, self.fingerprint)

    def describe(self) -> str:
        return f"{self.path} {self.rule}“{self.excerpt or self.message}”"


def _path_key(path: str) -> str:
    from .formatters import repo_path

    return repo_path(path)


def entries_for(results: list[Result], reason: str) -> list[Entry]:
    return [Entry(_path_key(r.path), f.code, fingerprint(f), reason, f.message, f.excerpt)
            for r in results for f in r.findings]


def dump(entries: list[Entry]) -> str:
    data = {"version": VERSION, "entries": [
        {"path": e.path, "rule": e.rule, "fingerprint": e.fingerprint, "reason": e.reason,
         "message": e.message, **({"excerpt": e.excerpt} if e.excerpt else {})} for e in entries]}
    return HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def load(path: str) -> list[Entry]:
    """Read a baseline file; anything unusable is one InputError naming it."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "基线文件不存在（用 report-check baseline 生成）") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(path, f"无法读取基线文件（{exc}）") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entries"), list):
        raise InputError(path, f"不是 report-check 基线文件（应有 version: {VERSION} 和 entries 列表）")
    out = []
    for i, raw in enumerate(data["entries"], 1):
        if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) for k in ("path", "rule", "fingerprint")):
            raise InputError(path, f"第{i}条缺少 path、rule 或 fingerprint")
        out.append(Entry(raw["path"], raw["rule"], raw["fingerprint"], str(raw.get("reason") or ""),
                         str(raw.get("message") or ""), str(raw.get("excerpt") or "")))
    return out


def apply(results: list[Result], entries: list[Entry], checked: set[str] | None = None) -> list[Entry]:
    """Move findings the baseline accepts into ``Result.baselined``; return the entries that
    matched nothing. Entries for files not checked in this run are not called stale."""
    pool: dict[tuple[str, str, str], list[Entry]] = {}
    for e in entries:
        pool.setdefault(e.key(), []).append(e)
    for r in results:
        path = _path_key(r.path)
        kept = []
        for f in r.findings:
            matched = pool.get((path, f.code, fingerprint(f)))
            if matched:
                r.baselined.append((f, matched.pop(0).reason))
            else:
                kept.append(f)
        r.findings = kept
    paths = {_path_key(r.path) for r in results} if checked is None else checked
    return [e for group in pool.values() for e in group if e.path in paths]
