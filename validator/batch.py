"""Checking many reports at once: up to N bounded workers side by side, results in input order.

A 司法局 checks hundreds of reports, a province thousands. Up to ``jobs`` forked workers each take
one file after another, bounded per file in time and memory as validator/worker.py bounds a single
file; the parent waits on all their pipes with one ``select``, so no threads are needed. Results are
yielded in the order of the paths whatever ``jobs`` is, and only a few files per worker are held
ahead, so memory stays flat however many files there are. ``check_stream`` checks reports;
``map_paths`` runs any per-file function (``similar`` reads with it) on the same workers.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections import deque
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
    pending = sorted(set(names) - warmed)
    if not pending:
        return  # called for every file: building the sample report each time cost 0.3 ms a file
    from .checker import check_report
    from .report import report_from_text

    report = report_from_text(_SAMPLE, "warm-up.txt")
    for name in pending:
        check_report(report, name, rules, fail_on, cache)
        warmed.add(name)


def _load_and_check(path, profile, rules, fail_on, cache, masked=False, previous=None, blocks=True):
    """Worker side: the result, the profiles it resolved that the parent has not (so later
    children inherit them and a folder's rule files are still read once), and with ``masked``
    the text prepared for :mod:`validator.similar`. Without ``blocks`` the result leaves out the
    report's text, which only the HTML report shows: it is three quarters of what a seed-sized
    result pickles to, and unpickling it was the parent's largest cost per file."""
    from .checker import check_report, read_and_analyse

    known = set(cache)
    report = read_and_analyse(path)
    result = check_report(report, profile, rules, fail_on, cache, previous)
    if not blocks:
        result.blocks = ()
    text = None
    if masked:
        from .similar import prepare

        text = prepare(path, [b.text for b in report.document.content], report.meta.unit)
    return result, {k: v for k, v in cache.items() if k not in known}, text


def check_stream(paths: list[str], profile_for: Callable[[str], str | None], rules: tuple[str, ...] = (),
                 fail_on: str = "error", *, jobs: int = 1, timeout: float | None = None,
                 memory: int | None = None, resolved: dict[str, Profile] | None = None,
                 texts: list | None = None, previous=None, blocks: bool = True) -> Iterator[Result | Unreadable]:
    """Each path's Result, or an Unreadable for a file that cannot be read, in the paths' order.

    A broken rule file is no per-report problem: its InputError propagates. A report-check
    defect (RuleFault) propagates too. Given a ``texts`` list, each report's masked text for
    :func:`validator.similar.pairs` is added to it (in no particular order); ``previous`` is last
    year's analysed report (reuse.previous-year); ``blocks=False`` leaves the report text out of each
    Result (see _load_and_check). Where fork is missing, or with one job and no time limit,
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
    warm, warmed = len(paths) >= WARM_FROM, set()
    masked = texts is not None

    def settle(path: str) -> str | None:
        profile = profile_for(path)
        for name in {profile or "national"} - set(cache):
            cache[name] = resolve(name, rules)
        return profile

    def before_fork() -> None:
        if warm:
            _warm(set(cache), rules, fail_on, cache, warmed)

    def job(path: str, profile: str | None):  # runs in the worker, on the state it was forked with
        return _load_and_check(path, profile, rules, fail_on, cache, masked, previous, blocks)

    def take(value) -> Result:
        result, new, text = value
        cache.update(new)
        if text is not None:
            texts.append(text)
        return result

    yield from _pool(paths, settle, job, take, jobs=jobs, timeout=timeout, memory=memory, before_fork=before_fork)


def map_paths(fn: Callable[[str], object], paths: list[str], *, jobs: int = 1, timeout: float | None = None,
              memory: int | None = None) -> Iterator[object]:
    """``fn(path)`` for each path, or an Unreadable where it raised InputError, hung or ran out
    of memory, in the paths' order, on the same bounded workers as :func:`check_stream`."""
    if not worker.available():
        for path in paths:
            try:
                yield fn(path)
            except InputError as exc:
                yield Unreadable(exc.path, exc.problem)
        return
    yield from _pool(paths, lambda path: None, lambda path, _: fn(path), lambda value: value,
                     jobs=jobs, timeout=timeout, memory=memory)


def _pool(paths: list[str], settle, job, take, *, jobs: int, timeout: float | None, memory: int | None,
          before_fork=None) -> Iterator:
    """The one loop behind every batch: ``settle(path)`` in the parent gives the task's extra
    argument, ``job(path, extra)`` runs in a worker, ``take(value)`` turns its answer into what is
    yielded; ``before_fork()`` runs before each worker is forked, so it inherits that state."""
    jobs = max(1, jobs)
    workers: list[_Worker] = []
    ready: dict[int, object] = {}
    todo: deque[tuple[int, str, object]] = deque()  # files not yet given to a worker
    following = 0  # the index of the next outcome to yield
    listed = 0  # files settled (in todo, in a worker, or done)
    try:
        while following < len(paths):
            while listed < len(paths) and listed - following < 2 * jobs * _Worker.DEPTH:
                todo.append((listed, paths[listed], settle(paths[listed])))
                listed += 1
            while todo:
                idle = min((w for w in workers if w.accepts()), key=lambda w: len(w.queue), default=None)
                if (idle is None or idle.queue) and len(workers) < jobs:
                    if before_fork is not None:
                        before_fork()
                    idle = _Worker(job, memory, workers)
                    workers.append(idle)
                if idle is None:
                    break
                idle.give(*todo.popleft(), timeout)
            if following in ready:
                yield ready.pop(following)
                following += 1
                continue
            _collect(workers, ready, todo, memory, take)
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


def _serve(tasks: int, results: int, job, memory: int | None) -> None:
    """A worker child: run ``job`` on each (path, extra) it is sent, answer each, until its pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        worker.limit_memory(memory)
        while True:
            head = _read_exact(tasks, 4)
            if not head:
                break
            path, extra = pickle.loads(_read_exact(tasks, int.from_bytes(head, "little")))
            data = worker.payload_of(job, (path, extra))
            worker.write_all(results, len(data).to_bytes(4, "little") + data)
    finally:
        os._exit(0)


class _Worker:
    """A forked child that checks one file after another: the fork and the warm-up are paid once
    per worker, not per file. Each worker holds up to DEPTH files, so it starts the next one the
    moment it answers, without waiting for the parent to wake, read and send. A file's time runs
    from when its worker starts on it (the answer before it); a file over its time is killed with
    its worker, which is replaced, and the files queued behind it go to another. A worker is also
    replaced after running out of memory and after FILES files, so what one file leaves behind
    cannot build up."""

    FILES = 500
    DEPTH = 2

    def __init__(self, job, memory: int | None, siblings: list[_Worker]):
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            # A sibling's task pipe held open here would keep it from ever seeing its last task.
            for fd in [task_w, result_r, *(f for s in siblings for f in (s.tasks, s.fd))]:
                os.close(fd)
            _serve(task_r, result_w, job, memory)
        os.close(task_r)
        os.close(result_w)
        self.pid, self.tasks, self.fd = pid, task_w, result_r
        self.buffer = bytearray()
        self.queue: deque[tuple[int, str, str | None, float | None]] = deque()  # given, unanswered
        self.started: float | None = None  # when the file at the head of the queue was begun
        self.served = 0

    def fileno(self) -> int:
        return self.fd

    def accepts(self) -> bool:
        return len(self.queue) < self.DEPTH and self.served < self.FILES

    @property
    def name(self) -> str:
        return self.queue[0][1] if self.queue else ""

    @property
    def deadline(self) -> float | None:
        if not self.queue or not self.queue[0][3]:
            return None
        return self.started + self.queue[0][3]

    def give(self, index: int, path: str, profile: str | None, timeout: float | None) -> None:
        task = pickle.dumps((path, profile), protocol=pickle.HIGHEST_PROTOCOL)
        if not self.queue:
            self.started = time.monotonic()
        self.queue.append((index, path, profile, timeout))
        self.served += 1
        try:
            worker.write_all(self.tasks, len(task).to_bytes(4, "little") + task)
        except BrokenPipeError:
            pass  # the child is gone: its pipe's end-of-file tells _collect, which gives the file on

    def answered(self) -> int:
        """The head file is answered: its index; the next file's time starts now."""
        index = self.queue.popleft()[0]
        self.started = time.monotonic() if self.queue else None
        return index

    def unanswered(self, skip_head: bool) -> list[tuple[int, str, str | None]]:
        """The files given and not answered, without the head when it is the one that failed."""
        return [(i, path, profile) for i, path, profile, _ in list(self.queue)[1 if skip_head else 0:]]

    def read(self) -> bytes | None:
        """The answer once it is whole, else None; EOFError when the child died."""
        chunk = os.read(self.fd, 1 << 20)
        if not chunk:
            raise EOFError
        self.buffer += chunk
        return self.message()

    def message(self) -> bytes | None:
        """The next whole answer in the buffer (a worker may have sent two in one read)."""
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


def _retire(w: _Worker, workers: list[_Worker], todo: deque, failed_head: bool) -> None:
    """Take a worker out; the files it was given and did not answer go back to the front of todo,
    except the head when it is the file that hung or killed the worker."""
    workers.remove(w)
    todo.extendleft(reversed(w.unanswered(failed_head)))
    w.queue.clear()


def _collect(workers: list[_Worker], ready: dict, todo: deque, memory: int | None, take) -> None:
    """Take the answers the busy workers have finished, and end those past their time."""
    busy = [w for w in workers if w.queue]
    deadlines = [w.deadline for w in busy if w.deadline is not None]
    wait = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
    readable, _, _ = select.select(busy, [], [], wait)
    for w in readable:
        try:
            message = w.read()
        except EOFError:
            index, name = w.queue[0][0], w.name
            _retire(w, workers, todo, failed_head=True)
            try:
                worker._decode([], w.kill(), name, memory)
            except InputError as exc:
                ready[index] = Unreadable(exc.path, exc.problem)
            continue
        while message is not None and w.queue:
            name = w.name
            index = w.answered()
            payload = pickle.loads(message)
            if payload[0] == "memory" or (w.served >= w.FILES and not w.queue):
                _retire(w, workers, todo, failed_head=False)
                w.kill()
            try:
                ready[index] = take(worker.decode(payload, name, memory))
            except InputError as exc:
                ready[index] = Unreadable(exc.path, exc.problem)
            message = w.message() if w in workers else None
    now = time.monotonic()
    for w in busy:
        if w in workers and w.deadline is not None and now >= w.deadline:
            index, name, limit = w.queue[0][0], w.name, w.queue[0][3]
            _retire(w, workers, todo, failed_head=True)
            w.kill()
            ready[index] = Unreadable(name, f"处理超时（{limit:g}秒）：文件过于复杂或已损坏，已停止处理"
                                            "（可用 --timeout 调整时限）")
