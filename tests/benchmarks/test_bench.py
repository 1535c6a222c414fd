"""Speed targets, measured (not asserted): run with `pytest tests/benchmarks --benchmark-only`.

Figures are recorded in BENCHMARKS.md. The default test run skips these (--benchmark-skip).
"""

from __future__ import annotations

import json

from shared_paths import EXTERNAL, SEED, require
from validator.checker import check_report
from validator.report import Report, load_report, report_from_text
from validator.ruleset import resolve

require(SEED, module=True)


def test_outline_seed(benchmark):
    """Read the seed from disk and build its outline, metadata and figures (target: < 5 ms)."""
    report = benchmark(load_report, str(SEED))
    assert len(report.sections) == 3


def test_check_seed(benchmark):
    """Read, analyse and check the seed against its inferred profile (target: < 10 ms)."""
    resolve("township")  # rule files are loaded once per process, as in a CLI run over many files

    def run():
        return check_report(load_report(str(SEED)))

    result = benchmark(run)
    assert result.status == "pass"


def test_check_long_real_report(benchmark):
    """A real ~30,000-character 政府工作报告: long prose throughput."""
    item = max((json.loads(line) for line in EXTERNAL.read_text(encoding="utf-8").splitlines()),
               key=lambda d: len(d["content"]))
    text = f"{item['title']}\n{item['content']}"
    resolve("national")

    def run():
        return check_report(report_from_text(text), "national")

    result = benchmark(run)
    assert result.status == "fail"


def test_build_report_only(benchmark):
    """The analysis alone, from an already-read document (where the outline time goes)."""
    from validator.readers import read_path

    doc = read_path(str(SEED))
    report = benchmark(Report, doc)
    assert report.meta.year == 2023


def test_check_seed_traditional(benchmark, tmp_path):
    """The seed as a mirror site republishes it: traditional script with pinyin residue, every
    line converted (the converter's caches are emptied each round, as for a first file)."""
    from opencc import OpenCC

    from validator import normalize, script

    text = OpenCC("s2t").convert(SEED.read_text(encoding="utf-8")).replace("設", "設(shè)")
    path = tmp_path / "mirror.txt"
    path.write_text(text, encoding="utf-8")
    resolve("township")

    def run():
        script.to_simplified.cache_clear()
        normalize._position_map.cache_clear()
        return check_report(load_report(str(path)))

    result = benchmark(run)
    assert result.status == "pass"


REVIEW_FAMILIES = ("figures.percent-recompute", "figures.sum", "figures.yoy", "structure.numbering",
                   "dates.interim-cutoff.dated", "hygiene.instrument-period", "wording.foreign-subject", "reuse.")


def _without_review_checks(profile_name: str):
    """The profile without the issue-7 checks: the baseline their cost is measured against."""
    from validator.ruleset import Profile

    profile = resolve(profile_name)
    kept = [r for r in profile.rules if not r.id.startswith(REVIEW_FAMILIES)]
    return Profile(name=profile.name, title=profile.title, rules=kept, roles=profile.roles)


def test_check_seed_without_review_checks(benchmark):
    """test_check_seed with the issue-7 checks left out: their cost is the difference."""
    from validator.engine import check

    baseline = _without_review_checks("township")

    def run():
        return check(load_report(str(SEED)), baseline)

    benchmark(run)


def test_check_seed_with_previous(benchmark):
    """check --previous: read and analyse two seed-sized reports and compare them (target: < 100 ms)."""
    resolve("township")

    def run():
        return check_report(load_report(str(SEED)), previous=load_report(str(SEED)))

    result = benchmark(run)
    assert any(f.rule == "reuse.previous-year" for f in result.findings)
