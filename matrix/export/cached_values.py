"""Values stored beside formulas in a saved workbook, so a file preview shows the counts.

openpyxl writes a formula with an empty value: Excel recalculates on opening,
but a file preview, Excel's Protected View (how a file from an e-mail opens)
and WPS's reader show the cell blank until then. The writer knows every
count it asks a formula for, so it stores the answer too, in the saved file's
sheet XML: ``<c r="D3"><f>…</f><v></v></c>`` becomes ``…<v>2</v></c>``.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Mapping
from pathlib import Path

__all__ = ["store_cached_values"]

_FORMULA_CELL = re.compile(rb'(<c r="([A-Z]+[0-9]+)"[^>]*>)(<f>[^<]*</f>)<v></v>(</c>)')


def store_cached_values(path: Path, part: str, values: Mapping[str, int | float]) -> None:
    """Write ``values`` (by cell reference) as the cached results of the formulas in ``part``.

    Parameters
    ----------
    path
        A workbook just saved by openpyxl (not yet in its final place).
    part
        The sheet's part in the archive, e.g. ``xl/worksheets/sheet2.xml``.
    values
        The value of each formula cell; formulas not named keep an empty value.
    """
    if not values:
        return
    temporary = path.with_name(path.name + ".values")
    try:
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == part:
                    data = _FORMULA_CELL.sub(lambda m: _filled(m, values), data)
                target.writestr(item, data)
        shutil.move(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _filled(match: re.Match[bytes], values: Mapping[str, int | float]) -> bytes:
    value = values.get(match.group(2).decode())
    if value is None:
        return match.group(0)
    return match.group(1) + match.group(3) + b"<v>" + str(value).encode() + b"</v>" + match.group(4)
