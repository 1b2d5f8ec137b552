"""The two sheets of a RACI workbook that say who does what must say the same.

The RACI矩阵 is what the reader takes the roles from; the 任务分工表 repeats
them as lists of names, for reading. An office that corrects a lead in the
任务分工表 alone would see its correction ignored without a word. The writer
stores a digest of the 任务分工表 (:func:`matrix.workbook_layout.division_digest`);
when the sheet comes back different from it, :func:`check_agreement` compares
its names with the roles of the RACI矩阵 and refuses the workbook at the first
cell where they part, naming the matrix cells too. An edit of the RACI矩阵 alone,
the documented way to correct an assignment, leaves the digest as it was and
the 任务分工表 is then not compared.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..errors import InputError
from ..model import Assignment, Location
from ..raci import is_lead

__all__ = ["DivisionRow", "check_agreement"]

_ADVICE = (
    "本工具以 RACI矩阵 为准：请在 RACI矩阵 中修改角色，或使两张表一致后再试 "
    "(the 任务分工表 disagrees with the RACI矩阵)"
)


@dataclass(frozen=True)
class DivisionRow:
    """One row of the 任务分工表 as read: the measure, its names, and the cells they are in."""

    ident: str
    leads: tuple[str, ...]
    cooperators: tuple[str, ...]
    id_cell: Location
    lead_cell: Location
    cooperator_cell: Location


def _named(names: Sequence[str], groups: Mapping[str, tuple[str, ...]], columns: Mapping[str, str]) -> set[str]:
    """The departments a list of names stands for: a group without a column of its own by its members."""
    found: set[str] = set()
    for name in names:
        members = groups.get(name, ())
        found.update(members if members and name not in columns else (name,))
    return found


def check_agreement(
    division: Sequence[DivisionRow],
    matrix: Mapping[str, tuple[int, Sequence[Assignment]]],
    columns: Mapping[str, str],
    groups: Mapping[str, tuple[str, ...]],
) -> None:
    """Refuse the workbook where the 任务分工表 names other leads or cooperators than the RACI矩阵 gives.

    Parameters
    ----------
    division
        The 任务分工表's rows.
    matrix
        Measure id -> (its row in the RACI矩阵, the assignments read from that row).
    columns
        Department -> the letter of its column in the RACI矩阵.
    groups
        Group name -> members, as the 说明 sheet lists them.

    Raises
    ------
    InputError
        At the 任务分工表 cell, naming the RACI矩阵 cells that say otherwise.
    """
    for row in division:
        if row.ident not in matrix:
            raise InputError(f"任务分工表中的措施 {row.ident} 不在 RACI矩阵 中；{_ADVICE}", row.id_cell)
        number, assignments = matrix[row.ident]
        for label, names, cell, lead in (
            ("牵头单位", row.leads, row.lead_cell, True),
            ("配合单位", row.cooperators, row.cooperator_cell, False),
        ):
            written = _named(names, groups, columns)
            held = {a.department for a in assignments if (is_lead(a.role) if lead else a.role == "C")}
            if written == held:
                continue
            role = "牵头" if lead else "配合"
            parts = [
                f"{columns[name]}{number}（{name}）不是{role}" if name in columns else f"没有“{name}”这一列"
                for name in sorted(written - held)
            ]
            parts += [f"{columns[name]}{number}（{name}）是{role}" for name in sorted(held - written)]
            raise InputError(
                f"任务分工表的{label}“{'、'.join(names) or '（空）'}”与 RACI矩阵 第 {number} 行不一致："
                f"RACI矩阵 中 {'，'.join(parts)}；{_ADVICE}",
                cell,
            )
