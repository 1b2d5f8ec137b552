from __future__ import annotations

from pathlib import Path

import pytest

from matrix.errors import OutputError
from matrix.export.manifest import check_unedited, edited_files, file_digest, read_manifest, record_written


def test_files_written_by_the_tool_may_be_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    out.write_bytes(b"generated")
    record_written(tmp_path, [out])
    check_unedited(tmp_path, [out, tmp_path / "new.docx"])


def test_an_edited_file_is_protected_until_forced(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "a.xlsx"
    out.parent.mkdir()
    out.write_bytes(b"generated")
    record_written(tmp_path, [out])
    out.write_bytes(b"edited by the office")
    assert edited_files(tmp_path, [out]) == [out]
    with pytest.raises(OutputError, match="--force"):
        check_unedited(tmp_path, [out])
    check_unedited(tmp_path, [out], force=True)


def test_a_file_the_tool_never_wrote_is_protected(tmp_path: Path) -> None:
    foreign = tmp_path / "责任分工矩阵.xlsx"
    foreign.write_bytes(b"someone else's")
    with pytest.raises(OutputError, match=r"责任分工矩阵\.xlsx"):
        check_unedited(tmp_path, [foreign])


def test_a_corrupt_manifest_counts_as_none(tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    out.write_bytes(b"x")
    (tmp_path / ".raci-manifest.json").write_text("{not json", encoding="utf-8")
    assert edited_files(tmp_path, [out]) == [out]


def test_a_manifest_of_the_earlier_flat_form_still_protects_and_allows(tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    out.write_bytes(b"generated")
    (tmp_path / ".raci-manifest.json").write_text(f'{{"a.docx": "{file_digest(out)}"}}', encoding="utf-8")
    assert {k: (w.digest, w.job) for k, w in read_manifest(tmp_path).items()} == {"a.docx": (file_digest(out), None)}
    check_unedited(tmp_path, [out])
    out.write_bytes(b"edited")
    assert edited_files(tmp_path, [out]) == [out]
