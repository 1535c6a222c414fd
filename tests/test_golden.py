"""Golden results: what a user is shown for each example report in reports/ (and the seed, when
../shared is there), finding by finding: rule, sub-check, severity, line or position, section,
excerpt, message, basis and fix. A change in any of them fails here; so does each mutation a
regression could make (blank excerpts, zero lines, dropped basis, fix or section).

Regenerate after an intended change: REPORT_CHECK_GOLDEN=update pytest tests/test_golden.py,
then read the diff. The seed is a real report: its golden keeps digests of its text, not the text.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

import pytest

from shared_paths import SEED, require
from validator.checker import check_path
from validator.results import Result

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "compliant-txt": ROOT / "reports" / "compliant" / "songxi-county-2024.txt",
    "compliant-docx": ROOT / "reports" / "compliant" / "songxi-county-2024.docx",
    "defective-md": ROOT / "reports" / "defective" / "qiaonan-subdistrict-2024.md",
    "defective-html": ROOT / "reports" / "defective" / "qiaonan-subdistrict-2024.html",
    "seed": SEED,
}
PRIVATE = {"seed"}  # text shown only as a digest


def _digest(text: str | None) -> str | None:
    return None if text is None else "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def snapshot(result: Result, private: bool = False) -> dict:
    """Everything the user is shown about a report, in a form that diffs well."""
    hide = _digest if private else (lambda text: text)
    return {
        "title": hide(result.title), "unit": result.unit, "year": result.year, "profile": result.profile,
        "status": result.status,
        "checklist": [f"{item.rule} {item.status}" for item in result.checklist],
        "findings": [
            {"rule": f.rule, "check": f.check, "severity": f.severity, "line": f.line, "source": f.source,
             "section": hide(f.section), "excerpt": hide(f.excerpt), "message": hide(f.message),
             "basis": f.basis, "fix": f.fix}
            for f in result.findings
        ],
    }


def _path(name: str) -> Path:
    return require(CASES[name]) if name in PRIVATE else CASES[name]


def _golden(name: str) -> dict:
    return json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_results_match_the_golden_file(name):
    got = snapshot(check_path(str(_path(name))), name in PRIVATE)
    target = GOLDEN / f"{name}.json"
    if os.environ.get("REPORT_CHECK_GOLDEN") == "update":
        target.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == _golden(name)


def _mutate(field: str, value):
    return lambda f: dataclasses.replace(f, **{field: value})


MUTATIONS = {
    "blank excerpts": _mutate("excerpt", ""),
    "zero lines": lambda f: dataclasses.replace(f, line=0, source=""),
    "drop basis": _mutate("basis", ""),
    "drop fix": _mutate("fix", ""),
    "drop section": _mutate("section", None),
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_each_mutation_fails_the_golden_comparison(mutation):
    """The golden files would catch a regression that blanks what the user needs to act on."""
    change = MUTATIONS[mutation]
    for name in ("defective-md", "defective-html"):
        result = check_path(str(_path(name)))
        mutated = dataclasses.replace(result, findings=[change(f) for f in result.findings])
        assert snapshot(result) == _golden(name)
        assert snapshot(mutated) != _golden(name), (mutation, name)


@pytest.mark.parametrize("name", ["compliant-txt", "defective-md"])
def test_excerpts_come_from_the_original_text(name):
    """An excerpt pasted into Word's search finds the place: it is the file's text as written."""
    text = CASES[name].read_text(encoding="utf-8")
    result = check_path(str(CASES[name]))
    shown = [f.excerpt for f in result.findings if f.excerpt]
    shown += [c.evidence.excerpt for c in result.checklist if c.evidence and c.evidence.excerpt
              and not c.evidence.excerpt.startswith("（")]
    assert shown
    for excerpt in shown:
        core = excerpt.strip("…").split("（")[0]
        assert core in text, excerpt
