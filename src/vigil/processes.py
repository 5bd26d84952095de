"""Work in processes of their own: how many cores there are, and a result computed beside.

A process is forked where the system can: it starts at once and shares what this one has
already loaded. A result is computed beside only from a process with one thread (a fork
copies no other thread, and a lock one of them held would stay locked in the copy) and
with a core to spare; otherwise the caller computes it itself.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

T = TypeVar("T")


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def context() -> multiprocessing.context.BaseContext:
    """Forking where the system can, else its default way of starting a process."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


class Beside(Generic[T]):
    """A result being computed in a forked process."""

    def __init__(self, process: BaseProcess, reader: Connection) -> None:
        self._process = process
        self._reader = reader

    def result(self) -> T | None:
        """The result, or None when the process failed (the caller computes it itself)."""
        try:
            found: T | None = self._reader.recv()
        except (EOFError, OSError):
            found = None
        self._reader.close()
        self._process.join()
        return found


def _send(job: Callable[[], T], out: Connection) -> None:
    # On a failure nothing is sent: the parent computes it again, and reports what fails.
    with out, contextlib.suppress(Exception):
        out.send(job())


def beside(job: Callable[[], T]) -> Beside[T] | None:
    """Start computing `job()` in a forked process, or None where that is not worth it or
    not safe. The process is a daemon: if its result is never asked for, it ends with this
    one."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    if threading.active_count() > 1 or cores() < 2:
        return None
    fork = multiprocessing.get_context("fork")
    reader, writer = fork.Pipe(duplex=False)
    process = fork.Process(target=_send, args=(job, writer), daemon=True)
    process.start()
    writer.close()
    return Beside(process, reader)
