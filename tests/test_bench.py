"""The benchmark script runs end to end on a tiny size and writes the results it promises.

No timing is asserted here: the numbers depend on the machine. This only
guards the script itself, so ``python bench/run.py`` keeps working.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_the_benchmark_script_writes_json_with_every_step(tmp_path: Path) -> None:
    output = tmp_path / "bench.json"
    command = [sys.executable, "bench/run.py", "--sizes", "20x10", "--quick", "-o", str(output)]
    # the timeout only guards against a hang: on a busy machine, with the suite in parallel, it takes minutes
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    assert "ours/openpyxl" in done.stdout

    results = json.loads(output.read_text(encoding="utf-8"))
    assert set(results) >= {"machine", "repeat", "sizes", "seed", "targets", "targets_at"}
    (size,) = results["sizes"]
    assert (size["label"], size["measures"], size["departments"], size["cells"]) == ("20x10", 20, 10, 200)
    assert set(size["steps"]) == {
        "workbook", "openpyxl", "openpyxl_bordered", "xlsxwriter", "notices", "docx", "forms", "collect", "build"
    }  # fmt: skip
    assert size["steps"]["collect"]["documents"] == size["steps"]["forms"]["documents"] > 0
    assert size["steps"]["collect"]["reports"] > 0
    assert "collect ms/sheet" in done.stdout
    for name, step in size["steps"].items():
        assert "samples" in step or "skipped" in step, name
    assert len(size["steps"]["openpyxl"]["samples"]) == 1
    assert set(size["summary"]) >= {"workbook_vs_openpyxl", "notices_vs_docx", "us_per_cell", "peak_rss_mib"}
    assert set(results["seed"]) == {"build", "import"}
    assert [t["name"] for t in results["targets"]][-1].startswith("seed plan")


def test_a_malformed_size_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "bench/run.py", "--sizes", "40by30"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "size '40by30' should be MEASURESxDEPARTMENTS" in done.stderr
