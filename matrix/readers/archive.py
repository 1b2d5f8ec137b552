"""What an Office file expands to, measured before a parser loads it.

A .xlsx or .docx file is a zip archive of XML parts, and the 20 MB cap on
the file says nothing about what is inside: a 0.7 MB workbook can declare
16 million cells (openpyxl took 115 s and 5.6 GB), an 80 KB document five
million empty paragraphs (python-docx ran for more than ten minutes). So
before either library sees the file, the archive's directory is read (the
uncompressed size of every part, which :mod:`zipfile` never reads past) and
the parts that matter are searched as bytes, which takes about a second for
the largest workbook this project writes, for the elements that make the
parsers slow: cells and paragraphs.

A file that is not a zip archive, or a damaged one, is left to the parser,
whose located message says so.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..model import Location

__all__ = ["MAX_ARCHIVE_BYTES", "MAX_PART_BYTES", "check_expansion", "count_elements", "main_part", "read_part"]

#: The largest XML part read. The workbook of a 10,000-measure, 300-department plan has a
#: 20 MB sheet; Word plans have a document part of a few megabytes.
MAX_PART_BYTES = 128 * 1024 * 1024
#: Everything in one file, uncompressed.
MAX_ARCHIVE_BYTES = 256 * 1024 * 1024


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB"


def check_expansion(path: Path) -> None:
    """Refuse ``path`` if one part, or all of them, would expand past the caps.

    Raises
    ------
    InputError
        Naming the file, the part and its uncompressed size.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # the parser says what is wrong with it
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_PART_BYTES:
            raise InputError(
                f"文件中的 {info.filename} 解压后有 {_mb(info.file_size)}，超过 {_mb(MAX_PART_BYTES)} 的上限，"
                "不像是实施方案 (a part expands too far)",
                Location(str(path)),
            )
    if total > MAX_ARCHIVE_BYTES:
        raise InputError(
            f"文件解压后共有 {_mb(total)}，超过 {_mb(MAX_ARCHIVE_BYTES)} 的上限，不像是实施方案 "
            "(the file expands too far)",
            Location(str(path)),
        )


def read_part(path: Path, name: str) -> bytes | None:
    """The bytes of one part of the archive, or ``None`` if it has no such part or cannot be read.

    Call :func:`check_expansion` first: the part is read whole.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read(name)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOCUMENT = "/officeDocument"


def part_path(base: str, target: str) -> str:
    """The archive name of a relationship's ``target``, relative to the part ``base`` it belongs to.

    >>> part_path("xl/workbook.xml", "worksheets/sheet1.xml"), part_path("", "/word/document.xml")
    ('xl/worksheets/sheet1.xml', 'word/document.xml')
    """
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def relationships(path: Path, base: str) -> dict[str, tuple[str, str]]:
    """The relationships of part ``base`` (``""`` for the package): id -> (type, target part)."""
    folder, name = posixpath.split(base)
    data = read_part(path, posixpath.join(folder, "_rels", f"{name}.rels"))
    if data is None:
        return {}
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return {}
    return {
        rel.get("Id", ""): (rel.get("Type", ""), part_path(base, rel.get("Target", "")))
        for rel in root.iter(_RELATIONSHIP)
    }


def main_part(path: Path) -> str | None:
    """The archive name of the document itself (``word/document.xml``, ``xl/workbook.xml``), as the package says."""
    return next((target for kind, target in relationships(path, "").values() if kind.endswith(_OFFICE_DOCUMENT)), None)


#: What may follow an element's name in its opening tag.
_NAME_ENDS = (b">", b"/", b" ", b"\n", b"\t", b"\r")


def count_elements(data: bytes, namespace: str, local_name: str) -> int:
    """How many elements ``local_name`` of ``namespace`` the XML ``data`` opens, under any prefix it declares.

    Counted with :meth:`bytes.count`, gigabytes a second, since a part may
    hold millions of them; a prefix bound to another namespace is not counted.

    >>> count_elements(b'<w:document xmlns:w="urn:w"><w:p><w:pPr/><a:p/></w:p><w:p/></w:document>', "urn:w", "p")
    2
    """
    uri = re.escape(namespace.encode())
    prefixes = {prefix + b":" for prefix in re.findall(rb'xmlns:([A-Za-z_][\w.-]*)="' + uri + rb'"', data)}
    if re.search(rb'xmlns="' + uri + rb'"', data):
        prefixes.add(b"")
    name = local_name.encode()
    return sum(data.count(b"<" + prefix + name + end) for prefix in prefixes for end in _NAME_ENDS)
