"""The 督办通知 and the 完成情况通报 as Word files, in the GB/T 9704 layout of the task notices.

The page, styles, tables and 落款 are :mod:`matrix.export.official`'s, started
from the same template (or the office's letterhead) as the task notices; the
wording is :mod:`matrix.track.reminders`'. Files are named through
:func:`~matrix.export.filenames.unique_filenames` and written atomically.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm

from ..export.filenames import path_inside, unique_filenames
from ..export.official import (
    BODY,
    HEADING1,
    PLAIN,
    TITLE,
    add_paragraph,
    add_signature,
    add_table,
    open_document,
    save_document,
    starting_document,
)
from .reminders import Bulletin, Reminder, Section

__all__ = ["REMINDER_PREFIX", "ReminderRun", "write_bulletin", "write_reminders"]

REMINDER_PREFIX = "督办通知-"
#: The 版心 of GB/T 9704 is 156 mm wide; tables fill it.
_TYPE_WIDTH_MM = 156
#: One character of the 12 pt table font, in mm. A column up to 9 characters wide (padding included) is short:
#: its text stays on one line.
_CHAR_MM = 12 * 25.4 / 72
_SHORT, _LONG, _PADDING = 9, 24, 1.5


@dataclass(frozen=True)
class ReminderRun:
    """The reminders written, one per department, in plan order."""

    written: tuple[Path, ...]
    departments: tuple[str, ...]


def _text_width(text: str) -> float:
    """Width in characters of the table font: ASCII (digits of a date, a measure id) takes a little over half."""
    return sum(0.6 if ord(c) < 128 else 1 for c in text)


def _widths(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[Mm]:
    """Column widths filling the type area.

    A column whose longest text is short (a name, an id, a count) gets room
    for it on one line; the long columns share what is left in proportion to
    their text. Each cell has about one and a half characters of padding.
    """
    fits = [
        min(_LONG, _PADDING + max(_text_width(name), *(_text_width(row[i]) for row in rows)))
        for i, name in enumerate(header)
    ]  # fmt: skip
    short = [f <= _SHORT for f in fits]
    fixed = sum(f for f, s in zip(fits, short, strict=True) if s) * _CHAR_MM
    flexible = sum(f for f, s in zip(fits, short, strict=True) if not s)
    if not flexible or fixed >= _TYPE_WIDTH_MM:
        scale = _TYPE_WIDTH_MM / (sum(fits) * _CHAR_MM)
        return [Mm(f * _CHAR_MM * scale) for f in fits]
    share = (_TYPE_WIDTH_MM - fixed) / flexible
    return [Mm(f * _CHAR_MM if s else f * share) for f, s in zip(fits, short, strict=True)]


def _render_sections(document: DocumentObject, sections: Sequence[Section], chart_png: bytes | None) -> None:
    for section in sections:
        add_paragraph(document, section.heading, HEADING1)
        for text in section.paragraphs:
            add_paragraph(document, text, BODY)
        if section.rows:
            add_table(document, section.header, section.rows, _widths(section.header, section.rows))
        if section.chart and chart_png is not None:
            picture = add_paragraph(document, "", PLAIN)
            picture.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # an exact pitch clips the picture
            picture.add_run().add_picture(io.BytesIO(chart_png), width=Mm(_TYPE_WIDTH_MM))


def _opening(document: DocumentObject, title: str, addressee: str | None, first: str | None) -> None:
    add_paragraph(document, title, TITLE)
    add_paragraph(document)
    if addressee:
        add_paragraph(document, addressee, PLAIN)
    if first:
        add_paragraph(document, first, BODY)


def write_reminders(
    reminders: Sequence[Reminder], outdir: str | Path, *, template: str | Path | None = None
) -> ReminderRun:
    """Write one 督办通知 per reminder into ``outdir`` (``督办通知-<单位>.docx``).

    Raises
    ------
    InputError
        When ``template`` cannot be opened as a .docx letterhead.
    OutputError
        When a file cannot be written.
    """
    skeleton = starting_document(template) if reminders else b""
    departments = [r.department for r in reminders]
    written = []
    for reminder, name in zip(reminders, unique_filenames(departments, REMINDER_PREFIX, ".docx"), strict=True):
        document = open_document(skeleton)
        _opening(document, reminder.title, reminder.addressee, reminder.opening)
        _render_sections(document, reminder.sections, None)
        add_signature(document, reminder.signature, reminder.date)
        document.core_properties.title = f"督办通知（{reminder.department}）"
        written.append(save_document(document, path_inside(outdir, name)))
    return ReminderRun(tuple(written), tuple(departments))


def write_bulletin(
    bulletin: Bulletin, path: str | Path, *, chart_png: bytes | None = None, template: str | Path | None = None
) -> Path:
    """Write the 完成情况通报 to ``path``, with the completion chart where a section asks for it.

    Raises
    ------
    InputError
        When ``template`` cannot be opened as a .docx letterhead.
    OutputError
        When the file cannot be written.
    """
    document = open_document(starting_document(template))
    _opening(document, bulletin.title, None, None)
    subtitle = add_paragraph(document, bulletin.subtitle, PLAIN)
    subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_paragraph(document)
    _render_sections(document, bulletin.sections, chart_png)
    add_signature(document, bulletin.signature, bulletin.date)
    document.core_properties.title = bulletin.title
    return save_document(document, path)
