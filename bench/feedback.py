"""Returned feedback sheets, filled in by program as departments fill them in by hand.

The benchmark collects them (:func:`fill_every_form`), and the tests fill
sheets row by row with :func:`fill_form` to check what the ledger makes of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path

import openpyxl

from matrix.track.form_layout import FIRST_ROW, FORM_SHEET, HEADER

__all__ = ["fill_every_form", "fill_form"]

Values = Mapping[str, object]


def fill_form(
    form: Path,
    out: Path,
    rows: Mapping[str, Values] | Callable[[str], Values | None],
    *,
    person: str = "张三",
    phone: object = "0350-1234567",
    day: dt.date | None = None,
) -> Path:
    """Fill ``form`` and save it as ``out``.

    ``rows`` gives, for a measure id, the cells to fill by header name
    (``{"完成状态": "推进中", "完成比例": 0.5}``), or nothing to leave the row
    empty; 责任人, 联系电话 and 报送日期 are filled on the rows it gives.
    """
    values_of = rows.get if isinstance(rows, Mapping) else rows
    workbook = openpyxl.load_workbook(form)
    sheet = workbook[FORM_SHEET]
    for row in range(FIRST_ROW, sheet.max_row + 1):
        values = values_of(sheet.cell(row, 1).value)
        if values is None:
            continue
        for name, value in {"责任人": person, "联系电话": phone, "报送日期": day, **values}.items():
            sheet.cell(row, HEADER.index(name) + 1).value = value
    out.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(out)
    return out


def fill_every_form(forms: Path, out: Path, *, day: dt.date) -> list[Path]:
    """Every form in ``forms`` with every row reported (one in three complete), saved under ``out``."""

    def report(measure: str) -> Values:
        done = sum(map(ord, measure)) % 3 == 0
        return {
            "进展情况": f"措施{measure}已按计划推进，完成阶段性任务，召开专题会议研究部署。",
            "完成状态": "已完成" if done else "推进中",
            "完成比例": 1.0 if done else 0.5,
            "存在问题": "" if done else "经费保障不足",
            "下一步措施": "巩固成果" if done else "加快推进",
        }

    return [fill_form(form, out / form.name, report, day=day) for form in sorted(forms.glob("*.xlsx"))]
