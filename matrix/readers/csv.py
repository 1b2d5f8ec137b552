"""Plans kept as CSV, one row per measure (see :mod:`matrix.readers.table` for the columns).

Excel on Chinese Windows saves CSV as GBK (GB18030), everything else as UTF-8,
often with a BOM: all three are accepted, so an office never has to know which
one it has.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import InputError
from ..model import Location, Plan
from .files import decode_text, read_bytes
from .table import Row, column_fields, plan_from_rows, row_values

__all__ = ["read_csv"]


def read_csv(path: str | Path) -> Plan:
    """Read a plan from a CSV file whose first row is the header.

    Raises
    ------
    InputError
        Unreadable or undecodable file, unknown header, or a bad row, with its line.
    """
    path = Path(path)
    reader = csv.reader(io.StringIO(decode_text(read_bytes(path), path), newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("文件为空 (empty file)", str(path)) from None
    except csv.Error as exc:
        raise InputError(f"CSV 格式错误 (malformed CSV): {exc}", Location(str(path), line=1)) from None
    fields = column_fields(header, lambda _column: Location(str(path), line=1))

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
        except csv.Error as exc:
            raise InputError(
                f"CSV 格式错误 (malformed CSV): {exc}", Location(str(path), line=reader.line_num)
            ) from None

    return plan_from_rows(rows(), title=path.stem, source=str(path))
