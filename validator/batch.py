"""Checking many reports at once: up to N bounded workers side by side, results in input order.

A 司法局 checks hundreds of reports, a province thousands. Each file still runs in its own forked
child bounded in time and memory (validator/worker.py); here up to ``jobs`` children run at once
and the parent waits on all their pipes with one ``select``, so no threads are needed. Results are
yielded in the order of the paths whatever ``jobs`` is, and at most ``2 × jobs`` are held back
waiting for an earlier one, so memory stays flat however many files there are.
"""

from __future__ import annotations

import os
import select
import time
from collections.abc import Callable, Iterator

from . import worker
from .errors import InputError
from .results import Result, Unreadable
from .ruleset import Profile, resolve


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# A small report checked in the parent before forking, so each child starts with the lazily built
# state (compiled patterns, role words, profile caches) instead of rebuilding it per file: a cold
# child takes about 100 ms a report, a warmed one about 20 ms.
_SAMPLE = "\n".join([
    "青石乡人民政府2024年法治政府建设年度报告",
    "一、2024年推进法治政府建设的主要举措和成效",
    "乡党委书记履行推进法治建设第一责任人职责，全年办理行政复议案件3件，调解纠纷21件。",
    "二、存在的不足和原因",
    "执法人员培训不足，原因是经费有限。",
    "三、2025年推进法治政府建设的主要安排",
    "青石乡人民政府",
    "2025年1月10日",
])
WARM_FROM = 4  # files in a batch from which warming the parent pays for itself


def _warm(names, rules, fail_on, cache, warmed: set) -> None:
    from .checker import check_report
    from .report import report_from_text

    report = report_from_text(_SAMPLE, "warm-up.txt")
    for name in sorted(set(names) - warmed):
        check_report(report, name, rules, fail_on, cache)
        warmed.add(name)


def _load_and_check(path, profile, rules, fail_on, cache, masked=False):
    """Worker side: the result, the profiles it resolved that the parent has not (so later
    children inherit them and a folder's rule files are still read once), and with ``masked``
    the text prepared for :mod:`validator.similar`."""
    from .checker import check_report, read_and_analyse

    known = set(cache)
    report = read_and_analyse(path)
    result = check_report(report, profile, rules, fail_on, cache)
    text = None
    if masked:
        from .similar import prepare

        text = prepare(path, [b.text for b in report.document.content], report.meta.unit)
    return result, {k: v for k, v in cache.items() if k not in known}, text


def check_stream(paths: list[str], profile_for: Callable[[str], str | None], rules: tuple[str, ...] = (),
                 fail_on: str = "error", *, jobs: int = 1, timeout: float | None = None,
                 memory: int | None = None, resolved: dict[str, Profile] | None = None,
                 texts: list | None = None) -> Iterator[Result | Unreadable]:
    """Each path's Result, or an Unreadable for a file that cannot be read, in the paths' order.

    A broken rule file is no per-report problem: its InputError propagates. A report-check
    defect (RuleFault) propagates too. Given a ``texts`` list, each report's masked text for
    :func:`validator.similar.pairs` is added to it (in no particular order). Where fork is missing, or with one job and no time limit,
    the files are checked in this process.
    """
    cache = resolved if resolved is not None else {}
    if not worker.available() or (jobs <= 1 and not timeout and texts is None):
        from .checker import check_paths

        for done, path in enumerate(paths):
            try:
                results, bad = check_paths([path], profile_for, rules, fail_on, cache)
            except KeyboardInterrupt as exc:
                exc.done, exc.total = done, len(paths)
                raise
            yield from results or bad
        return
    jobs = max(1, jobs)
    warm, warmed = len(paths) >= WARM_FROM, set()
    running: dict[int, worker.Job] = {}
    ready: dict[int, Result | Unreadable] = {}
    following = 0  # the index of the next outcome to yield
    launched = 0
    try:
        while following < len(paths):
            while launched < len(paths) and len(running) < jobs and launched - following < 2 * jobs:
                path = paths[launched]
                profile = profile_for(path)
                for name in {profile or "national"} - set(cache):
                    cache[name] = resolve(name, rules)
                if warm:
                    _warm(set(cache), rules, fail_on, cache, warmed)
                running[launched] = worker.Job(_load_and_check, (path, profile, rules, fail_on, cache, texts is not None),
                                               name=path, timeout=timeout, memory=memory)
                launched += 1
            if following in ready:
                yield ready.pop(following)
                following += 1
                continue
            _wait(running, ready, cache, texts)
    except BaseException as exc:
        for job in running.values():
            job.kill()
        if isinstance(exc, KeyboardInterrupt):
            exc.done, exc.total = following, len(paths)
        raise


def _wait(running: dict[int, worker.Job], ready: dict, cache: dict, texts: list | None) -> None:
    """Collect whatever the running children have finished or overrun."""
    now = time.monotonic()
    deadlines = [j.deadline for j in running.values() if j.deadline is not None]
    wait = max(0.0, min(deadlines) - now) if deadlines else None
    readable, _, _ = select.select(list(running.values()), [], [], wait)
    for job in readable:
        if not job.read():
            continue
        index = next(i for i, j in running.items() if j is job)
        del running[index]
        try:
            result, new, text = job.outcome()
        except InputError as exc:
            ready[index] = Unreadable(exc.path, exc.problem)
            continue
        cache.update(new)
        if text is not None:
            texts.append(text)
        ready[index] = result
    now = time.monotonic()
    for index, job in list(running.items()):
        if job.deadline is not None and now >= job.deadline:
            del running[index]
            ready[index] = Unreadable(job.name, job.timed_out().problem)
