"""The library entry point: check report files against a profile, as the CLI and CI do."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .engine import check
from .errors import InputError, RuleFault
from .readers import READERS, read_path
from .report import Report
from .results import Result, Unreadable
from .ruleset import Profile, infer_profile, resolve


# Old Word and WPS formats and OpenDocument text: found in report folders, read by no maintained
# pure-Python library, so they are listed as skipped with how to make them checkable.
SAVE_AS = {".doc": "Word 97-2003", ".wps": "WPS 文字", ".odt": "OpenDocument"}
# Folders that hold tools, not reports.
SKIP_DIRS = {"node_modules", "__pycache__", "site-packages", "venv"}


@dataclass
class Expansion:
    """What a list of command-line paths stands for: files to check and files left out, with why."""

    files: list[str] = field(default_factory=list)
    skipped: list[Unreadable] = field(default_factory=list)


def _walkable(folder: Path) -> bool:
    """Hidden folders, virtual environments and tool caches hold no reports."""
    return not (folder.name.startswith(".") or folder.name in SKIP_DIRS
                or (folder / "pyvenv.cfg").exists())


def _is_junk(name: str) -> bool:
    """Word lock files (~$报告.docx), macOS resource forks (._报告.docx) and hidden files."""
    return name.startswith(("~$", "._", "."))


def walk(root: Path):
    """Every file under ``root`` in name order, hidden folders and virtual environments left out."""
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.is_dir():
            if _walkable(entry):
                yield from walk(entry)
        elif entry.is_file():
            yield entry


def classify(f: Path) -> str | Unreadable | None:
    """A file found in a folder: "check", a skipped entry with a save-as hint, or None (not a
    report: other types, lock files, a folder's README)."""
    suffix = f.suffix.lower()
    if _is_junk(f.name):
        return None
    if suffix in SAVE_AS:
        return Unreadable(str(f), _save_as_hint(suffix), skipped=True)
    if suffix in READERS and f.stem.upper() != "README":
        return "check"
    return None


def expand_all(paths: list[str]) -> Expansion:
    """Files to check: the paths given, with directories expanded to the reports inside them.

    A folder's README is its notes, not a report, so expansion leaves it out; .doc/.wps/.odt
    files are listed as skipped with a save-as hint, never silently dropped.
    """
    out = Expansion()
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            found, skipped = [], []
            for f in walk(p):
                kind = classify(f)
                if kind == "check":
                    found.append(str(f))
                elif kind is not None:
                    skipped.append(kind)
            if not found and not skipped:
                raise InputError(path, "目录中没有可检查的报告文件")
            out.files.extend(found)
            out.skipped.extend(skipped)
        else:
            out.files.append(path)
    return out


def _save_as_hint(suffix: str) -> str:
    return (f"已跳过：{SAVE_AS[suffix]}（{suffix}）格式无法直接检查，请另存为 .docx（Word）或 .pdf 后再检查")


def check_report(report: Report, profile: str | None = None, rules: tuple[str, ...] = (),
                 fail_on: str = "error", resolved: dict[str, Profile] | None = None,
                 previous: Report | None = None) -> Result:
    """Check an analysed report; without a profile, infer it from the issuing unit.

    ``resolved`` keeps the profiles already resolved in one run, so a user's rule files are read
    once for a folder of reports, not once per report. ``previous`` is last year's report, which
    reuse.previous-year compares this one with.
    """
    if previous is not None:
        report.previous = previous
    if profile:
        name, reason = profile, f"按 --profile 指定使用 {profile}"
    else:
        name, reason = infer_profile(report.meta.unit, report.meta.cue)
    cache = resolved if resolved is not None else {}
    if name not in cache:
        cache[name] = resolve(name, rules)
    chosen = cache[name]
    if chosen.roles and chosen.roles is not report.role_words and chosen.roles != report.role_words:
        # A user's rule file changed the role words: the plan heading words also keep a plan's
        # year out of the report year, so the report is analysed again with them.
        again = Report(report.document, chosen.roles)
        again.previous = report.previous
        report = again
    return check(report, chosen, reason, fail_on)


def check_path(path: str, profile: str | None = None, rules: tuple[str, ...] = (),
               fail_on: str = "error", resolved: dict[str, Profile] | None = None,
               previous: str | None = None) -> Result:
    return check_report(read_and_analyse(path), profile, rules, fail_on, resolved, load_previous(previous))


def load_previous(path: str | None) -> Report | None:
    """Last year's report for --previous; a file that cannot be read stops the run (exit 2)."""
    if not path:
        return None
    try:
        document = read_path(path)
    except InputError as exc:
        raise InputError(exc.path, f"上一年度报告（--previous）：{exc.problem}") from None
    except Exception as exc:  # a reader library failing on a malformed file
        raise InputError(path, f"上一年度报告（--previous）无法读取（{type(exc).__name__}）") from None
    return analyse(document)


def analyse(document) -> Report:
    """A report from a document that was read; a failure here is report-check's, not the file's."""
    try:
        return Report(document)
    except Exception as exc:
        raise RuleFault("", document.path, exc) from exc


def read_and_analyse(path: str) -> Report:
    """Read a report and analyse it: an InputError is the file's, a RuleFault report-check's."""
    return analyse(read_path(path))


def check_paths(paths: list[str], profile_for, rules: tuple[str, ...] = (), fail_on: str = "error",
                resolved: dict[str, Profile] | None = None, timeout: float | None = None,
                memory: int | None = None, previous: str | None = None,
                last_year: Report | None = None) -> tuple[list[Result], list[Unreadable]]:
    """Check every path, collecting the ones that cannot be read instead of stopping at them.

    ``profile_for(path)`` gives the profile for a path (None: infer it). A broken rule file is not
    a per-report problem, so its InputError propagates. With ``timeout`` (seconds) each file is
    read and checked in a worker process bounded in time and ``memory`` (validator/worker.py);
    without, in this process, as the library API does.
    """
    results: list[Result] = []
    unreadable: list[Unreadable] = []
    cache = resolved if resolved is not None else {}
    last_year = last_year or load_previous(previous)
    if timeout:
        for outcome in check_stream(paths, profile_for, rules, fail_on, jobs=1, timeout=timeout,
                                    memory=memory, resolved=cache, previous=last_year):
            (unreadable if isinstance(outcome, Unreadable) else results).append(outcome)
        return results, unreadable
    try:
        _check_each(paths, profile_for, rules, fail_on, cache, results, unreadable, last_year)
    except KeyboardInterrupt as exc:  # the CLI says how far the batch got
        exc.done, exc.total = len(results) + len(unreadable), len(paths)
        raise
    return results, unreadable


def check_stream(paths: list[str], profile_for, rules: tuple[str, ...] = (), fail_on: str = "error", *,
                 jobs: int = 1, timeout: float | None = None, memory: int | None = None,
                 resolved: dict[str, Profile] | None = None, texts: list | None = None,
                 previous: Report | None = None, blocks: bool = True):
    """Each path's Result or Unreadable, in the paths' order, as soon as it is known: up to
    ``jobs`` files at once, each in a worker bounded by ``timeout`` and ``memory``
    (validator/batch.py). Memory stays flat: nothing is kept once yielded. ``texts`` collects
    the masked texts that :func:`validator.similar.pairs` compares; ``blocks=False`` leaves out the
    report text that only the HTML report shows."""
    from .batch import check_stream as stream

    return stream(paths, profile_for, rules, fail_on, jobs=jobs, timeout=timeout, memory=memory,
                  resolved=resolved, texts=texts, previous=previous, blocks=blocks)


def _check_each(paths, profile_for, rules, fail_on, cache, results, unreadable, last_year=None) -> None:
    for path in paths:
        profile = profile_for(path)
        try:
            document = read_path(path)
        except InputError as exc:
            unreadable.append(Unreadable(exc.path, exc.problem))
            continue
        except Exception as exc:  # a reader library failing on a malformed file
            unreadable.append(Unreadable(path, f"无法读取文件（{type(exc).__name__}: {exc}）"))
            continue
        report = analyse(document)
        results.append(check_report(report, profile, rules, fail_on, cache, last_year))
