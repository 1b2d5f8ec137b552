"""What a reader copies out of the seeds' outputs is the plan's own text, with nothing unseen in it.

Both seed plans are built as ``raci build`` builds them; the notices are read back with
python-docx, as a program or a copy and paste reads them, and every file written is searched
for characters that are not drawn (see :mod:`tests.invisible`).
"""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document

import matrix
from matrix.export.official import TITLE
from matrix.export.word import notice_filename

from ..conftest import INPUT
from ..invisible import invisible_characters

DATE = dt.date(2026, 11, 23)


@pytest.fixture(scope="module", params=["wutai", "xinhuang"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> matrix.BuildResult:
    out = tmp_path_factory.mktemp("out")
    return matrix.build(INPUT / f"{request.param}.yaml", out, date=DATE, jobs=1, per_department=True)


def notice_text(path) -> str:
    """The text python-docx reads from a notice: paragraphs (the title without its line breaks) and table cells."""
    document = Document(str(path))
    paragraphs = [p.text.replace("\n", "") if p.style.name == TITLE else p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(paragraphs + cells)


def test_every_notice_carries_the_plan_title_and_its_measure_titles_verbatim(built: matrix.BuildResult) -> None:
    plan = built.plan
    notices = {p.name: p for p in built.notices}
    checked = 0
    for department in {a.department for m in plan.measures for a in m.assignments}:
        path = notices.get(notice_filename(department))
        if path is None:  # the office that issues the notices gets none
            continue
        text = notice_text(path)
        # cited with its period, the range's hyphen as typed (2021-2025)
        assert f"《{plan.title}（{plan.period}年）》" in text, department
        for measure in plan.measures:
            if department in {a.department for a in measure.assignments}:
                assert measure.title in text, (department, measure.id)
                checked += 1
    assert len(notices) > 20 and checked > 100  # the whole plan, not a corner of it


def test_no_file_written_carries_an_invisible_character(built: matrix.BuildResult) -> None:
    assert len(built.written) > 30
    assert [found for path in built.written for found in invisible_characters(path)] == []
