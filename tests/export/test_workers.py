"""Jobs run side by side or one by one, and what a job leaves in reference cycles is freed when it ends."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import threading
import weakref
from pathlib import Path

import pytest

from matrix.export.workers import available_cpus, run_jobs, started_jobs, worker_count

from ..conftest import ROOT, wait_until


class _Node:
    """An object in a reference cycle, like python-docx's parts and their package."""

    def __init__(self) -> None:
        self.me = self


_made: list[weakref.ref] = []


def _make_cycle(number: int) -> int:
    alive = sum(ref() is not None for ref in _made)  # made by earlier jobs and still in memory
    _made.append(weakref.ref(_Node()))
    return alive


def test_the_cycles_a_job_leaves_are_freed_before_the_next_one_runs() -> None:
    _made.clear()
    gc.disable()  # no collection but the one after each job
    try:
        results = dict(run_jobs(_make_cycle, list(range(5)), workers=1))
    finally:
        gc.enable()
    assert results == dict.fromkeys(range(5), 0)


def test_run_jobs_leaves_the_collector_as_it_found_it() -> None:
    list(run_jobs(_make_cycle, [1, 2], workers=1))
    assert gc.get_freeze_count() == 0


def _pid(_job: int) -> int:
    return os.getpid()


@pytest.mark.skipif(worker_count(8) == 1, reason="workers are forked only on Linux with two or more CPUs")
def test_several_workers_run_the_jobs_in_other_processes_and_return_every_result() -> None:
    results = dict(run_jobs(_pid, list(range(8)), workers=2))
    assert sorted(results) == list(range(8))
    assert os.getpid() not in results.values()


def _read_shared(shared: dict, job: int) -> tuple[int, int, str]:
    return os.getpid(), job, shared["text"]


@pytest.mark.parametrize("workers", [1, 2])
def test_every_job_reads_what_is_shared_and_it_is_never_pickled(workers: int) -> None:
    # a lock cannot be pickled: the workers can only have it from the memory they were forked with
    shared = {"text": "县科协", "lock": threading.Lock()}
    results = dict(run_jobs(_read_shared, list(range(6)), workers=workers, shared=shared))
    assert sorted(results) == list(range(6))
    assert all(job == index and text == "县科协" for index, (_, job, text) in results.items())
    if worker_count(8) > 1:
        assert (os.getpid() in {pid for pid, _, _ in results.values()}) == (workers == 1)


def _write_marker(folder: Path, job: str) -> str:
    (folder / job).write_text(str(os.getpid()), encoding="utf-8")
    return job


@pytest.mark.skipif(worker_count(8) == 1, reason="workers are forked only on Linux with two or more CPUs")
def test_started_jobs_are_written_by_the_workers_while_the_caller_does_its_own_work(tmp_path: Path) -> None:
    jobs = [f"notice-{n}" for n in range(4)]
    with started_jobs(_write_marker, jobs, workers=2, shared=tmp_path) as results:
        # the caller has not read a result yet, and the workers write all the same
        assert wait_until(lambda: all((tmp_path / job).exists() for job in jobs)), "the workers never wrote"
        assert sorted(job for _, job in results) == jobs
    assert str(os.getpid()) not in {(tmp_path / job).read_text(encoding="utf-8") for job in jobs}


def test_in_this_process_started_jobs_run_only_as_their_results_are_read(tmp_path: Path) -> None:
    with started_jobs(_write_marker, ["a", "b"], workers=1, shared=tmp_path) as results:
        assert not list(tmp_path.iterdir())
        assert next(results) == (0, "a")
        assert [p.name for p in tmp_path.iterdir()] == ["a"]
    assert not (tmp_path / "b").exists()  # left early: the rest is not run


def test_worker_count_gives_each_worker_enough_jobs() -> None:
    assert worker_count(1) == 1
    assert worker_count(3, requested=2) == 2
    assert worker_count(2, requested=5) == 2


def test_worker_count_gives_each_worker_enough_work_or_keeps_it_in_this_process() -> None:
    assert worker_count(100, work=999, least_work=1000) == 1
    assert worker_count(100, work=300, least_work=1000, requested=2) == 2  # --jobs wins
    expected = min(available_cpus(), 3) if sys.platform.startswith("linux") else 1
    assert worker_count(100, work=3000, least_work=1000) == expected


#: A parent that hands two workers a job each that would last ten minutes.
_PARENT = """
import os, sys, time
from matrix.export.workers import run_jobs

def job(number):
    open(os.path.join(sys.argv[1], str(os.getpid())), "w").close()
    time.sleep(600)

list(run_jobs(job, [1, 2], workers=2))
"""


def _alive(pid: int) -> bool:
    """A process that exists and is not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="workers are forked only on Linux")
def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(_PARENT, encoding="utf-8")
    pids = tmp_path / "pids"
    pids.mkdir()
    parent = subprocess.Popen([sys.executable, str(script), str(pids)], cwd=ROOT)
    try:
        assert wait_until(lambda: len(list(pids.iterdir())) == 2), "the workers never started"
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    workers = [int(p.name) for p in pids.iterdir()]
    assert parent.pid not in workers
    assert wait_until(lambda: not any(map(_alive, workers))), [p for p in workers if _alive(p)]
