"""Knowing which outputs a person has edited since the tool wrote them.

Offices open the generated workbook, fix an assignment, and forget; the next
``raci build`` must not erase that work. Each output folder keeps a manifest of
the files the tool wrote and their SHA-256. A file that exists but is not in the
manifest, or whose content no longer matches, was written or changed by someone
else, and is only overwritten when the user says ``--force``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from ..errors import OutputError
from .atomic import write_text_atomic

__all__ = ["MANIFEST_NAME", "check_unedited", "edited_files", "record_written"]

MANIFEST_NAME = ".raci-manifest.json"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _load(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def edited_files(folder: str | Path, paths: Iterable[str | Path]) -> list[Path]:
    """The existing ``paths`` under ``folder`` whose content the tool did not write."""
    folder = Path(folder)
    known = _load(folder)
    edited = []
    for path in map(Path, paths):
        if not path.exists():
            continue
        key = path.resolve().relative_to(folder.resolve()).as_posix()
        if known.get(key) != _digest(path):
            edited.append(path)
    return edited


def check_unedited(folder: str | Path, paths: Iterable[str | Path], *, force: bool = False) -> None:
    """Refuse to go on when an output about to be overwritten was edited by a person.

    Raises
    ------
    OutputError
        Naming the edited files and the ``--force`` option, unless ``force``.
    """
    if force:
        return
    edited = edited_files(folder, paths)
    if edited:
        names = "、".join(str(p) for p in edited[:5]) + (f" 等 {len(edited)} 个文件" if len(edited) > 5 else "")
        raise OutputError(
            f"{names} 在上次生成后被修改过（或不是本工具生成的），为免丢失修改未覆盖；"
            "确认要覆盖请加 --force，或用 -o 指定其他输出目录 (output was edited; use --force to overwrite)"
        )


def record_written(folder: str | Path, paths: Iterable[str | Path]) -> None:
    """Remember the content of ``paths`` as written by the tool."""
    folder = Path(folder)
    known = _load(folder)
    for path in map(Path, paths):
        known[path.resolve().relative_to(folder.resolve()).as_posix()] = _digest(path)
    write_text_atomic(folder / MANIFEST_NAME, json.dumps(known, ensure_ascii=False, indent=1, sort_keys=True))
