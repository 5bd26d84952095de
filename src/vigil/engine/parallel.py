"""Jobs in processes of their own, as many at a time as the machine has cores.

Each language of a course is a full MkDocs build, and MkDocs renders on one core: the
languages build side by side, one process each. A process is forked where the system
can (it starts at once and shares what the parent already loaded and checked), else
started afresh. The first failure stops the others; so does a signal to the parent, whose
unwinding ends every process still running before the build folder is removed.
"""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Callable, Mapping
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from vigil import processes

# The most of a worker's error message that is passed back (a pipe holds it whole).
MESSAGE_MAX = 4000


class JobError(Exception):
    """A job failed; the message names it (its key) and says why."""


def _child(job: Callable[[], None], out: Connection) -> None:
    """Run one job and send back "" or what went wrong. A signal is the parent's to handle:
    Ctrl-C reaches the whole process group, and the parent ends the workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    try:
        job()
        message = ""
    except OSError as err:
        where = f"{os.fsdecode(err.filename)}: " if err.filename else ""
        message = f"{where}{err.strerror or err}"
    except Exception as err:  # reported by the parent, as its own failures are
        message = str(err) or type(err).__name__
    out.send(message[:MESSAGE_MAX])
    out.close()


def _received(reader: Connection) -> str | None:
    """The worker's message, or None when it ended without one (killed, crashed)."""
    try:
        message = reader.recv() if reader.poll() else None
    except (EOFError, OSError):
        message = None
    reader.close()
    return message if isinstance(message, str) else None


def run_parallel(jobs: Mapping[str, Callable[[], None]], workers: int | None = None) -> None:
    """Run every job, `workers` (default: the cores) at a time; JobError on the first failure.

    Jobs must be picklable where processes cannot be forked (module-level functions, or
    functools.partial of them).
    """
    context = processes.context()
    limit = max(1, min(workers or processes.cores(), len(jobs)))
    waiting = list(jobs.items())
    running: dict[int, tuple[str, BaseProcess, Connection]] = {}
    # What the parent holds (the checked and translated course) is the workers' to read:
    # frozen, the garbage collector leaves it alone in them, neither scanning it again
    # nor copying the memory it is shared in.
    gc.freeze()
    try:
        while waiting or running:
            while waiting and len(running) < limit:
                key, job = waiting.pop(0)
                reader, writer = context.Pipe(duplex=False)
                process = context.Process(  # type: ignore[attr-defined]
                    target=_child, args=(job, writer), name=f"vigil-{key}", daemon=True
                )
                process.start()
                writer.close()
                running[process.sentinel] = (key, process, reader)
            for sentinel in wait(list(running)):
                assert isinstance(sentinel, int)
                key, process, reader = running.pop(sentinel)
                message = _received(reader)
                process.join()
                if message is None:
                    message = f"its process ended unexpectedly (exit code {process.exitcode})"
                if message:
                    raise JobError(f"{key}: {message}")
    finally:
        for _key, process, reader in running.values():
            process.terminate()
            process.join()
            reader.close()
        gc.unfreeze()
