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
from .table import Row, column_fields, plan_from_rows

__all__ = ["decode_text", "read_csv"]


def decode_text(data: bytes, path: str | Path) -> str:
    """Decode UTF-8 (with or without BOM), else GB18030; ``InputError`` if neither fits.

    The error names the line of the first byte that is not UTF-8, which is
    where a file pasted together from two sources usually changes encoding.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(
            "无法识别文件编码（既不是 UTF-8 也不是 GBK），请另存为 UTF-8 (cannot decode as UTF-8 or GBK)",
            Location(str(path), line=line),
        ) from None


def read_csv(path: str | Path) -> Plan:
    """Read a plan from a CSV file whose first row is the header.

    Raises
    ------
    InputError
        Unreadable or undecodable file, unknown header, or a bad row, with its line.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件 (cannot read file): {exc.strerror}", str(path)) from None
    reader = csv.reader(io.StringIO(decode_text(data, path), newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("文件为空 (empty file)", str(path)) from None
    except csv.Error as exc:
        raise InputError(f"CSV 格式错误 (malformed CSV): {exc}", Location(str(path), line=1)) from None
    fields = column_fields(header, lambda _column: Location(str(path), line=1))

    def rows():
        try:
            for cells in reader:
                line = reader.line_num
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) > len(header):
                    raise InputError(
                        f"此行有 {len(cells)} 列，表头只有 {len(header)} 列 (too many cells)",
                        Location(str(path), line=line),
                    )
                values = {fields[i]: cell for i, cell in enumerate(cells) if i in fields}
                yield Row(values, lambda _field, line=line: Location(str(path), line=line))
        except csv.Error as exc:
            raise InputError(
                f"CSV 格式错误 (malformed CSV): {exc}", Location(str(path), line=reader.line_num)
            ) from None

    return plan_from_rows(rows(), title=path.stem, source=str(path))
