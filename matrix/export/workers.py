"""Spreading independent file writes over the machine's cores.

A notice is written from its own :class:`~matrix.export.notice.Notice` and
the template bytes alone, so the notices of a plan can be written side by side
in worker processes. python-docx holds the interpreter lock while it builds a
document, so threads would not help; processes do.

Workers are forked, so that they start in milliseconds with everything
already imported. Where forking is not the platform's way (Windows, and
macOS where it is unsafe with some system libraries) the writes run one after
another in the calling process: a county plan is written in a couple of
seconds either way, and the result is the same file for file.

Each job's garbage is collected as soon as it ends. A python-docx document is
a web of reference cycles, which Python frees only at a full collection;
left to itself the collector let the notices of a 300-department plan pile up
to over a gigabyte. What existed before the run is frozen meanwhile
(:func:`gc.freeze`), so that each collection looks only at what the jobs made.

A worker ends when the process that forked it ends, however that ends: a
worker waits on a pipe whose other end it holds itself, so a parent killed
with ``kill -9`` would otherwise leave its workers waiting for ever. Linux's
parent-death signal (``prctl(PR_SET_PDEATHSIG)``) is set as each worker
starts.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import TypeVar

__all__ = ["MIN_JOBS_PER_WORKER", "available_cpus", "run_jobs", "started_jobs", "worker_count"]

Job = TypeVar("Job")
Result = TypeVar("Result")

#: Below this many jobs a worker costs more to start and feed than it saves.
MIN_JOBS_PER_WORKER = 4

#: Forking is the cheap and safe way to start a worker only on Linux.
_CAN_FORK = sys.platform.startswith("linux")

#: ``prctl`` option: the signal a process gets when its parent ends (``linux/prctl.h``).
_PR_SET_PDEATHSIG = 1


def available_cpus() -> int:
    """The CPUs this process may run on (a container's limit, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worker_count(jobs: int, requested: int | None = None, *, work: int | None = None, least_work: int = 0) -> int:
    """How many processes should write ``jobs`` files; 1 means in this process.

    ``requested`` (the ``--jobs`` option) wins when given, within ``1..jobs``.
    Otherwise one worker per CPU, as long as each gets
    :data:`MIN_JOBS_PER_WORKER` jobs and, when the caller measures the jobs'
    ``work`` in its own units, ``least_work`` of it: starting a worker and
    handing it its jobs costs more than a small plan takes to write in this
    process. Only where workers can be forked.

    >>> worker_count(3, requested=8)
    3
    >>> worker_count(100, requested=1)
    1
    >>> worker_count(100, work=300, least_work=1000)
    1
    """
    if requested is not None:
        return max(1, min(requested, jobs))
    if not _CAN_FORK:
        return 1
    enough = jobs // MIN_JOBS_PER_WORKER
    if work is not None and least_work > 0:
        enough = min(enough, work // least_work)
    return max(1, min(available_cpus(), enough))


def run_jobs(
    function: Callable[..., Result], jobs: Sequence[Job], workers: int = 1, *, shared: object = None
) -> Iterator[tuple[int, Result]]:
    """Yield ``(index, function(job))`` for every job, in the order they finish.

    ``function`` must be a module-level function and the jobs picklable. With
    one worker, or where workers cannot be forked, the jobs run here in order.
    The first exception a job raises is raised here, after the jobs already
    running have finished (each writes its file atomically, so none is left
    half-written) and the rest were cancelled.

    ``shared`` is what every job reads, a plan and its graph: when given, each
    job runs as ``function(shared, job)``. Workers get it with the memory they
    are forked with, so it is never pickled, and a job can be as small as a
    department's name, its content built where it is written.
    """
    with started_jobs(function, jobs, workers, shared=shared) as results:
        yield from results


@contextmanager
def started_jobs(
    function: Callable[..., Result], jobs: Sequence[Job], workers: int = 1, *, shared: object = None
) -> Iterator[Iterator[tuple[int, Result]]]:
    """:func:`run_jobs`, started on entry: the workers write while the caller does its own work.

    The iterator the block gets yields the results as :func:`run_jobs` does;
    in this process (one worker) the jobs run only as it is read. Leaving the
    block early cancels the jobs not yet started and waits for the running ones.
    """
    call = partial(_collected, function if shared is None else partial(function, shared))
    with _frozen():
        if workers <= 1 or len(jobs) <= 1 or not _CAN_FORK:
            yield ((index, call(job)) for index, job in enumerate(jobs))
            return
        # imported here: a county plan's notices are written in this process, and these take a twentieth of a second
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _SHARED
        _SHARED = shared  # what the workers are forked with
        context = multiprocessing.get_context("fork")
        try:
            with ProcessPoolExecutor(
                workers, mp_context=context, initializer=_end_with_parent, initargs=(os.getpid(),)
            ) as pool:
                task = partial(_collected, function if shared is None else partial(_with_shared, function))
                pending = {pool.submit(task, job): index for index, job in enumerate(jobs)}
                try:
                    yield _finished(pending)
                finally:
                    for future in pending:
                        future.cancel()
        finally:
            _SHARED = None


#: The ``shared`` of the jobs the workers being forked run (see :func:`started_jobs`).
_SHARED: object = None


def _with_shared(function: Callable[..., Result], job: Job) -> Result:
    """``function(shared, job)`` in a worker, with the shared data it was forked with."""
    return function(_SHARED, job)


def _finished(pending: dict) -> Iterator[tuple[int, Result]]:
    from concurrent.futures import FIRST_EXCEPTION, wait

    while pending:
        done, _ = wait(pending, return_when=FIRST_EXCEPTION)
        for future in done:
            index = pending.pop(future)
            yield index, future.result()


def _end_with_parent(parent: int) -> None:
    """Worker start: be killed when ``parent`` ends, and end now if it already has."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no prctl: the worker lives on only until the pool is shut down
        return
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


def _collected(function: Callable[[Job], Result], job: Job) -> Result:
    """``function(job)``, then the job's cycles freed (in whichever process ran it)."""
    try:
        return function(job)
    finally:
        gc.collect()


@contextmanager
def _frozen() -> Iterator[None]:
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
