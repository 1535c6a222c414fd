"""Checking many reports at once: up to N bounded workers side by side, results in input order.

A 司法局 checks hundreds of reports, a province thousands. Each file still runs in its own forked
child bounded in time and memory (validator/worker.py); here up to ``jobs`` children run at once
and the parent waits on all their pipes with one ``select``, so no threads are needed. Results are
yielded in the order of the paths whatever ``jobs`` is, and at most ``2 × jobs`` are held back
waiting for an earlier one, so memory stays flat however many files there are.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
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


def _load_and_check(path, profile, rules, fail_on, cache, masked=False, previous=None):
    """Worker side: the result, the profiles it resolved that the parent has not (so later
    children inherit them and a folder's rule files are still read once), and with ``masked``
    the text prepared for :mod:`validator.similar`."""
    from .checker import check_report, read_and_analyse

    known = set(cache)
    report = read_and_analyse(path)
    result = check_report(report, profile, rules, fail_on, cache, previous)
    text = None
    if masked:
        from .similar import prepare

        text = prepare(path, [b.text for b in report.document.content], report.meta.unit)
    return result, {k: v for k, v in cache.items() if k not in known}, text


def check_stream(paths: list[str], profile_for: Callable[[str], str | None], rules: tuple[str, ...] = (),
                 fail_on: str = "error", *, jobs: int = 1, timeout: float | None = None,
                 memory: int | None = None, resolved: dict[str, Profile] | None = None,
                 texts: list | None = None, previous=None) -> Iterator[Result | Unreadable]:
    """Each path's Result, or an Unreadable for a file that cannot be read, in the paths' order.

    A broken rule file is no per-report problem: its InputError propagates. A report-check
    defect (RuleFault) propagates too. Given a ``texts`` list, each report's masked text for
    :func:`validator.similar.pairs` is added to it (in no particular order); ``previous`` is last
    year's analysed report (reuse.previous-year). Where fork is missing, or with one job and no time limit,
    the files are checked in this process.
    """
    cache = resolved if resolved is not None else {}
    if not worker.available() or (jobs <= 1 and not timeout and texts is None):
        from .checker import check_paths

        for done, path in enumerate(paths):
            try:
                results, bad = check_paths([path], profile_for, rules, fail_on, cache, last_year=previous)
            except KeyboardInterrupt as exc:
                exc.done, exc.total = done, len(paths)
                raise
            yield from results or bad
        return
    jobs = max(1, jobs)
    warm, warmed = len(paths) >= WARM_FROM, set()
    workers: list[_Worker] = []
    ready: dict[int, Result | Unreadable] = {}
    following = 0  # the index of the next outcome to yield
    launched = 0
    masked = texts is not None
    try:
        while following < len(paths):
            while launched < len(paths) and launched - following < 2 * jobs:
                idle = next((w for w in workers if w.index is None), None)
                if idle is None and len(workers) >= jobs:
                    break
                path = paths[launched]
                profile = profile_for(path)
                for name in {profile or "national"} - set(cache):
                    cache[name] = resolve(name, rules)
                if warm:
                    _warm(set(cache), rules, fail_on, cache, warmed)
                if idle is None:
                    idle = _Worker((rules, fail_on, cache, masked, previous), memory, workers)
                    workers.append(idle)
                idle.give(launched, path, profile, timeout)
                launched += 1
            if following in ready:
                yield ready.pop(following)
                following += 1
                continue
            _collect(workers, ready, cache, texts, memory)
    except BaseException as exc:
        for w in workers:
            w.kill()
        workers.clear()
        if isinstance(exc, KeyboardInterrupt):
            exc.done, exc.total = following, len(paths)
        raise
    finally:
        for w in workers:
            w.stop()


def _read_exact(fd: int, n: int) -> bytes:
    out = bytearray()
    while len(out) < n:
        chunk = os.read(fd, n - len(out))
        if not chunk:
            return b""
        out += chunk
    return bytes(out)


def _serve(tasks: int, results: int, args: tuple, memory: int | None) -> None:
    """A worker child: check each (path, profile) it is sent, answer each, until its pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        worker.limit_memory(memory)
        rules, fail_on, cache, masked, previous = args
        while True:
            head = _read_exact(tasks, 4)
            if not head:
                break
            path, profile = pickle.loads(_read_exact(tasks, int.from_bytes(head, "little")))
            data = worker.payload_of(_load_and_check, (path, profile, rules, fail_on, cache, masked, previous))
            worker.write_all(results, len(data).to_bytes(4, "little") + data)
    finally:
        os._exit(0)


class _Worker:
    """A forked child that checks one file after another: the fork and the warm-up are paid once
    per worker, not per file. A file over its time is killed with its worker, which is replaced;
    a worker is also replaced after running out of memory and after FILES files, so what one
    file leaves behind cannot build up."""

    FILES = 500

    def __init__(self, args: tuple, memory: int | None, siblings: list[_Worker]):
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            # A sibling's task pipe held open here would keep it from ever seeing its last task.
            for fd in [task_w, result_r, *(f for s in siblings for f in (s.tasks, s.fd))]:
                os.close(fd)
            _serve(task_r, result_w, args, memory)
        os.close(task_r)
        os.close(result_w)
        self.pid, self.tasks, self.fd = pid, task_w, result_r
        self.buffer = bytearray()
        self.index: int | None = None
        self.name, self.deadline, self.timeout, self.served = "", None, None, 0

    def fileno(self) -> int:
        return self.fd

    def give(self, index: int, path: str, profile: str | None, timeout: float | None) -> None:
        task = pickle.dumps((path, profile), protocol=pickle.HIGHEST_PROTOCOL)
        worker.write_all(self.tasks, len(task).to_bytes(4, "little") + task)
        self.index, self.name, self.timeout = index, path, timeout
        self.deadline = time.monotonic() + timeout if timeout else None
        self.served += 1

    def read(self) -> bytes | None:
        """The answer once it is whole, else None; EOFError when the child died."""
        chunk = os.read(self.fd, 1 << 20)
        if not chunk:
            raise EOFError
        self.buffer += chunk
        if len(self.buffer) >= 4:
            n = int.from_bytes(self.buffer[:4], "little")
            if len(self.buffer) >= 4 + n:
                message = bytes(self.buffer[4:4 + n])
                del self.buffer[:4 + n]
                return message
        return None

    def _close(self) -> int:
        for fd in (self.tasks, self.fd):
            try:
                os.close(fd)
            except OSError:
                pass
        return os.waitpid(self.pid, 0)[1]

    def stop(self) -> None:
        """No more files: the child sees its task pipe close and exits."""
        self._close()

    def kill(self) -> int:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        return self._close()


def _collect(workers: list[_Worker], ready: dict, cache: dict, texts: list | None, memory: int | None) -> None:
    """Take the answers the busy workers have finished, and end those past their time."""
    busy = [w for w in workers if w.index is not None]
    deadlines = [w.deadline for w in busy if w.deadline is not None]
    wait = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
    readable, _, _ = select.select(busy, [], [], wait)
    for w in readable:
        index = w.index
        try:
            message = w.read()
        except EOFError:
            workers.remove(w)
            try:
                worker._decode([], w.kill(), w.name, memory)
            except InputError as exc:
                ready[index] = Unreadable(exc.path, exc.problem)
            continue
        if message is None:
            continue
        w.index = None
        payload = pickle.loads(message)
        if payload[0] == "memory" or w.served >= w.FILES:
            workers.remove(w)
            w.kill()
        try:
            result, new, text = worker.decode(payload, w.name, memory)
        except InputError as exc:
            ready[index] = Unreadable(exc.path, exc.problem)
            continue
        cache.update(new)
        if text is not None:
            texts.append(text)
        ready[index] = result
    now = time.monotonic()
    for w in busy:
        if w.index is not None and w.deadline is not None and now >= w.deadline and w in workers:
            workers.remove(w)
            w.kill()
            ready[w.index] = Unreadable(w.name, f"处理超时（{w.timeout:g}秒）：文件过于复杂或已损坏，已停止处理"
                                                "（可用 --timeout 调整时限）")
