"""The body XML of the Word documents, byte for byte as the layout was last checked by eye.

Notices, the summary and change notices are assembled from copies of
prototype paragraphs and table rows for speed. Whatever that machinery
becomes, the ``word/document.xml`` it writes for the seed plans must stay the
one whose pages were rendered and looked at: the stored copies in
``document_xml.tar.xz`` are that reference, and any difference is shown with its
place in the file.

After a deliberate change of layout, render the new pages, look at them, then
store the new reference::

    python -m tests.export.test_document_xml
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document

from matrix.diff import diff_plans
from matrix.export.change_notice import write_change_notices
from matrix.export.word import write_notices, write_summary
from matrix.graph import build_graph
from matrix.readers.yaml import read_yaml, read_yaml_text

from ..conftest import INPUT, REVISED_PLAN, SMALL_PLAN

REFERENCE = Path(__file__).with_name("document_xml.tar.xz")
DATE = dt.date(2026, 11, 23)


def _body_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml")


def _letterhead(folder: Path) -> Path:
    """An office's letterhead: a red 版头 with a 发文字号 placeholder above the notice."""
    document = Document()
    document.add_paragraph("五台县全民科学素质工作领导组办公室文件")
    document.add_paragraph("五科素办〔2026〕X号")
    path = folder / "letterhead.docx"
    document.save(str(path))
    return path


def _notices(seed: str, **options) -> Callable[[Path], dict[str, bytes]]:
    def write(folder: Path) -> dict[str, bytes]:
        plan = read_yaml(INPUT / f"{seed}.yaml")
        if "template" in options:
            options["template"] = _letterhead(folder)
        run = write_notices(plan, build_graph(plan), folder / "notices", date=DATE, workers=1, **options)
        return {path.stem: _body_xml(path) for path in run.written}

    return write


def _summary(seed: str) -> Callable[[Path], dict[str, bytes]]:
    def write(folder: Path) -> dict[str, bytes]:
        plan = read_yaml(INPUT / f"{seed}.yaml")
        return {"summary": _body_xml(write_summary(plan, build_graph(plan), folder / "summary.docx", date=DATE))}

    return write


def _change_notices(folder: Path) -> dict[str, bytes]:
    old, new = read_yaml_text(SMALL_PLAN, "old.yaml"), read_yaml_text(REVISED_PLAN, "new.yaml")
    written = write_change_notices(diff_plans(old, new), folder, office=new.office, date=DATE).written
    return {path.stem: _body_xml(path) for path in written}


#: Each case writes documents into a folder and returns their body XML by name.
CASES: dict[str, Callable[[Path], dict[str, bytes]]] = {
    "wutai": _notices("wutai"),
    "xinhuang": _notices("xinhuang"),
    "wutai-titles-only-no-attachment": _notices("wutai", full_text=False, attachment=False),
    "wutai-copies": _notices("wutai", copies=("县委办公室", "县人民政府办公室")),
    "xinhuang-letterhead": _notices("xinhuang", template=True, number="7"),
    "wutai-summary": _summary("wutai"),
    "xinhuang-summary": _summary("xinhuang"),
    "change-notices": _change_notices,
}


def _reference() -> dict[str, bytes]:
    with tarfile.open(REFERENCE, "r:xz") as archive:
        return {member.name: archive.extractfile(member).read() for member in archive if member.isfile()}


def _first_difference(expected: bytes, actual: bytes) -> str:
    at = next((i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b), None)
    at = min(len(expected), len(actual)) if at is None else at
    before = max(0, at - 120)
    return (
        f"first difference at byte {at} of {len(expected)}:\n"
        f"  expected …{expected[before : at + 120].decode('utf-8', 'replace')}…\n"
        f"  written  …{actual[before : at + 120].decode('utf-8', 'replace')}…"
    )


@pytest.mark.parametrize("case", list(CASES))
def test_documents_are_written_with_the_body_xml_of_the_reference(case: str, tmp_path: Path) -> None:
    reference = {
        name.removeprefix(f"{case}/"): xml for name, xml in _reference().items() if name.startswith(f"{case}/")
    }
    written = CASES[case](tmp_path)
    assert sorted(written) == sorted(reference)
    for name, xml in written.items():
        assert xml == reference[name], f"{case}/{name}: {_first_difference(reference[name], xml)}"


def _store() -> None:
    """Write the reference from what the code writes now."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:xz") as archive, tempfile.TemporaryDirectory() as scratch:
        for case, write in CASES.items():
            folder = Path(scratch) / case
            folder.mkdir()
            for name, xml in sorted(write(folder).items()):
                member = tarfile.TarInfo(f"{case}/{name}")
                member.size = len(xml)
                archive.addfile(member, io.BytesIO(xml))
    REFERENCE.write_bytes(buffer.getvalue())
    print(f"{REFERENCE}: {len(buffer.getvalue()):,} bytes", file=sys.stderr)


if __name__ == "__main__":
    _store()
