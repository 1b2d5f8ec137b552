"""Plan text as a file: encodings, dispatch by extension, and strict reading for raci build.

What the importer makes of the text is tested per module in tests/readers/plantext/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from matrix.errors import InputError
from matrix.readers import import_plan, read_plan

from .plantext.conftest import HEAD


def test_gbk_files_and_dispatch_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes("\n".join([*HEAD, "开展科普宣传。（县科协牵头）"]).encode("gb18030"))
    assert import_plan(path).plan.measures[0].leads == ("县科协",)
    assert read_plan(path).title == "某县科普工作实施方案"


def test_read_plan_refuses_a_text_plan_with_problems(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("\n".join([*HEAD, "开展科普宣传。（县科协配合）"]), encoding="utf-8")
    with pytest.raises(InputError, match=r"plan\.txt:5: 分工中没有牵头单位"):
        read_plan(path)
