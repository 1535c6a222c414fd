"""The cross-report view of a batch: one row per report, one column per checklist rule.

A 司法局 sends this on (``--summary FILE``): ``.csv`` for any spreadsheet, ``.xlsx`` with coloured
cells, a frozen header, filters and sheets of findings and of similar reports, ``.html`` as one
self-contained page with a sortable matrix and a chart of the most-missed requirements. A
:class:`Tally` keeps only this compact view of each report, so a batch streamed report by report
can still end with totals without holding the results.
"""

from __future__ import annotations

import csv
import html
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .results import Result, Unreadable

# Checklist status → what a cell shows.
MARKS = {"ok": "✓", "violated": "✗", "not-applicable": "–"}
STATUS_ZH = {"pass": "通过", "fail": "不通过", "error": "无法读取", "skipped": "跳过"}


@dataclass
class Row:
    path: str
    status: str
    unit: str | None = None
    year: int | None = None
    profile: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)  # rule → checklist status
    problem: str = ""


@dataclass
class Tally:
    """What a batch's summary and totals need, added report by report."""

    keep_findings: bool = False
    rows: list[Row] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # rule → title, in first-seen order
    missed: Counter = field(default_factory=Counter)  # rule → reports where it is violated
    findings: list[tuple] = field(default_factory=list)  # (path, line/where, code, severity, message)

    def add(self, outcome: Result | Unreadable) -> None:
        if isinstance(outcome, Unreadable):
            self.rows.append(Row(outcome.path, outcome.status, problem=outcome.problem))
            return
        cells = {}
        for item in outcome.checklist:
            self.titles.setdefault(item.rule, item.title)
            cells[item.rule] = item.status
            if item.status == "violated":
                self.missed[item.rule] += 1
        self.rows.append(Row(outcome.path, outcome.status, outcome.unit, outcome.year, outcome.profile,
                             dict(outcome.counts), cells))
        if self.keep_findings:
            self.findings.extend((outcome.path, f.where, f.code, f.severity, f.message)
                                 for f in outcome.findings)

    @property
    def checked(self) -> list[Row]:
        return [r for r in self.rows if r.status in ("pass", "fail")]

    @property
    def unreadable(self) -> list[Row]:
        return [r for r in self.rows if r.status == "error"]

    def most_missed(self, n: int = 5) -> list[tuple[str, str, int]]:
        """(rule, title, reports) most often violated; ties by rule id, so the order is stable."""
        ranked = sorted(self.missed.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(rule, self.titles.get(rule, ""), count) for rule, count in ranked[:n]]

    def details_text(self) -> str:
        """Lines ending a text batch after its 合计 line: the most-missed items, the unreadable files."""
        lines = []
        top = self.most_missed()
        if top:
            lines.append("最常缺失的要求：")
            lines.extend(f"  {rule}  {title}  {count} 份报告" for rule, title, count in top)
        if self.unreadable:
            lines.append("无法读取的文件：")
            lines.extend(f"  {r.path}  {r.problem}" for r in self.unreadable)
        return "".join("\n" + line for line in lines)


def tally_of(run, keep_findings: bool = True) -> Tally:
    """The summary view of a collected run."""
    tally = Tally(keep_findings=keep_findings)
    for outcome in [*run.results, *run.unreadable]:
        tally.add(outcome)
    return tally


def _header(tally: Tally) -> list[str]:
    return ["文件", "结果", "单位", "年度", "规则集", "错误", "警告", "提示", *tally.titles]


def _values(tally: Tally, row: Row) -> list:
    base = [row.path, STATUS_ZH.get(row.status, row.status), row.unit or "", row.year or "", row.profile,
            row.counts.get("error", 0), row.counts.get("warning", 0), row.counts.get("info", 0)]
    if row.problem:
        base[2] = row.problem
    return base + [MARKS.get(row.cells.get(rule, ""), "") for rule in tally.titles]


def to_csv(tally: Tally) -> str:
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(_header(tally))
    for row in tally.rows:
        out.writerow(_values(tally, row))
    return buf.getvalue()


def write(path: str, tally: Tally, pairs: list | None = None) -> None:
    """Write the summary in the format the file's extension names."""
    from .output import write_text

    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        write_text(path, "\ufeff" + to_csv(tally))  # BOM: Excel on a Chinese Windows reads UTF-8
    elif suffix == ".html":
        write_text(path, to_html(tally, pairs or []))
    elif suffix == ".xlsx":
        _write_xlsx(path, tally, pairs or [])
    else:
        raise InputError(path, "--summary 的文件扩展名应为 .csv、.xlsx 或 .html")


FILLS = {"ok": "C6EFCE", "violated": "FFC7CE", "not-applicable": "EDEDED"}


def _write_xlsx(path: str, tally: Tally, pairs: list) -> None:
    import os
    import tempfile

    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "报告"
    ws.append(_header(tally))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    fills = {status: PatternFill("solid", fgColor=color) for status, color in FILLS.items()}
    first_rule = 9  # column of the first rule
    for r, row in enumerate(tally.rows, start=2):
        ws.append(_values(tally, row))
        for c, rule in enumerate(tally.titles, start=first_rule):
            fill = fills.get(row.cells.get(rule, ""))
            if fill:
                ws.cell(r, c).fill = fill
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions
    found = wb.create_sheet("问题")
    found.append(["文件", "位置", "规则", "严重程度", "说明"])
    for item in tally.findings:
        found.append(list(item))
    found.freeze_panes = "A2"
    found.auto_filter.ref = found.dimensions
    similar = wb.create_sheet("相似报告")
    similar.append(["报告甲", "报告乙", "相同比例", "最长相同段落"])
    for p in pairs:
        similar.append([p.a, p.b, round(p.share, 3), p.passages[0] if p.passages else ""])
    similar.freeze_panes = "A2"
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".report-check-", suffix=".xlsx", dir=folder)
        os.close(fd)
        wb.save(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(path, f"无法写入输出文件（{exc.strerror or exc}）") from None


_SCRIPT = """
document.querySelectorAll('th').forEach(function (th, col) {
  th.addEventListener('click', function () {
    var body = th.closest('table').tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var down = th.getAttribute('aria-sort') !== 'ascending';
    rows.sort(function (a, b) {
      var x = a.cells[col].textContent, y = b.cells[col].textContent;
      return (down ? 1 : -1) * x.localeCompare(y, 'zh', {numeric: true});
    });
    th.setAttribute('aria-sort', down ? 'ascending' : 'descending');
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"""
_STYLE = """
body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}
th,td{border:1px solid #ccc;padding:2px 6px;font-size:13px}th{cursor:pointer;background:#f4f4f4}
td.ok{background:#c6efce}td.violated{background:#ffc7ce}td.not-applicable{background:#ededed}
.bar{background:#c0392b;height:14px;display:inline-block}
"""


def to_html(tally: Tally, pairs: list) -> str:
    """One page, no external resource; every text escaped; a CSP that allows only its own
    inline script and style (by hash), as formatters/html.py does."""
    import base64
    import hashlib

    e = html.escape
    head = "".join(f'<th scope="col" title="{e(title)}">{e(rule)}</th>' if i >= 8 else f'<th scope="col">{e(rule)}</th>'
                   for i, (rule, title) in enumerate(
                       [(h, h) for h in _header(tally)[:8]] + list(tally.titles.items())))
    body = []
    for row in tally.rows:
        cells = [f"<td>{e(str(v))}</td>" for v in _values(tally, row)[:8]]
        for rule in tally.titles:
            status = row.cells.get(rule, "")
            cells.append(f'<td class="{status}">{MARKS.get(status, "")}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    top = tally.most_missed(10)
    most = max((c for _, _, c in top), default=1)
    chart = "".join(f"<tr><td>{e(rule)}</td><td>{e(title)}</td><td>{count}</td>"
                    f'<td><span class="bar" style="width:{round(200 * count / most)}px"></span></td></tr>'
                    for rule, title, count in top)
    similar = "".join(f"<tr><td>{e(p.a)}</td><td>{e(p.b)}</td><td>{p.share:.0%}</td>"
                      f"<td>{e(p.passages[0] if p.passages else '')}</td></tr>" for p in pairs)
    checked = tally.checked
    failed = sum(1 for r in checked if r.status == "fail")
    digest = lambda text: base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    csp = (f"default-src 'none'; script-src 'sha256-{digest(_SCRIPT)}'; "
           f"style-src 'sha256-{digest(_STYLE)}'; style-src-attr 'unsafe-inline'")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{e(csp)}">
<title>法治政府建设年度报告检查汇总</title><style>{_STYLE}</style></head><body>
<h1>检查汇总</h1>
<p>共 {len(tally.rows)} 个文件，检查 {len(checked)} 份，不通过 {failed} 份，无法读取 {len(tally.unreadable)} 个。</p>
<h2>最常缺失的要求</h2>
<table id="missed"><thead><tr><th>规则</th><th>要求</th><th>报告数</th><th>图示</th></tr></thead><tbody>{chart}</tbody></table>
<h2>报告 × 规则</h2>
<table id="matrix"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>
<h2>相似报告</h2>
<table id="similar"><thead><tr><th>报告甲</th><th>报告乙</th><th>相同比例</th><th>最长相同段落</th></tr></thead><tbody>{similar}</tbody></table>
<script>{_SCRIPT}</script>
</body></html>
"""
