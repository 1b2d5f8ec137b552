"""What every plan must satisfy before exports see it, whichever reader produced it.

Each reader checks its own format; these checks are about the plan itself and
would otherwise be repeated in five readers: a plan has at least one measure,
and its text holds no character that a workbook or Word file cannot store
(a control character pasted from another program, or an escape such as
``"\\x01"`` in YAML) and no text longer than an Excel cell holds, which
openpyxl would cut short without a word. Without them the input is accepted
and the build fails half-way through writing, or writes less than was read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import fields, is_dataclass

from ..errors import InputError
from ..model import Location, Plan
from ..workbook_layout import MAX_CELL_CHARS

__all__ = ["NO_MEASURES", "check_plan"]

#: The refusal of a plan in which no reader found a single measure.
NO_MEASURES = "方案中没有任何措施 (the plan has no measures)"

#: Characters XML 1.0 (hence .xlsx and .docx) cannot hold; tab and line ends are allowed.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def check_plan(plan: Plan) -> Plan:
    """Return ``plan`` unchanged if it can be exported.

    Raises
    ------
    InputError
        When the plan has no measures, two measures share an 编号, or a text
        in it holds a control character or is longer than
        :data:`~matrix.workbook_layout.MAX_CELL_CHARS`, located at the nearest
        measure, section or assignment.
    """
    if not plan.measures:
        raise InputError(NO_MEASURES, plan.source)
    _refuse_repeated_ids(plan)
    for text, where in _texts(plan, plan.source):
        if len(text) > MAX_CELL_CHARS:
            raise InputError(
                f"文字长达 {len(text):,} 字，超过 Excel 单元格 {MAX_CELL_CHARS:,} 字的上限："
                f"'{text[:20]}…'；请拆分 (text longer than an Excel cell holds)",
                where,
            )
        found = _UNSTORABLE.search(text)
        if found:
            raise InputError(
                f"文字中含有无法写入 Excel/Word 的控制字符 U+{ord(found.group()):04X}："
                f"'{_UNSTORABLE.sub('?', text)[:40]}' (control character)",
                where,
            )
    return plan


def _refuse_repeated_ids(plan: Plan) -> None:
    """Refuse a second measure with an 编号 already used: the matrix, notices and diff key measures by it, so
    the two would become one row holding both measures' departments. Plan text numbers measures by their
    headings, so a heading typed twice (（四） … （四）) gives two measures one 编号.
    """
    first: dict[str, Location | str] = {}
    for measure in plan.measures:
        where = measure.source if isinstance(measure.source, Location) else plan.source
        if measure.id in first:
            raise InputError(
                f"措施编号 '{measure.id}' 重复，首次出现在 {first[measure.id]}：两项措施会被并为一项；"
                "请检查章节或条目的编号是否重复 (duplicate measure id)",
                where,
            )
        first[measure.id] = where


def _texts(value: object, where: Location | str) -> Iterator[tuple[str, Location | str]]:
    """Every string in a model value, with the location of the closest value that has one."""
    if isinstance(value, str):
        yield value, where
    elif isinstance(value, tuple):
        for item in value:
            yield from _texts(item, where)
    elif is_dataclass(value) and not isinstance(value, (type, Location)):
        own = getattr(value, "source", None)
        where = own if isinstance(own, Location) else where
        for field in fields(value):
            if field.name != "source":
                yield from _texts(getattr(value, field.name), where)
