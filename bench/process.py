"""Running one measured step in a fresh process: its wall time and its own peak memory.

Every large step runs in a process of its own, so that one step's peak
cannot hide another's and no step runs with a warm cache left by the one
before. The peak resident set size comes from ``wait4(2)``, the rusage of that
one child: ``getrusage(RUSAGE_CHILDREN)`` would report the largest child the
benchmark has ever waited for, mixing the peaks of earlier steps into later ones.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ChildFailed", "ChildRun", "run_child"]

#: ``ru_maxrss`` is in kibibytes on Linux (bytes on macOS).
_MAXRSS_UNIT = 1 if sys.platform == "darwin" else 1024


class ChildFailed(RuntimeError):
    """A measured child exited with a non-zero status; the message carries its stderr."""


@dataclass(frozen=True)
class ChildRun:
    """What one child cost, as seen from outside it."""

    #: Seconds from just before the fork to the reaping of the child: interpreter
    #: start, imports and the work, as a person typing the command would wait.
    wall: float
    #: CPU seconds of the child (user + system).
    cpu: float
    #: Peak resident set size of the child in bytes.
    max_rss: int
    stdout: str
    stderr: str


def run_child(command: Sequence[str], cwd: str | Path, env: Mapping[str, str] | None = None) -> ChildRun:
    """Run ``command`` in ``cwd`` and measure it; raise :class:`ChildFailed` if it fails.

    Output goes to temporary files rather than pipes, so the parent never has
    to read while the child runs and the child is reaped with ``os.wait4``,
    which returns the rusage of this child alone.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if process.returncode != 0:
        shown = " ".join(str(part) for part in command)
        raise ChildFailed(f"`{shown}` exited with {process.returncode}:\n{stderr[-4000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return ChildRun(wall=wall, cpu=cpu, max_rss=usage.ru_maxrss * _MAXRSS_UNIT, stdout=stdout, stderr=stderr)
