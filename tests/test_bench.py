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
    assert "ours/styled" in done.stdout

    results = json.loads(output.read_text(encoding="utf-8"))
    assert set(results) >= {"machine", "repeat", "sizes", "seed", "targets"}
    (size,) = results["sizes"]
    assert (size["label"], size["measures"], size["departments"], size["cells"]) == ("20x10", 20, 10, 200)
    assert set(size["steps"]) == {
        "workbook", "openpyxl", "openpyxl_styled", "xlsxwriter", "notices", "docx", "forms", "collect", "build"
    }  # fmt: skip
    assert size["steps"]["collect"]["documents"] == size["steps"]["forms"]["documents"] > 0
    assert size["steps"]["collect"]["reports"] > 0
    assert "collect ms/sheet" in done.stdout
    for name, step in size["steps"].items():
        assert "samples" in step or "skipped" in step, name
    assert len(size["steps"]["openpyxl"]["samples"]) == 1
    assert "samples" in size["steps"]["openpyxl_styled"], size["steps"]["openpyxl_styled"]
    summary = size["summary"]
    assert set(summary) >= {"workbook_vs_styled", "notices_vs_docx", "us_per_assignment", "build_rss_mib"}
    assert summary["workbook_vs_styled"] > 0 and summary["build_wall_per_notice_s"] > 0
    assert set(results["seed"]) == {"build", "import"}
    targets = {(t["name"], t["at"]): t for t in results["targets"]}
    assert targets["workbook / styled openpyxl write-only, CPU", "20x10"]["value"] == summary["workbook_vs_styled"]
    assert targets["`raci build`, wall", "province"]["met"] is None  # not run
    assert targets["`raci build`, wall", "seed plan"]["limit"] == 1.0


def test_a_malformed_size_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "bench/run.py", "--sizes", "40by30"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "size '40by30' should be MEASURESxDEPARTMENTS" in done.stderr
