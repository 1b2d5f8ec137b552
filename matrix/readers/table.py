"""Plans kept as a table, one row per measure: the 任务分工表 offices already maintain.

CSV files, the 任务分工表 sheet of a workbook and tables inside a Word file all
arrive here as rows of text, so the rules for headers, department lists and
required cells are written once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..errors import InputError
from ..leaders import split_leaders
from ..model import GUARANTEE_KIND, Assignment, Location, Measure, Plan, Section
from ..names import name_problem, split_departments
from ..raci import RaciConfig, assign, listed_twice

__all__ = [
    "COLUMNS",
    "HEADER_SEARCH_ROWS",
    "Row",
    "column_fields",
    "header_key",
    "is_header",
    "named_issuer",
    "plan_from_rows",
    "row_values",
    "table_heading",
    "table_plan",
]

#: Header spellings accepted for each field, Chinese first.
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("编号", "序号", "措施编号", "任务编号", "id"),
    "section": ("所属行动/工程", "所属行动", "所属工程", "重点任务", "任务类别", "章节", "section"),
    "title": ("措施", "具体措施", "任务", "措施名称", "任务名称", "工作任务", "title"),
    "text": ("内容", "措施内容", "具体内容", "任务内容", "text"),
    "leads": ("牵头单位", "牵头部门", "责任单位", "牵头", "leads"),
    "cooperators": ("配合单位", "参加单位", "配合部门", "协办单位", "参与单位", "配合", "cooperators"),
    "deadline": ("完成时限", "时限", "完成时间", "deadline"),
    "targets": ("量化目标", "目标", "targets"),
    "kind": ("类型", "措施类型", "kind"),
    "leaders": ("牵头领导", "责任领导", "分管领导", "牵头县领导", "leaders"),
}
#: Columns a table may carry that hold nothing the plan needs.
IGNORED = ("备注", "说明", "note", "notes")
REQUIRED = ("id", "title", "leads")


def header_key(cell: str | None) -> str:
    """A header cell as it is compared: NFKC, without any whitespace (NBSP, U+3000, Alt+Enter), in lower case.

    >>> header_key("牵头\u00a0单位 ")
    '牵头单位'
    >>> header_key("ＩＤ")
    'id'
    """
    return "".join(unicodedata.normalize("NFKC", cell or "").split()).lower()


_LOOKUP = {header_key(spelling): field for field, spellings in COLUMNS.items() for spelling in spellings}

#: Rows searched for the header of a table that starts with a title line.
HEADER_SEARCH_ROWS = 10
#: A title line: ``附件1``, then the issuer's ``…关于印发《plan》…的通知`` or ``《plan》…分工表`` or ``plan…分工表``.
_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[：:]?\s*")
_ISSUED = re.compile(r"^(?P<issuer>.+?)关于印发《(?P<title>[^》]+)》")
_QUOTED = re.compile(r"《(?P<title>[^》]+)》")
_TABLE_SUFFIX = r"(重点|主要)?(工作)?(任务)?(分工|分解|责任分工)(表|方案|清单|一览表|明细表)"
_TABLE_WORDS = re.compile(_TABLE_SUFFIX + "$")
#: A table's own title naming its plan in book-title marks: 《…实施方案》重点任务分工表.
_TABLE_OF_PLAN = re.compile(r"《(?P<title>[^《》]+)》\s*" + _TABLE_SUFFIX)
#: A line naming who issues the table: 印发单位：…, 发文单位：…, 制表单位：….
_ISSUER_LINE = re.compile(r"^(印发单位|发文单位|制表单位|发文机关)\s*[：:]\s*(?P<issuer>.+)$")


def is_header(cells: Sequence[str]) -> bool:
    """Whether a row is a table's header: it names a 措施 column and a 牵头单位 column."""
    fields = {_LOOKUP.get(header_key(c)) for c in cells}
    return {"title", "leads"} <= fields


def table_heading(rows: Sequence[Sequence[str]]) -> tuple[str, str]:
    """The plan's title and issuer from the lines above a table's header, ``""`` for what they do not say.

    Offices head a 任务分工表 with a line such as ``附件1 《五台县…实施方案》重点任务分工表``
    or ``五台县全民科学素质工作领导组关于印发《…》的通知``, sometimes with a
    ``印发单位：…`` line.

    Examples
    --------
    >>> table_heading([["附件1：五台县全民科学素质行动规划纲要实施方案重点任务分工表"]])
    ('五台县全民科学素质行动规划纲要实施方案', '')
    >>> table_heading([["五台县全民科学素质工作领导组关于印发《五台县实施方案》的通知"]])
    ('五台县实施方案', '五台县全民科学素质工作领导组')
    """
    title = issuer = ""
    for cells in rows:
        # a merged title cell may come as its text in every cell it covers
        line = _ATTACHMENT.sub("", "".join(dict.fromkeys(c.strip() for c in cells if c and c.strip())))
        if not line:
            continue
        if named := named_issuer(line):
            issuer = issuer or named
        elif found := _ISSUED.match(line):
            title, issuer = title or found.group("title"), issuer or found.group("issuer")
        elif not title and (found := _QUOTED.search(line)):
            title = found.group("title")
        elif not title:
            title = _TABLE_WORDS.sub("", line).strip()
    return title.strip(), issuer.strip()


def named_issuer(line: str) -> str:
    """The body a line such as ``印发单位：某县人民政府办公室`` names as the table's issuer, or ``""``.

    >>> named_issuer("印发单位：某县人民政府办公室"), named_issuer("某县重点任务分工表")
    ('某县人民政府办公室', '')
    """
    found = _ISSUER_LINE.match(line.strip())
    return found.group("issuer").strip() if found else ""


def table_plan(title: str) -> str:
    """The plan a task table's title names, or the title as it is.

    ``《某县优化营商环境实施方案》重点任务分工表`` is the table of the plan in the
    marks; taken whole as the plan's title, every notice read
    ``关于印发《《…》重点任务分工表》…`` with the marks doubled. Only a title that
    is the marks and the table's words is cut: ``关于落实《纲要》的实施方案`` stays.

    Examples
    --------
    >>> table_plan("《某县优化营商环境实施方案（2023-2025年）》重点任务分工表")
    '某县优化营商环境实施方案（2023-2025年）'
    >>> table_plan("关于落实《纲要》的实施方案")
    '关于落实《纲要》的实施方案'
    """
    found = _TABLE_OF_PLAN.fullmatch(title.strip())
    return found.group("title").strip() if found else title


@dataclass(frozen=True)
class Row:
    """One measure's cells by field name, and how to point at any of them."""

    values: dict[str, str]
    locate: Callable[[str], Location]


def column_fields(header: Sequence[str], locate: Callable[[int], Location]) -> dict[int, str]:
    """Map column positions to field names; refuse headers it does not know.

    Raises
    ------
    InputError
        For an unknown or repeated header, or when a required column is missing.
    """
    fields: dict[int, str] = {}
    for index, raw in enumerate(header):
        key = header_key(raw)
        if not key or key in IGNORED:
            continue
        field = _LOOKUP.get(key)
        if field is None:
            known = "、".join(spellings[0] for spellings in COLUMNS.values())
            raise InputError(f"无法识别的表头 '{raw}'，可用表头：{known} (unknown column)", locate(index))
        if field in fields.values():
            raise InputError(f"表头 '{raw}' 与前面的列重复 (duplicate column)", locate(index))
        fields[index] = field
    missing = [COLUMNS[f][0] for f in REQUIRED if f not in fields.values()]
    if missing:
        raise InputError(f"缺少必需的列：{'、'.join(missing)} (missing column)", locate(0))
    return fields


def row_values(
    cells: Sequence[str], header: Sequence[str], fields: dict[int, str], locate: Callable[[int], Location]
) -> dict[str, str]:
    """One row's cells by field name, from its cells in column order.

    A value in a column without a header, past the header's last column or
    under a blank header cell, would be dropped without a word, so it is
    refused at its cell (``locate`` takes the column index). Empty cells
    there, as a trailing comma leaves them, are fine.

    Raises
    ------
    InputError
        For the first value in a column without a header.
    """
    for index, cell in enumerate(cells):
        if index in fields or not cell.strip():
            continue
        if index >= len(header):
            raise InputError(
                f"此行有 {len(cells)} 列，表头只有 {len(header)} 列：第 {index + 1} 列的“{cell.strip()[:20]}”没有表头 "
                "(too many cells)",
                locate(index),
            )
        if not header_key(header[index]):
            raise InputError(
                f"第 {index + 1} 列没有表头，却有内容“{cell.strip()[:20]}”：请填写表头或删除此内容 "
                "(a value under a blank header)",
                locate(index),
            )
    return {fields[i]: cell for i, cell in enumerate(cells) if i in fields}


def _repeated_header(row: Row) -> bool:
    """Whether ``row`` is the header again (printed on every page, or pasted twice); such a row is skipped.

    A row of header words under other columns is no header of this table, and
    no measure either: it is refused rather than read as a measure 编号 led by
    a department 牵头单位.
    """
    filled = {field: _LOOKUP.get(header_key(value)) for field, value in row.values.items() if value.strip()}
    if not filled or None in filled.values():
        return False
    if all(found == field for field, found in filled.items()):
        return True
    field = next(field for field, found in filled.items() if found != field)
    raise InputError(
        f"此行像是一行表头，但“{row.values[field].strip()}”不在第一行表头的同一列 (a header row out of place)",
        row.locate(field),
    )


def _names(row: Row, field: str, config: RaciConfig) -> list[str]:
    names = split_departments(row.values.get(field, ""), config)
    for name in names:
        problem = name_problem(name)
        if problem:
            raise InputError(f"{COLUMNS[field][0]}：{problem}", row.locate(field))
    return names


def plan_from_rows(rows: Iterable[Row], *, title: str, source: str, config: RaciConfig | None = None) -> Plan:
    """Build a plan from table rows, grouping measures by their section column.

    Parameters
    ----------
    rows
        Rows in table order; blank rows should already be skipped.
    title
        The plan title (tables rarely carry one; callers use the file name).
    source
        The file, for messages and ``Plan.source``.
    config
        The RACI mapping; the defaults when omitted.

    Raises
    ------
    InputError
        A row without 编号, 措施 or 牵头单位 (unless its type is 保障措施),
        a duplicate 编号, a malformed department list, or no rows at all.
    """
    config = config or RaciConfig()
    grouped: dict[str, list[Measure]] = {}
    kinds: dict[str, str] = {}
    seen: dict[str, Location] = {}
    for row in rows:
        if _repeated_header(row):
            continue
        values = row.values
        kind = values.get("kind", "").strip()
        for field in REQUIRED:
            if not values.get(field, "").strip() and not (field == "leads" and kind == GUARANTEE_KIND):
                raise InputError(f"{COLUMNS[field][0]}为空 (empty required cell)", row.locate(field))
        measure_id = values["id"].strip()
        if measure_id in seen:
            raise InputError(
                f"措施编号 '{measure_id}' 重复，首次出现在 {seen[measure_id]} (duplicate measure id)",
                row.locate("id"),
            )
        seen[measure_id] = row.locate("id")
        leads, cooperators = _names(row, "leads", config), _names(row, "cooperators", config)
        leaders = split_leaders(values.get("leaders", ""))
        pairs = assign(leads, cooperators, config=config, leaders=leaders)
        twice = listed_twice(leads, cooperators)
        section = values.get("section", "").strip()
        kinds.setdefault(section, kind)
        grouped.setdefault(section, []).append(
            Measure(
                id=measure_id,
                title=values["title"].strip(),
                text=values.get("text", "").strip(),
                kind=kind,
                targets=tuple(t for t in (s.strip() for s in values.get("targets", "").splitlines()) if t),
                deadline=values.get("deadline", "").strip() or None,
                assignments=tuple(
                    Assignment(
                        n,
                        r,
                        row.locate("leads" if "R" in r else "cooperators"),
                        also=("C",) if n in twice else (),
                    )
                    for n, r in pairs
                ),
                source=row.locate("id"),
                leaders=leaders,
            )
        )
    if not grouped:
        raise InputError("表中没有任何措施 (the table has no measures)", source)
    sections = tuple(
        Section(id=str(index), title=name or "未分组", kind=kinds[name], measures=tuple(measures))
        for index, (name, measures) in enumerate(grouped.items(), start=1)
    )
    return Plan(title=title, sections=sections, raci=config, source=source)
