"""The files one command writes into one folder, shown to the user all together or not at all.

Every command that writes files (``build``, ``diff -o``, ``import``,
``merge``, ``workload -o``, ``graph``, ``chart``) goes through an
:class:`OutputSet`, so that each of them keeps the same promises:

- **one writer at a time**: the folder is locked (:mod:`.folder_lock`) and a
  second run into it is refused;
- **nothing of a person's is lost**: a file is replaced only if the tool wrote
  it and nobody changed it since (:mod:`.manifest`), unless ``--force``; only
  the files this run would replace are looked at, so an Office lock file
  (``~$…docx``) or a person's own notes in the folder stand in nobody's way.
  The one exception is a file the run read as its input and writes again
  from what it read (``sources``: the workbook an office edited and builds
  from), as long as it is still what the run read;
- **only regular files inside the folder**: a symbolic link on the way to an
  output (or as the output), a device node or a pipe is refused before
  anything is written (:func:`.atomic.check_destination`);
- **all or nothing**: writers write into a staging folder beside the outputs
  (``.raci-staging``, on the same file system). Only when every file is
  complete are they moved into place, and a journal written before the first
  move lets the next run finish the moves if this one is killed half-way
  through them. A run that fails or is killed before that leaves the previous
  outputs exactly as they were, and its staging folder is cleared by the next;
- **no leftovers**: with ``prune``, files the same command wrote last time and
  does not write now (the notice of a department that left the plan) are
  removed, and :attr:`Committed.removed` lists them so the user is told;
- new files get the umask's mode and replaced files keep theirs
  (:func:`.atomic.replace_keeping_mode`).

Writers stay unaware of all this: they are handed a path, or a folder, inside
the staging folder, and write there as they would anywhere.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import OutputError
from .atomic import check_destination, locked_message, mode_for, write_text_atomic
from .folder_lock import locked_folder
from .manifest import Written, file_digest, read_manifest, write_manifest

__all__ = ["JOURNAL_NAME", "PREVIOUS_NAME", "STAGING_NAME", "Committed", "OutputSet", "write_file"]

#: Where a run writes its files before they are moved into place.
STAGING_NAME = ".raci-staging"
#: Where the files being replaced wait until every new one is in place (to be put back on failure).
PREVIOUS_NAME = ".raci-previous"
#: The moves a run has begun: present only while (or if killed while) files are being moved into place.
JOURNAL_NAME = ".raci-commit.json"


@dataclass(frozen=True)
class Committed:
    """What a commit did: the files now in place (in the order written) and the stale ones removed."""

    written: tuple[Path, ...]
    removed: tuple[Path, ...]


class OutputSet:
    """A locked output folder whose new files are staged and then moved into place together.

    Parameters
    ----------
    folder
        Where the outputs go; created when missing.
    job
        The command writing (``"build"``, ``"diff"``, …), recorded with each
        file in the manifest; a pruning run removes only its own job's files.
    root
        The folder the user named (``-o``). Below it nothing may be a
        symbolic link; ``folder`` itself when omitted (a link the user
        points ``-o`` at is the user's choice).
    force
        Replace (and prune) files that a person edited or that the tool did
        not write.
    prune
        Remove the files this job wrote last time and does not write now.
    sources
        Output name -> SHA-256 of the content this run read from that file as
        its input. Such a file is replaced although a person edited it, since
        the run carries the edits over (``raci build`` of the workbook it
        wrote, after an office changed it); if it changed again since it was
        read, it is refused like any edited output.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp, OutputSet(Path(tmp), "doc") as out:
    ...     _ = out.stage("a.txt").write_text("a", encoding="utf-8")
    ...     [p.name for p in out.commit().written]
    ['a.txt']
    """

    def __init__(
        self,
        folder: str | Path,
        job: str,
        *,
        root: str | Path | None = None,
        force: bool = False,
        prune: bool = False,
        sources: Mapping[str, str] | None = None,
    ) -> None:
        self.folder = Path(folder)
        self.root = Path(root) if root is not None else self.folder
        self.job = job
        self.force = force
        self.prune = prune
        self.sources = {_relative(name).as_posix(): digest for name, digest in (sources or {}).items()}
        self._stack = ExitStack()
        self._created: list[Path] = []
        self._committed = False

    # -- entering and leaving ------------------------------------------------------

    def __enter__(self) -> OutputSet:
        _refuse_links_between(self.root, self.folder)
        self._created = [p for p in (self.folder, *self.folder.parents) if not p.exists()]
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"无法写入目录 {self.folder}：{exc.strerror} (cannot write)") from None
        with ExitStack() as stack:
            stack.enter_context(locked_folder(self.folder))
            _finish_interrupted(self.folder)
            _clear(self.folder)
            try:
                self.staging.mkdir()
            except OSError as exc:
                raise OutputError(f"无法写入目录 {self.folder}：{exc.strerror} (cannot write)") from None
            self._stack = stack.pop_all()
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            _finish_interrupted(self.folder)  # interrupted (Ctrl-C) while moving files: finish, do not mix
            _clear(self.folder)
        finally:
            self._stack.close()
        if not self._committed:
            for folder in self._created:  # a run that wrote nothing leaves no empty folders behind
                try:
                    folder.rmdir()
                except OSError:
                    break

    @property
    def staging(self) -> Path:
        """The folder writers write into; its layout is the layout of the outputs."""
        return self.folder / STAGING_NAME

    # -- before writing ------------------------------------------------------------

    def stage(self, name: str) -> Path:
        """Where to write the output ``name`` (a path relative to the folder, ``/``-separated)."""
        path = self.staging / _relative(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def final(self, name: str) -> Path:
        """Where the output ``name`` will be once committed."""
        return self.folder / _relative(name)

    def final_of(self, staged: Path) -> Path:
        """The place of a file written into the staging folder."""
        return self.folder / staged.relative_to(self.staging)

    def expect(self, names: Iterable[str]) -> None:
        """Refuse now, before anything is written, what :meth:`commit` would refuse for these outputs.

        Raises
        ------
        OutputError
            A symbolic link or non-regular file on the way, or an output a
            person edited (without ``force``).
        """
        self._check([_relative(name).as_posix() for name in names], stale=[])

    # -- committing ----------------------------------------------------------------

    def commit(self) -> Committed:
        """Move every staged file into place, remove stale ones, record them all in the manifest.

        Raises
        ------
        OutputError
            When an output may not be replaced (edited, not a regular file,
            behind a symbolic link) or cannot be (locked by another program);
            the outputs are then as they were before the run.
        """
        staged = _staged_names(self.staging)
        known = read_manifest(self.folder)
        stale = self._stale(known, staged) if self.prune else []
        self._check(staged, stale)
        manifest = {key: entry for key, entry in known.items() if (self.folder / key).exists()}
        for name in stale:
            manifest.pop(name, None)
        for name in staged:
            manifest[name] = Written(file_digest(self.staging / name), self.job)
        journal = {"place": staged, "remove": stale, "manifest": {k: [w.digest, w.job] for k, w in manifest.items()}}
        write_text_atomic(self.folder / JOURNAL_NAME, json.dumps(journal, ensure_ascii=False))
        _apply(self.folder, staged, stale, manifest)
        self._committed = True
        return Committed(tuple(self.final(n) for n in staged), tuple(self.final(n) for n in stale))

    def _stale(self, known: dict[str, Written], staged: list[str]) -> list[str]:
        keep = set(staged)
        return [
            key
            for key, entry in sorted(known.items())
            if entry.job == self.job and key not in keep and (self.folder / key).is_file()
        ]

    def _check(self, names: list[str], stale: list[str]) -> None:
        known = read_manifest(self.folder)
        edited, stale_edited = [], []
        for name, bucket in [*((n, edited) for n in names), *((n, stale_edited) for n in stale)]:
            path = self.final(name)
            _refuse_links_between(self.folder, path.parent)
            if check_destination(path) is None:
                continue
            entry = known.get(name)
            digest = file_digest(path)
            if (entry is None or entry.digest != digest) and self.sources.get(name) != digest:
                bucket.append(path)
        if self.force:
            return
        if edited:
            raise OutputError(
                f"{_names(edited)} 在上次生成后被修改过（或不是本工具生成的），为免丢失修改未覆盖；"
                "确认要覆盖请加 --force，或用 -o 指定其他输出位置 (output was edited; use --force to overwrite)"
            )
        if stale_edited:
            raise OutputError(
                f"{_names(stale_edited)} 本次不再生成，但在上次生成后被修改过，为免丢失修改未删除；"
                "确认要删除请加 --force (a stale output was edited; use --force to remove it)"
            )


def write_file(path: str | Path, write: Callable[[Path], object], *, job: str, force: bool = False) -> Path:
    """Write the single output ``path`` through an :class:`OutputSet` on its folder; return ``path``.

    ``write`` is called with the staging path and writes the whole file there.

    Raises
    ------
    OutputError
        As :meth:`OutputSet.commit`: ``path`` is not a regular file, or was
        not written by the tool (or edited since) and ``force`` is not set.
    """
    path = Path(path)
    with OutputSet(path.parent, job, force=force) as outputs:
        outputs.expect([path.name])
        write(outputs.stage(path.name))
        outputs.commit()
    return path


def _relative(name: str) -> PurePosixPath:
    """``name`` as a path inside the folder; anything that could leave it is a programming error."""
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or ".." in path.parts or path.parts[0].startswith(".raci-"):
        raise ValueError(f"not an output name inside the folder: {name!r}")
    return path


def _names(paths: list[Path]) -> str:
    return "、".join(str(p) for p in paths[:5]) + (f" 等 {len(paths)} 个文件" if len(paths) > 5 else "")


def _refuse_links_between(top: Path, folder: Path) -> None:
    """Refuse a symbolic link at ``folder`` or any folder between it and ``top`` (``top`` itself is allowed)."""
    try:
        inner = folder.relative_to(top)
    except ValueError:
        return
    current = top
    for part in inner.parts:
        current = current / part
        if current.is_symlink():
            raise OutputError(
                f"{current} 是符号链接，输出会写到 {top} 之外；请改为普通目录或换一个输出目录 "
                "(symbolic link inside the output folder)"
            )


def _staged_names(staging: Path) -> list[str]:
    """The files written into ``staging``, as output names, in a stable order.

    A writer's temporary file is gone once the writer returns (renamed or
    removed by :func:`.atomic.atomic_path`), so whatever is here is output.
    """
    names = []
    for directory, folders, files in os.walk(staging):
        folders.sort()
        base = Path(directory).relative_to(staging)
        names += [(base / f).as_posix() for f in sorted(files)]
    return names


def _apply(folder: Path, place: list[str], remove: list[str], manifest: dict[str, Written]) -> None:
    """Move staged files into place and stale ones aside, all or none; then record the manifest.

    Each file being replaced is first moved aside, so that a failure (a file
    open in Excel on Windows) can put every earlier one back.
    """
    staging, previous = folder / STAGING_NAME, folder / PREVIOUS_NAME
    placing = set(place)
    done: list[tuple[Path, Path | None]] = []  # (final path, where its old content waits, if it had any)
    final = folder
    try:
        for name in [*place, *remove]:
            final, aside = folder / name, None
            mode = mode_for(final)
            if final.exists():
                aside = previous / name
                aside.parent.mkdir(parents=True, exist_ok=True)
                os.replace(final, aside)
            done.append((final, aside))
            if name in placing:
                _place(staging / name, final, mode)
    except OSError as exc:
        try:
            _undo(done)
        except OSError:
            pass  # the journal stays: the next run finishes the moves instead
        else:
            (folder / JOURNAL_NAME).unlink(missing_ok=True)
        if isinstance(exc, PermissionError):
            raise OutputError(locked_message(final)) from None
        raise OutputError(f"无法写入 {final}：{exc.strerror} (cannot write)") from None
    write_manifest(folder, manifest)
    (folder / JOURNAL_NAME).unlink(missing_ok=True)


def _place(staged: Path, final: Path, mode: int) -> None:
    final.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(staged, mode)
    os.replace(staged, final)


def _undo(done: list[tuple[Path, Path | None]]) -> None:
    for final, aside in reversed(done):
        if aside is not None:
            os.replace(aside, final)
        elif final.exists():
            final.unlink()


def _finish_interrupted(folder: Path) -> None:
    """Complete the moves of a run that was killed while moving its files into place."""
    journal_path = folder / JOURNAL_NAME
    try:
        journal = json.loads(journal_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    except (OSError, ValueError):
        journal_path.unlink(missing_ok=True)  # cut short while being written: no file had been moved
        return
    staging = folder / STAGING_NAME
    try:
        for name in journal["place"]:
            if (staging / name).exists():
                aside = folder / PREVIOUS_NAME / name
                _place(staging / name, folder / name, mode_for(aside if aside.exists() else folder / name))
        for name in journal["remove"]:
            (folder / name).unlink(missing_ok=True)
        write_manifest(folder, {key: Written(*entry) for key, entry in journal["manifest"].items()})
    except OSError as exc:
        raise OutputError(
            f"无法完成上次中断的写入（{folder}）：{exc.strerror} (cannot finish an interrupted run)"
        ) from None
    journal_path.unlink()


def _clear(folder: Path) -> None:
    """Remove what a run leaves while working: the staging folder and the replaced files kept aside."""
    for name in (STAGING_NAME, PREVIOUS_NAME):
        shutil.rmtree(folder / name, ignore_errors=True)
