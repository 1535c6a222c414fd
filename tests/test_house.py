"""The analysis runs one way down (frame → outline → year → metadata → roles): what each stage
reads is given to it, so a profile's own words reach the year as they reach the roles."""

from __future__ import annotations

import pytest

from validator.roles import merge_roles
from validator.report import Report, report_from_text
from tests.variants import to_html

# A report whose title and opening name no year: the first part heading with a year decides it.
LINES = [
    "青河区司法局法治政府建设年度报告",
    "一年来，青河区司法局坚持以习近平法治思想为指导，扎实推进法治政府建设，现将有关情况报告如下。",
    "一、2025年发展构想",
    "围绕建设法治青河目标，深化行政执法规范化建设。",
    "二、2024年主要举措和成效",
    "全年审查规范性文件21件，办理行政复议案件36件。",
    "三、存在的不足和原因",
    "行政执法队伍专业化水平仍需提高。",
]


def _words_with_plan(word: str) -> dict:
    return merge_roles(Report.bundled_role_words(), {"plan": {"headings": [word]}})


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_a_profiles_plan_words_keep_its_plan_heading_out_of_the_report_year(fmt):
    text = "\n".join(LINES) + "\n"
    make = (lambda words: report_from_text(text, role_words=words)) if fmt == "txt" else (
        lambda words: report_from_text(to_html(LINES[1:], title=LINES[0], source="青河区司法局"),
                                       name="r.html", ext=".html", role_words=words))
    bundled = make(None)
    assert bundled.meta.year == 2025 and bundled.meta.year_sources == {"headings": 2025}
    own = make(_words_with_plan("构想"))
    assert own.meta.year == 2024 and own.meta.year_sources == {"headings": 2024}
    first = own.sections[0]
    assert first.label == "一、2025年发展构想" and own.roles.of(first).role == "plan"


# The analysis stages in the order Report runs them; each may import only the stages above it.
STAGES = ["headings", "frame", "outline", "metadata", "figures", "roles"]


@pytest.mark.parametrize("stage", STAGES)
def test_no_stage_imports_a_later_one(stage):
    import ast
    from pathlib import Path

    import validator

    tree = ast.parse((Path(validator.__file__).parent / f"{stage}.py").read_text(encoding="utf-8"))
    imported = {node.module.lstrip(".") for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module and node.level == 1}
    later = STAGES[STAGES.index(stage) + 1:]
    assert imported.isdisjoint(later), f"{stage} imports {sorted(imported & set(later))}"
