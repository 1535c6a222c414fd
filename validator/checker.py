"""The library entry point: check report files against a profile, as the CLI and CI do."""

from __future__ import annotations

from pathlib import Path

from .engine import check
from .errors import InputError
from .readers import READERS
from .report import Report, load_report
from .results import Result
from .ruleset import Profile, infer_profile, resolve


def expand(paths: list[str]) -> list[str]:
    """Files to check: the paths given, with directories expanded to the reports inside them.

    A folder's README is its notes, not a report, so expansion leaves it out.
    """
    out: list[str] = []
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            found = sorted(
                str(f) for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in READERS and f.stem.upper() != "README"
            )
            if not found:
                raise InputError(path, "目录中没有可检查的报告文件")
            out.extend(found)
        else:
            out.append(path)
    return out


def check_report(report: Report, profile: str | None = None, rules: tuple[str, ...] = (),
                 fail_on: str = "error", resolved: dict[str, Profile] | None = None) -> Result:
    """Check an analysed report; without a profile, infer it from the issuing unit.

    ``resolved`` keeps the profiles already resolved in one run, so a user's rule files are read
    once for a folder of reports, not once per report.
    """
    if profile:
        name, reason = profile, f"按 --profile 指定使用 {profile}"
    else:
        name, reason = infer_profile(report.meta.unit, report.meta.cue)
    cache = resolved if resolved is not None else {}
    if name not in cache:
        cache[name] = resolve(name, rules)
    return check(report, cache[name], reason, fail_on)


def check_path(path: str, profile: str | None = None, rules: tuple[str, ...] = (),
               fail_on: str = "error", resolved: dict[str, Profile] | None = None) -> Result:
    return check_report(load_report(path), profile, rules, fail_on, resolved)
