"""One file's work in a child process with a time limit and a memory limit.

A hostile or broken file can still find a slow or greedy path in a parser we do not own
(pdfminer, lxml, python-docx). The CLI therefore reads and checks each file in a forked child:
past ``timeout`` seconds it is killed, and its address space is capped, so one file costs
seconds and one line ("处理超时（30秒）：…"), never the job. Forking after the libraries are
imported costs about a millisecond; where there is no fork (Windows) the work runs in-process.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time

from . import limits
from .errors import InputError, RemoteError, RuleFault


def available() -> bool:
    return hasattr(os, "fork")


def _address_space() -> int:
    """Bytes of address space this process already maps (the child starts with the same)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def limit_memory(memory: int | None) -> None:
    """Cap this (child) process's address space at what it maps now plus ``memory``."""
    if memory:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = _address_space() + memory
        if hard != resource.RLIM_INFINITY:  # never above a limit set from outside (it cannot be raised)
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def payload_of(fn, args) -> bytes:
    """``fn(*args)`` done, as the pickled message a child sends its parent."""
    try:
        payload = ("ok", fn(*args))
    except InputError as exc:
        payload = ("input", exc.path, exc.problem)
    except RuleFault as exc:  # report-check's own defect: named as such, never as the file's
        payload = ("fault", exc.rule, exc.path, type(exc.cause).__name__, str(exc.cause)[:300])
    except MemoryError:
        payload = ("memory",)
    except Exception as exc:  # a library failing on a malformed file
        payload = ("error", type(exc).__name__, str(exc)[:300])
    try:
        return pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        return pickle.dumps(("memory",))


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _child(fn, args, w: int, memory: int | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        limit_memory(memory)
        write_all(w, payload_of(fn, args))
    finally:
        os._exit(0)


class Job:
    """One child at work: started at once, collected when its pipe says it is done or its time
    is up. Several can run side by side (validator/batch.py selects on their pipes)."""

    def __init__(self, fn, args, *, name: str, timeout: float | None, memory: int | None):
        self.name, self.timeout, self.memory = name, timeout, memory
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            _child(fn, args, w, memory)
        os.close(w)
        self.pid, self.fd = pid, r
        self.chunks: list[bytes] = []
        self.deadline = None if not timeout else time.monotonic() + timeout
        self.done = False

    def fileno(self) -> int:
        return self.fd

    def read(self) -> bool:
        """Take what the child has written; True once it has finished writing."""
        chunk = os.read(self.fd, 1 << 20)
        if chunk:
            self.chunks.append(chunk)
            return False
        self.done = True
        return True

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.close()

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
            os.waitpid(self.pid, 0)

    def timed_out(self) -> InputError:
        self.kill()
        return InputError(self.name, f"处理超时（{self.timeout:g}秒）：文件过于复杂或已损坏，已停止处理"
                                     "（可用 --timeout 调整时限）")

    def outcome(self):
        """The child's return value, or its failure raised as :func:`run` raises it."""
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        self.fd = -1
        return _decode(self.chunks, status, self.name, self.memory)


def run(fn, *args, name: str, timeout: float | None = limits.TIMEOUT_SECONDS,
        memory: int | None = limits.MEMORY_BYTES):
    """``fn(*args)`` in a child; its InputError is raised here, and so is a timeout, running out
    of memory or a crash, each as an InputError naming ``name`` and the limit."""
    if not available():
        return fn(*args)
    job = Job(fn, args, name=name, timeout=timeout, memory=memory)
    try:
        while True:
            wait = None if job.deadline is None else max(0.0, job.deadline - time.monotonic())
            ready, _, _ = select.select([job], [], [], wait)
            if not ready:
                raise job.timed_out()
            if job.read():
                break
    except BaseException:
        job.kill()
        raise
    return job.outcome()


def _decode(chunks: list[bytes], status: int, name: str, memory: int | None):
    if not chunks:
        how = f"信号 {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"退出码 {os.WEXITSTATUS(status)}"
        raise InputError(name, f"处理进程意外退出（{how}），文件可能已损坏")
    return decode(pickle.loads(b"".join(chunks)), name, memory)


def decode(payload: tuple, name: str, memory: int | None):
    """A child's message: its value, or its failure raised as an InputError or RuleFault."""
    kind = payload[0]
    if kind == "ok":
        return payload[1]
    if kind == "input":
        raise InputError(payload[1], payload[2])
    if kind == "fault":
        raise RuleFault(payload[1], payload[2], RemoteError(payload[3], payload[4]))
    if kind == "memory":
        limit = f"超过 {limits.size_text(memory)} 的上限" if memory else "超过本机可用内存"
        raise InputError(name, f"处理所需内存{limit}，已停止处理（文件可能已损坏或是恶意构造的）")
    raise InputError(name, f"无法读取文件（{payload[1]}: {payload[2]}）")
