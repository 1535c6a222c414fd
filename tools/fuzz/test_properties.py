"""Structured fuzzing with hypothesis: numerals, figures, normalisation, dates and outlines.

Out of the default run (tests/ is the default path). Run:

    .venv/bin/pip install hypothesis
    .venv/bin/python -m pytest tools/fuzz -q            # HYPOTHESIS_EXAMPLES=5000 for a longer run
"""

from __future__ import annotations

import json
import math
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from validator.formatters import render_outline
from validator.checker import check_report
from validator.errors import InputError
from validator.figures import chinese_to_number, extract
from validator.normalize import normalize, original
from validator.report import report_from_text

SETTINGS = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "300")), deadline=2000,
                    suppress_health_check=[HealthCheck.too_slow])
NUMERAL = st.text(alphabet="零〇一二两三四五六七八九十百千万亿点余多", max_size=60)
LINE_CHARS = st.sampled_from(list("一二三四五六七八九十百千万亿零0123456789.,%、，。；：“”《》（）() 　个件次人元万亿"
                                  "分之百点余多约近超达以上左右年月日第条款项执法审核来源浏览\t"))
LINE = st.text(alphabet=LINE_CHARS, max_size=200)
HEADINGS = st.sampled_from(["一、", "二、", "（一）", "(二)", "1.", "2．", "第一章 ", "第一条 ", "", "", "", "#"])


@SETTINGS
@given(NUMERAL)
def test_chinese_numeral_is_a_finite_number_or_none(s):
    value = chinese_to_number(s)
    assert value is None or (math.isfinite(value) and value >= 0)


@SETTINGS
@given(LINE)
def test_figures_are_finite_and_inside_the_line(line):
    norm = normalize(line)
    for f in extract(norm):
        assert math.isfinite(f.value)
        assert 0 <= f.start < f.end <= len(norm) and norm[f.start:f.end] == f.text


@SETTINGS
@given(st.text(max_size=300))
def test_normalize_is_idempotent_and_maps_back(text):
    norm = normalize(text)
    assert normalize(norm) == norm
    if norm:
        assert original(text, norm) in (text, norm) or original(text, norm) in text


DATE = st.builds(lambda y, m, d, sep: f"{y}{sep[0]}{m}{sep[1]}{d}{sep[2]}",
                 st.integers(0, 99999), st.integers(0, 99), st.integers(0, 99),
                 st.sampled_from([("年", "月", "日"), ("-", "-", ""), (".", ".", ""), ("/", "/", "")]))


@SETTINGS
@given(st.lists(st.tuples(HEADINGS, LINE), max_size=25), DATE, st.sampled_from(["txt", "md", "html"]))
def test_any_outline_checks_cleanly(lines, signed, fmt):
    body = ["关于2023年法治政府建设情况的报告"] + [h + t for h, t in lines] + ["青禾县司法局", signed]
    text = "\n".join(body)
    if fmt == "md":
        text = "\n\n".join(body)
    elif fmt == "html":
        from html import escape

        text = "<html><body>" + "".join(f"<p>{escape(b)}</p>" for b in body) + "</body></html>"
    try:
        report = report_from_text(text, f"fuzz.{fmt}", f".{fmt}")
    except InputError:
        return
    result = check_report(report)
    json.loads(render_outline("json", report), parse_constant=lambda c: (_ for _ in ()).throw(AssertionError(c)))
    assert result.findings is not None
