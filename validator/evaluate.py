"""Per-rule precision and recall over a labelled folder (labels.yaml as in the shared corpus).

A label entry says which rule ids must be reported (as error or warning) and which must not; a
finding matches an id when its rule is the id or starts with the id plus ".".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .checker import check_path
from .errors import InputError

FLAGGING = ("error", "warning")


@dataclass
class RuleScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class Evaluation:
    scores: dict[str, RuleScore] = field(default_factory=dict)
    exits: list[tuple[str, str, str]] = field(default_factory=list)  # id, expected, got
    misses: list[str] = field(default_factory=list)  # human-readable disagreements

    @property
    def exit_agreement(self) -> int:
        return sum(1 for _, want, got in self.exits if want == got)


def _reported(findings, rule_id: str) -> bool:
    return any(f.severity in FLAGGING and f.rule == rule_id
               for f in findings)


def evaluate(folder: str, profile: str | None = None) -> Evaluation:
    labels_path = Path(folder) / "labels.yaml"
    try:
        entries = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(labels_path), "标注文件不存在") from None
    except yaml.YAMLError as exc:
        raise InputError(str(labels_path), f"YAML 语法错误（{exc}）") from None
    if not isinstance(entries, list):
        raise InputError(str(labels_path), "标注文件应为列表（每项含 file、expect、must、must_not）")
    ev = Evaluation()
    resolved: dict = {}
    for entry in entries:
        result = check_path(str(Path(folder) / entry["file"]), profile, resolved=resolved)
        got = "fail" if result.failed else "pass"
        ev.exits.append((entry.get("id", entry["file"]), entry.get("expect", ""), got))
        if entry.get("expect") and entry["expect"] != got:
            ev.misses.append(f"{entry['file']}: 期望{entry['expect']}，实际{got}")
        for rid in entry.get("must") or []:
            score = ev.scores.setdefault(rid, RuleScore())
            if _reported(result.findings, rid):
                score.tp += 1
            else:
                score.fn += 1
                ev.misses.append(f"{entry['file']}: 应报告 {rid}，未报告")
        for rid in entry.get("must_not") or []:
            score = ev.scores.setdefault(rid, RuleScore())
            if _reported(result.findings, rid):
                score.fp += 1
                ev.misses.append(f"{entry['file']}: 不应报告 {rid}，却报告了")
            else:
                score.tn += 1
    return ev


def to_text(ev: Evaluation) -> str:
    def pct(x):
        return "—" if x is None else f"{x * 100:.0f}%"

    width = max([len(r) for r in ev.scores] + [10]) + 2
    # "规则", "精确率" and "召回率" are two columns wide per character in a terminal.
    lines = [f"{'规则'}{' ' * (width - 4)}{'TP':>4}{'FP':>4}{'FN':>4}{'TN':>4}  {'精确率':>2}  {'召回率':>2}"]
    for rid in sorted(ev.scores):
        s = ev.scores[rid]
        lines.append(f"{rid:<{width}}{s.tp:>4}{s.fp:>4}{s.fn:>4}{s.tn:>4}  {pct(s.precision):>6}  {pct(s.recall):>6}")
    lines.append(f"退出码与期望一致：{ev.exit_agreement}/{len(ev.exits)}")
    lines += [f"  ✗ {m}" for m in ev.misses]
    return "\n".join(lines) + "\n"
