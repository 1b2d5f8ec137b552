"""Knowing which outputs a person has edited since the tool wrote them.

Offices open the generated workbook, fix an assignment, and forget; the next
``raci build`` must not erase that work. Each output folder keeps a manifest of
the files the tool wrote, their SHA-256, and which command wrote them. A file
that exists but is not in the manifest, or whose content no longer matches,
was written or changed by someone else, and is only overwritten when the user
says ``--force``. The command that wrote a file is what lets a rebuild remove
the notices it wrote last time and no longer writes, and nothing else.

Manifests written before the command was recorded (a flat ``{file: digest}``)
are still read; their files count as the tool's, written by no command in
particular, so they are protected but never removed as stale.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from .atomic import write_text_atomic

__all__ = [
    "MANIFEST_NAME",
    "Written",
    "check_unedited",
    "edited_files",
    "file_digest",
    "manifest_key",
    "read_manifest",
    "record_written",
    "write_manifest",
]

MANIFEST_NAME = ".raci-manifest.json"
_VERSION = 2


@dataclass(frozen=True)
class Written:
    """One file the tool wrote: its content digest and the command that wrote it (``None``: not recorded)."""

    digest: str
    job: str | None = None


def file_digest(path: str | Path) -> str:
    """The SHA-256 of a file's content, as the manifest records it."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def manifest_key(folder: str | Path, path: str | Path) -> str:
    """``path`` relative to ``folder``, with forward slashes, as the manifest names it.

    Taken from the path as written, not from where links lead: the output
    module refuses symbolic links inside an output folder before it gets here.
    """
    return Path(os.path.abspath(path)).relative_to(os.path.abspath(folder)).as_posix()


def read_manifest(folder: str | Path) -> dict[str, Written]:
    """The files recorded in ``folder``'s manifest; empty when there is none or it cannot be read."""
    try:
        data = json.loads((Path(folder) / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    if data.get("version") == _VERSION and isinstance(data.get("files"), dict):
        return {
            key: Written(str(entry.get("sha256")), entry.get("job"))
            for key, entry in data["files"].items()
            if isinstance(entry, dict)
        }
    return {key: Written(value) for key, value in data.items() if isinstance(value, str)}


def write_manifest(folder: str | Path, files: Mapping[str, Written]) -> None:
    """Replace ``folder``'s manifest with ``files`` (atomically)."""
    data = {
        "version": _VERSION,
        "files": {key: {"sha256": w.digest, "job": w.job} for key, w in sorted(files.items())},
    }
    write_text_atomic(Path(folder) / MANIFEST_NAME, json.dumps(data, ensure_ascii=False, indent=1))


def edited_files(folder: str | Path, paths: Iterable[str | Path]) -> list[Path]:
    """The existing ``paths`` under ``folder`` whose content the tool did not write."""
    known = read_manifest(folder)
    edited = []
    for path in map(Path, paths):
        if not path.exists():
            continue
        entry = known.get(manifest_key(folder, path))
        if entry is None or entry.digest != file_digest(path):
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
        raise OutputError(
            f"{_names(edited)} 在上次生成后被修改过（或不是本工具生成的），为免丢失修改未覆盖；"
            "确认要覆盖请加 --force，或用 -o 指定其他输出位置 (output was edited; use --force to overwrite)"
        )


def _names(paths: list[Path]) -> str:
    return "、".join(str(p) for p in paths[:5]) + (f" 等 {len(paths)} 个文件" if len(paths) > 5 else "")


def record_written(folder: str | Path, paths: Iterable[str | Path], *, job: str | None = None) -> None:
    """Remember the content of ``paths`` as written by the tool (by the command ``job``)."""
    known = read_manifest(folder)
    for path in paths:
        known[manifest_key(folder, path)] = Written(file_digest(path), job)
    write_manifest(folder, known)
