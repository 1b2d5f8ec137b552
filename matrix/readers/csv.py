"""Plans kept as CSV, one row per measure (see :mod:`matrix.readers.table` for the columns).

Excel on Chinese Windows saves CSV as GBK (GB18030), everything else as UTF-8,
often with a BOM: all three are accepted, so an office never has to know which
one it has.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..model import Location, Plan
from .files import decode_text, read_bytes
from .table import HEADER_SEARCH_ROWS, Row, column_fields, is_header, plan_from_rows, row_values, table_heading

__all__ = ["read_csv"]


def read_csv(path: str | Path) -> Plan:
    """Read a plan from a CSV file whose header is the first row, or follows title lines.

    Title lines (one filled cell each, such as ``《…实施方案》重点任务分工表``)
    give the plan's title and issuer (:func:`~matrix.readers.table.table_heading`);
    without them the title is the file's name and the issuer is unknown.

    Raises
    ------
    InputError
        Unreadable or undecodable file, unknown header, or a bad row, with its line.
    """
    path = Path(path)
    # strict: text after a closing quote ("县委宣传部"县卫健局) and a quote never closed are errors; the
    # lenient default glued the first into one name and let the second swallow every row after it
    reader = csv.reader(io.StringIO(decode_text(read_bytes(path), path), newline=""), strict=True)
    heading: list[list[str]] = []
    try:
        header = next(reader)
        # title lines above the header: one filled cell each, as a merged title row saves
        while not is_header(header) and sum(1 for c in header if c.strip()) <= 1 and len(heading) < HEADER_SEARCH_ROWS:
            heading.append(header)
            header = next(reader)
    except StopIteration:
        raise InputError(
            "文件为空 (empty file)" if not heading else "标题行下没有表头 (no header under the title)", str(path)
        ) from None
    except csv.Error as exc:
        raise InputError(_malformed(exc), Location(str(path), line=reader.line_num)) from None
    header_line = reader.line_num
    fields = column_fields(header, lambda _column: Location(str(path), line=header_line))
    title, issuer = table_heading(heading)

    def rows():
        end = reader.line_num
        try:
            for cells in reader:
                # a record with a line break in a quoted cell spans lines: it is located at its first
                line, end = end + 1, reader.line_num
                if not any(c.strip() for c in cells):
                    continue
                values = row_values(cells, header, fields, lambda _column, line=line: Location(str(path), line=line))
                yield Row(values, lambda _field, line=line: Location(str(path), line=line))
        except csv.Error as exc:  # located at the record it stopped in, where the quote is
            raise InputError(_malformed(exc), Location(str(path), line=end + 1)) from None

    plan = plan_from_rows(rows(), title=title or path.stem, source=str(path))
    return replace(plan, issuer=issuer) if issuer else plan


def _malformed(error: csv.Error) -> str:
    """What a person reads for a CSV record the csv module cannot take apart."""
    if "expected after" in str(error):
        return '引号括起的内容之后还有文字：一个单元格只能整个加引号，如 "县委宣传部、县卫健局" (text after a quote)'
    if "end of data" in str(error):
        return "此行开始的引号直到文件末尾都没有闭合，之后的各行都会被并入一个单元格 (unclosed quote)"
    return f"CSV 格式错误 (malformed CSV): {error}"
