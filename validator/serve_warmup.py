"""Imported once by the server's fork server, so every worker it forks starts warm.

A worker is a fresh process per upload (so it can be killed on time-out); forked from a parent
that has already resolved every profile, compiled the rules' patterns and rendered both output
formats once, it checks a report in milliseconds instead of paying that setup on each request.
"""

from __future__ import annotations

from .checker import check_report
from .formatters import render
from .report import report_from_text
from .results import Run
from .ruleset import profile_files

_SAMPLE = "\n".join([
    "示例县人民政府2024年法治政府建设年度报告",
    "一、2024年推进法治政府建设的主要举措和成效",
    "全年办理行政复议案件12件，办结率100%。",
    "二、存在的不足和原因",
    "三、2025年工作计划",
    "示例县人民政府",
    "2025年3月1日",
])


def warm() -> None:
    report = report_from_text(_SAMPLE, "warm-up.txt")
    for name in profile_files():
        result = check_report(report, name)
        for fmt in ("json", "html"):
            render(fmt, Run(results=[result]))
    report_from_text("<html><body><p>示例</p></body></html>", "warm-up.html", ".html")


warm()
