"""The errors the library raises; the CLI turns each into one located line and an exit code."""

from __future__ import annotations

from .model import Location

__all__ = ["InputError", "MatrixError", "OutputError", "UnknownDepartment", "one_line"]


class MatrixError(Exception):
    """Base of every error the library raises on purpose."""


class InputError(MatrixError):
    """An input could not be read as a plan; ``location`` says where.

    Messages are written in Chinese with a short English gloss, because the
    people who fix the file read Chinese and the people who debug the tool
    may not.
    """

    def __init__(self, message: str, location: Location | str | None = None) -> None:
        self.message = message
        self.location = location
        super().__init__(f"{location}: {message}" if location is not None else message)


class UnknownDepartment(InputError):
    """A department name that the registry does not know and may not guess."""


class OutputError(MatrixError):
    """An output could not be written safely (exists, locked, outside the output folder)."""


def one_line(error: BaseException) -> str:
    """A library's error message on one line, to quote inside ours: the CLI prints one line per error.

    >>> one_line(ValueError("bad\\n  zip"))
    'bad zip'
    """
    return " ".join(str(error).split())
