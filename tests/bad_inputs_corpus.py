"""The bad-input corpus: committed files in ``tests/bad_inputs/`` and the binary ones made here.

Workbooks and Word files are generated at test time rather than committed, so
the corpus stays small and each broken file is visibly derived from a good one
by the one change that breaks it. :data:`EXPECTED` is ``expected.yaml``: for
each file the exit code, a fragment of the message and where it must point.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import yaml
from docx import Document
from openpyxl import Workbook, load_workbook
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Color, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from matrix.export.excel import write_workbook
from matrix.graph import build_graph
from matrix.readers import MAX_INPUT_BYTES
from matrix.readers.container import OLE_SIGNATURE
from matrix.readers.yaml import read_yaml_text

from .conftest import SMALL_PLAN

__all__ = ["CORPUS", "EXPECTED", "GENERATED", "corpus_file"]

CORPUS = Path(__file__).parent / "bad_inputs"
EXPECTED: dict[str, dict[str, dict]] = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))


def _raci_workbook(path: Path) -> Path:
    """The workbook ``raci build`` writes for the small plan: the good file each bad one starts from."""
    plan = read_yaml_text(SMALL_PLAN, "small.yaml")
    return write_workbook(plan, build_graph(plan), path)


def _edited_grid(edit: Callable[[Worksheet], None]) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        workbook = load_workbook(_raci_workbook(path))
        edit(workbook["RACI矩阵"])
        workbook.save(path)

    return make


def _stray_value(coordinate: str) -> Callable[[Worksheet], None]:
    """A value typed far from the matrix, as a slip of the keyboard leaves one."""

    def edit(sheet: Worksheet) -> None:
        sheet[coordinate] = "x"

    return edit


def _edited_workbook(edit: Callable[[Workbook], None]) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        workbook = load_workbook(_raci_workbook(path))
        edit(workbook)
        workbook.save(path)

    return make


def _measure_below_the_legend(workbook: Workbook) -> None:
    """A measure typed in the first free row an office sees: under the totals and the legend."""
    sheet = workbook["RACI矩阵"]
    row = sheet.max_row + 1
    for column, value in zip("ABCF", ("3.4.3", "老年人科学素质提升行动", "开展防诈骗科普", "A/R"), strict=True):
        sheet[f"{column}{row}"] = value


def _role_as_formula(workbook: Workbook) -> None:
    """A role written as a formula by a program that does not calculate: no stored result."""
    workbook["RACI矩阵"]["H4"] = '=IF(TRUE,"C","")'


def _lead_edited_in_the_division_only(workbook: Workbook) -> None:
    workbook["任务分工表"]["D2"] = "县科协、县民政局、县妇联"


def _deadline_edited_in_the_division(workbook: Workbook) -> None:
    workbook["任务分工表"]["F3"] = "2024年底前"


def _two_names_in_a_header(sheet: Worksheet) -> None:
    """Alt+Enter in a department header: two names in one column."""
    sheet["F1"] = f"{sheet['F1'].value}\n县妇联"


_DIVISION_HEADER = ["编号", "所属行动", "措施", "牵头单位", "配合单位"]
_DIVISION_ROWS = [
    ["3.4.1", "老年人科学素质提升行动", "实施智慧助老行动", "县科协、县民政局", "县委宣传部、县卫健局"],
    ["3.4.2", "老年人科学素质提升行动", "加强老年人健康科普服务", "县民政局", "县卫健局"],
]


def _division_workbook(
    *rows: list[str | None], edit: Callable[[Workbook], None] | None = None, title: str = "任务分工表"
) -> Callable[[Path], None]:
    """An office's own 任务分工表 (no RACI矩阵 sheet): the small plan, or ``rows`` as typed, then ``edit``."""

    def make(path: Path) -> None:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = title
        for row in rows or (_DIVISION_HEADER, *_DIVISION_ROWS):
            sheet.append(row)
        if edit is not None:
            edit(workbook)
        workbook.save(path)

    return make


def _strike_cooperators(workbook: Workbook) -> None:
    workbook.active["E2"].font = Font(strike=True)


def _whiten_cooperators(workbook: Workbook) -> None:
    """The cooperators typed in 背景 1 (theme colour 0), as Excel's font colour menu stores white."""
    workbook.active["E2"].font = Font(color=Color(theme=0))


def _whiten_cooperators_on_red(workbook: Workbook) -> None:
    """White cooperators on a dark red fill, as offices mark a lead: seen, and read."""
    workbook.active["E2"].font = Font(color="FFFFFF")
    workbook.active["E2"].fill = PatternFill("solid", fgColor="C00000")


def _colour_cooperators_like_their_fill(workbook: Workbook) -> None:
    """Yellow cooperators on a yellow fill: the cell looks like an empty highlighted one."""
    workbook.active["E2"].font = Font(color="FFFF00")
    workbook.active["E2"].fill = PatternFill("solid", fgColor="FFFF00")


def _blank_cooperators(workbook: Workbook) -> None:
    """The cooperators blanked out by the custom number format ;;; (Excel's way to hide a cell's content)."""
    workbook.active["E2"].number_format = ";;;"


def _strike_cancelled_rows(workbook: Workbook) -> None:
    """A rule striking a row's cooperators through once its 备注 says 取消: how the cell looks depends on F."""
    rule = FormulaRule(formula=['$F2="取消"'], font=Font(strike=True))
    workbook.active.conditional_formatting.add("E2:E3", rule)


def _whiten_consulted(sheet: Worksheet) -> None:
    """A rule turning every C of the grid white, with no fill: the consulted departments look unassigned."""
    sheet.conditional_formatting.add("F3:J4", CellIsRule(operator="equal", formula=['"C"'], font=Font(color="FFFFFF")))


def _struck_role(sheet: Worksheet) -> None:
    """县委宣传部's C on 3.4.1 struck through: the office withdrew it in the matrix."""
    sheet["H3"].font = Font(strike=True)


def _white_role(sheet: Worksheet) -> None:
    """县卫健局's C on 3.4.1 in white: the grid cell looks empty."""
    sheet["I3"].font = Font(color="FFFFFF")


def _hidden_old_sheet_first(workbook: Workbook) -> None:
    """A hidden sheet of last year's measures before the table shown."""
    old = workbook.create_sheet("旧表", 0)
    for row in (_DIVISION_HEADER, ["1.1", "往年行动", "往年任务", "县财政局", "县妇联"]):
        old.append(row)
    old.sheet_state = "hidden"


def _second_table_sheet(workbook: Workbook) -> None:
    second = workbook.create_sheet("二季度")
    for row in (_DIVISION_HEADER, ["3.4.3", "老年人科学素质提升行动", "开展防诈骗宣传", "县公安局", "县妇联"]):
        second.append(row)


def _unknown_role(sheet: Worksheet) -> None:
    sheet["F3"] = "X"


def _merged_grid(sheet: Worksheet) -> None:
    sheet.merge_cells("F3:G3")


def _renamed_header(sheet: Worksheet) -> None:
    sheet["C1"] = "任务名称"


def _empty_department_header(sheet: Worksheet) -> None:
    sheet["F1"] = None


def _empty_sheet(path: Path) -> None:
    Workbook().save(path)


def _encrypted(path: Path) -> None:
    """What Excel or Word saves with an open password: an OLE compound file, whatever the extension."""
    path.write_bytes(OLE_SIGNATURE + bytes(504))


def _truncated_workbook(path: Path) -> None:
    data = _raci_workbook(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _with_part_edited(archive: bytes, path: Path, part: str, edit: Callable[[bytes], bytes]) -> None:
    """Write the zip ``archive`` to ``path`` with its ``part`` passed through ``edit``, every other part as it was."""
    _with_parts_edited(archive, path, {part: edit})


def _with_parts_edited(archive: bytes, path: Path, edits: dict[str, Callable[[bytes], bytes]]) -> None:
    """Write the zip ``archive`` to ``path`` with each part named in ``edits`` passed through its edit."""
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(path, "w") as target:
        names = source.namelist()
        assert set(edits) <= set(names), (edits, names)
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, edits[item.filename](data) if item.filename in edits else data)


def _damaged_sheet_xml(path: Path) -> None:
    good = _raci_workbook(path).read_bytes()
    _with_part_edited(good, path, "xl/worksheets/sheet1.xml", lambda _xml: b"<worksheet><sheetData><row")


def _workbook_named_docx(path: Path) -> None:
    _raci_workbook(path.with_suffix(".xlsx")).replace(path)


def _truncated_docx(path: Path) -> None:
    document = Document()
    document.add_paragraph("某县全民科学素质行动实施方案")
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue()[:1500])


def _plan_docx() -> bytes:
    """A small plan as Word writes it: title, a numbered chapter, a section and a task table of two measures."""
    document = Document()
    document.add_paragraph("五台县全民科学素质行动规划纲要实施方案")
    document.add_paragraph("重点任务", style="List Number")
    document.add_paragraph("（一）实施智慧助老行动（县科协牵头，县民政局配合）")
    table = document.add_table(rows=3, cols=3)
    for cell, text in zip(
        table.rows[0].cells + table.rows[1].cells + table.rows[2].cells,
        (
            "任务",
            "牵头单位",
            "配合单位",
            "实施银龄科普行动",
            "县科协",
            "县卫健局",
            "开展防诈骗科普",
            "县公安局",
            "县民政局",
        ),
        strict=True,
    ):
        cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _edited_docx(old: str, new: str) -> Callable[[Path], None]:
    """The plan of :func:`_plan_docx` with one change to its body XML."""

    def edit(xml: bytes) -> bytes:
        assert old.encode() in xml, old
        return xml.replace(old.encode(), new.encode(), 1)

    def make(path: Path) -> None:
        _with_part_edited(_plan_docx(), path, "word/document.xml", edit)

    return make


_LIST_STYLE = '<w:pStyle w:val="ListNumber"/>'
#: The cooperators cell of :func:`_plan_docx`'s task row, and the same cell naming 县委宣传部 before it.
_COOPERATOR_RUN = "<w:r><w:t>县卫健局</w:t></w:r>"
_FIRST_COOPERATOR = "<w:r><w:t>县委宣传部、</w:t></w:r>"
_TRACKED = 'w:id="1" w:author="县科协" w:date="2024-03-01T09:00:00Z"'
_MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _cooperator_cell(wrapped: str) -> Callable[[Path], None]:
    """The plan with 县委宣传部 typed in the cooperators cell and 县卫健局 as Word stores it in ``wrapped``."""
    return _edited_docx(_COOPERATOR_RUN, _FIRST_COOPERATOR + wrapped.format(run=_COOPERATOR_RUN))


def _replacing(old: str, new: str) -> Callable[[bytes], bytes]:
    def edit(xml: bytes) -> bytes:
        assert old.encode() in xml, old
        return xml.replace(old.encode(), new.encode(), 1)

    return edit


def _styled_docx(styles: str, *changes: tuple[str, str], defaults: str = "") -> Callable[[Path], None]:
    """The plan of :func:`_plan_docx` with ``styles`` added to its styles (and ``defaults`` to the document's
    default run properties), and each (old, new) of ``changes`` made to its body XML."""

    def body(xml: bytes) -> bytes:
        for old, new in changes:
            xml = _replacing(old, new)(xml)
        return xml

    def make(path: Path) -> None:
        styled = _replacing("</w:styles>", styles + "</w:styles>")
        default = _replacing("<w:rPrDefault><w:rPr>", "<w:rPrDefault><w:rPr>" + defaults)
        edits = {"word/document.xml": body, "word/styles.xml": lambda xml: default(styled(xml))}
        _with_parts_edited(_plan_docx(), path, edits)

    return make


def _style(kind: str, ident: str, run: str, *, based_on: str = "", paragraph: str = "") -> str:
    """A Word style of ``kind`` (character, paragraph, table) with the run properties ``run``."""
    base = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (
        f'<w:style w:type="{kind}" w:styleId="{ident}"><w:name w:val="{ident}"/>{base}'
        f"{f'<w:pPr>{paragraph}</w:pPr>' if paragraph else ''}<w:rPr>{run}</w:rPr></w:style>"
    )


def _table_style(ident: str, condition: str, properties: str) -> str:
    """A table style whose conditional format ``condition`` (firstRow, band1Horz …) has ``properties``."""
    return (
        f'<w:style w:type="table" w:styleId="{ident}"><w:name w:val="{ident}"/><w:tblPr/>'
        f'<w:tblStylePr w:type="{condition}">{properties}</w:tblStylePr></w:style>'
    )


#: The task table's properties as python-docx writes them, and with the table style ``{}``.
_TABLE_PROPERTIES = "<w:tblPr><w:tblW"
_STYLED_TABLE = '<w:tblPr><w:tblStyle w:val="{}"/><w:tblW'
#: The cooperators header cell of the task table.
_COOPERATORS_HEADER = "<w:r><w:t>配合单位</w:t></w:r>"

#: A character style striking its text through, as an office keeps one for names crossed out.
_WITHDRAWN = _style("character", "Withdrawn", "<w:strike/>")
#: 县妇联 typed before 县卫健局 in the cooperators cell, with the run properties ``{}``.
_ANOTHER_COOPERATOR = "<w:r><w:rPr>{}</w:rPr><w:t>县妇联、</w:t></w:r>" + _COOPERATOR_RUN
#: A paragraph typed after the plan's title, with the paragraph properties ``{}``.
_TITLE_RUN = "<w:t>五台县全民科学素质行动规划纲要实施方案</w:t></w:r></w:p>"
_AFTER_TITLE = _TITLE_RUN + "<w:p><w:pPr>{}</w:pPr><w:r><w:t>县财政局负责经费保障。</w:t></w:r></w:p>"


def _repeated_header_row(path: Path) -> None:
    """The plan's task table with its header row again between the two measures."""

    def edit(xml: bytes) -> bytes:
        text = xml.decode()
        first = text.index("<w:tr>")
        header = text[first : text.index("</w:tr>", first) + len("</w:tr>")]
        last = text.rindex("<w:tr>")
        return (text[:last] + header + text[last:]).encode()

    _with_part_edited(_plan_docx(), path, "word/document.xml", edit)


def _task_table_wrapped(opening: str, closing: str, *, row: bool = False) -> Callable[[Path], None]:
    """The plan with its task table, or with ``row`` its last row, inside a wrapper such as a content control."""

    def make(path: Path) -> None:
        def edit(xml: bytes) -> bytes:
            text = xml.decode()
            if row:  # the last row of the table
                start = text.rindex("<w:tr>")
                end = text.index("</w:tr>", start) + len("</w:tr>")
            else:
                start, end = text.index("<w:tbl>"), text.index("</w:tbl>") + len("</w:tbl>")
            return (text[:start] + opening + text[start:end] + closing + text[end:]).encode()

        _with_part_edited(_plan_docx(), path, "word/document.xml", edit)

    return make


def _deep_nesting(path: Path) -> None:
    path.write_text("title: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")


def _long_text(path: Path) -> None:
    """A measure text one character longer than an Excel cell holds."""
    long = "聚焦老年人运用智能技术" * 2979  # 32,769 characters
    path.write_text(SMALL_PLAN.replace("聚焦老年人运用智能技术、融入智慧社会的需求和困难。", long), encoding="utf-8")


def _huge(path: Path) -> None:
    """A sparse file one byte over the limit: no disk is used, the size check still sees it."""
    with path.open("wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)


def _expanded(source: Callable[[], bytes], part: str, content: Callable[[], Iterable[bytes]]) -> Callable[[Path], None]:
    """The file ``source`` makes with ``part`` streamed from ``content``: small on disk, vast once unzipped."""

    def make(path: Path) -> None:
        with zipfile.ZipFile(io.BytesIO(source())) as original, zipfile.ZipFile(path, "w") as target:
            for item in original.infolist():
                if item.filename != part:
                    target.writestr(item, original.read(item.filename))
                    continue
                info = zipfile.ZipInfo(part, date_time=item.date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                with target.open(info, "w", force_zip64=True) as out:
                    for chunk in content():
                        out.write(chunk)

    return make


def _empty_workbook() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def _formatted_cells(rows: int, per_row: int) -> Callable[[], Iterator[bytes]]:
    """A sheet of empty formatted cells (``<c s="0"/>``), as a format painted over whole rows leaves them."""

    def content() -> Iterator[bytes]:
        yield b'<?xml version="1.0" encoding="UTF-8"?>'
        yield b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        cells = b'<c s="0"/>' * per_row
        for row in range(1, rows + 1):
            yield b'<row r="%d">%s</row>' % (row, cells)
        yield b"</sheetData></worksheet>"

    return content


def _empty_paragraphs(count: int) -> Callable[[], Iterator[bytes]]:
    """The small plan's document with ``count`` empty paragraphs before its text."""

    def content() -> Iterator[bytes]:
        with zipfile.ZipFile(io.BytesIO(_plan_docx())) as original:
            xml = original.read("word/document.xml")
        head, tail = xml.split(b"<w:body>", 1)
        yield head + b"<w:body>"
        for _ in range(count // 100_000):
            yield b"<w:p/>" * 100_000
        yield tail

    return content


#: File name -> how to make it, for the corpus files that are not committed.
GENERATED: dict[str, Callable[[Path], None]] = {
    "unknown_role.xlsx": _edited_grid(_unknown_role),
    "merged_grid.xlsx": _edited_grid(_merged_grid),
    "renamed_header.xlsx": _edited_grid(_renamed_header),
    "empty_department_header.xlsx": _edited_grid(_empty_department_header),
    "stray_far_column.xlsx": _edited_grid(_stray_value("XFD5")),
    "stray_far_corner.xlsx": _edited_grid(_stray_value("XFD1048576")),
    "empty_sheet.xlsx": _empty_sheet,
    "encrypted.xlsx": _encrypted,
    "truncated.xlsx": _truncated_workbook,
    "damaged_sheet.xlsx": _damaged_sheet_xml,
    "encrypted.docx": _encrypted,
    "workbook_renamed.docx": _workbook_named_docx,
    "truncated.docx": _truncated_docx,
    "list_level_not_a_number.docx": _edited_docx(
        _LIST_STYLE, _LIST_STYLE + '<w:numPr><w:ilvl w:val="zz"/><w:numId w:val="1"/></w:numPr>'
    ),
    "cell_span_not_a_number.docx": _edited_docx("<w:tcW", '<w:gridSpan w:val="x"/><w:tcW'),
    "merged_cell_without_top.docx": _edited_docx("<w:tcW", '<w:vMerge w:val="continue"/><w:tcW'),
    "smart_tag.docx": _cooperator_cell(
        '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="PersonName">{run}</w:smartTag>'
    ),
    "simple_field.docx": _cooperator_cell('<w:fldSimple w:instr=" DOCPROPERTY 配合单位 ">{run}</w:fldSimple>'),
    "inline_content_control.docx": _cooperator_cell(
        '<w:sdt><w:sdtPr><w:alias w:val="配合单位"/></w:sdtPr><w:sdtContent>{run}</w:sdtContent></w:sdt>'
    ),
    "custom_xml.docx": _cooperator_cell('<w:customXml w:element="department">{run}</w:customXml>'),
    "nested_table_in_cell.docx": _edited_docx(
        f"<w:p>{_COOPERATOR_RUN}</w:p>",
        f"<w:p>{_FIRST_COOPERATOR}</w:p><w:tbl><w:tr><w:tc><w:p>{_COOPERATOR_RUN}</w:p></w:tc></w:tr></w:tbl><w:p/>",
    ),
    "body_content_control.docx": _task_table_wrapped(
        '<w:sdt><w:sdtPr><w:alias w:val="任务分工"/></w:sdtPr><w:sdtContent>', "</w:sdtContent></w:sdt>"
    ),
    "repeated_header_row.docx": _repeated_header_row,
    "hidden_text.docx": _cooperator_cell("<w:r><w:rPr><w:vanish/></w:rPr><w:t>县妇联、</w:t></w:r>{run}"),
    "struck_through_name.docx": _cooperator_cell("<w:r><w:rPr><w:strike/></w:rPr><w:t>县妇联、</w:t></w:r>{run}"),
    "struck_through_by_a_character_style.docx": _styled_docx(
        _WITHDRAWN, (_COOPERATOR_RUN, _ANOTHER_COOPERATOR.format('<w:rStyle w:val="Withdrawn"/>'))
    ),
    "hidden_by_a_base_paragraph_style.docx": _styled_docx(
        _style("paragraph", "DraftBase", "<w:vanish/>") + _style("paragraph", "Draft", "", based_on="DraftBase"),
        (_TITLE_RUN, _AFTER_TITLE.format('<w:pStyle w:val="Draft"/>')),
    ),
    "struck_through_by_the_document_defaults.docx": _styled_docx("", defaults="<w:dstrike/>"),
    "white_text.docx": _cooperator_cell('<w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>县妇联、</w:t></w:r>{run}'),
    "white_text_by_a_style.docx": _styled_docx(
        _style("character", "Blank", '<w:color w:val="FFFFFF" w:themeColor="background1"/>'),
        (_COOPERATOR_RUN, _ANOTHER_COOPERATOR.format('<w:rStyle w:val="Blank"/>')),
    ),
    "struck_through_by_a_banded_row.docx": _styled_docx(
        _table_style("Banded", "band1Horz", "<w:rPr><w:strike/></w:rPr>"),
        (_TABLE_PROPERTIES, _STYLED_TABLE.format("Banded")),
    ),
    "white_header_on_a_shaded_header_row.docx": _styled_docx(
        _table_style("Header", "firstRow", '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1F3864"/></w:tcPr>'),
        (_TABLE_PROPERTIES, _STYLED_TABLE.format("Header")),
        (_COOPERATORS_HEADER, _COOPERATORS_HEADER.replace("<w:r>", '<w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr>')),
    ),
    "struck_style_switched_off.docx": _styled_docx(
        _WITHDRAWN, (_COOPERATOR_RUN, _ANOTHER_COOPERATOR.format('<w:rStyle w:val="Withdrawn"/><w:strike w:val="0"/>'))
    ),
    "white_text_on_shading.docx": _cooperator_cell(
        '<w:r><w:rPr><w:color w:val="FFFFFF"/><w:shd w:val="clear" w:color="auto" w:fill="C00000"/></w:rPr>'
        "<w:t>县妇联、</w:t></w:r>{run}"
    ),
    "ruby_text.docx": _cooperator_cell(
        "<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>xiàn</w:t></w:r></w:rt><w:rubyBase>{run}</w:rubyBase></w:ruby></w:r>"
    ),
    "alternate_content.docx": _cooperator_cell(
        f'<mc:AlternateContent xmlns:mc="{_MARKUP_COMPATIBILITY}"><mc:Choice Requires="w14">{{run}}</mc:Choice>'
        "<mc:Fallback>{run}</mc:Fallback></mc:AlternateContent>"
    ),
    "row_content_control.docx": _task_table_wrapped("<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", row=True),
    "tracked_deletion.docx": _cooperator_cell(
        f"<w:del {_TRACKED}><w:r><w:delText>县民政局</w:delText></w:r></w:del>{{run}}"
    ),
    "tracked_insertion.docx": _cooperator_cell(f"<w:ins {_TRACKED}>{{run}}</w:ins>"),
    "white_text_in_a_text_box.docx": _edited_docx(
        "<w:t>五台县全民科学素质行动规划纲要实施方案</w:t></w:r>",
        '<w:t>五台县全民科学素质行动规划纲要实施方案</w:t></w:r><w:r><w:pict><v:shape fillcolor="#C00000"><v:textbox>'
        '<w:txbxContent><w:p><w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>科学素质行动</w:t></w:r></w:p>'
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>",
    ),
    "text_box.docx": _edited_docx(
        "<w:t>五台县全民科学素质行动规划纲要实施方案</w:t></w:r>",
        "<w:t>五台县全民科学素质行动规划纲要实施方案</w:t></w:r><w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
        "<w:p><w:r><w:t>县财政局负责经费保障</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>",
    ),
    "two_names_in_a_header.xlsx": _edited_grid(_two_names_in_a_header),
    "measure_below_the_legend.xlsx": _edited_workbook(_measure_below_the_legend),
    "role_as_formula.xlsx": _edited_workbook(_role_as_formula),
    "lead_edited_in_the_division_only.xlsx": _edited_workbook(_lead_edited_in_the_division_only),
    "deadline_edited_in_the_division.xlsx": _edited_workbook(_deadline_edited_in_the_division),
    "text_longer_than_a_cell.yaml": _long_text,
    "alt_enter_in_a_cell.xlsx": _division_workbook(
        _DIVISION_HEADER, [*_DIVISION_ROWS[0][:4], "县委宣传部\n县卫健局"], _DIVISION_ROWS[1]
    ),
    "value_under_blank_header.xlsx": _division_workbook(
        [*_DIVISION_HEADER, None, "备注"], [*_DIVISION_ROWS[0], "县妇联", ""], _DIVISION_ROWS[1]
    ),
    "struck_through_cell.xlsx": _division_workbook(edit=_strike_cooperators),
    "white_text_in_an_office_table.xlsx": _division_workbook(edit=_whiten_cooperators),
    "white_text_on_a_fill.xlsx": _division_workbook(edit=_whiten_cooperators_on_red),
    "hidden_by_a_number_format.xlsx": _division_workbook(edit=_blank_cooperators),
    "text_coloured_like_its_fill.xlsx": _division_workbook(edit=_colour_cooperators_like_their_fill),
    "struck_by_a_conditional_format.xlsx": _division_workbook(edit=_strike_cancelled_rows),
    "white_by_a_conditional_format.xlsx": _edited_grid(_whiten_consulted),
    "struck_role_in_the_matrix.xlsx": _edited_grid(_struck_role),
    "white_role_in_the_matrix.xlsx": _edited_grid(_white_role),
    "value_beside_an_office_table.xlsx": _division_workbook(
        ["某县重点任务分工表"],
        ["序号", "重点任务", "牵头单位", "配合单位", None],
        ["1", "开展宣传", "县科协", "县妇联", "县民政局"],
        ["2", "开展培训", "县人社局", "县教育局"],
    ),
    "value_under_an_unread_header.xlsx": _division_workbook(
        ["《某县重点工作实施方案》重点任务分工表"],
        ["印发单位：某县人民政府办公室"],
        ["序号", "具体措施", "主办单位", "协办单位", "备注"],
        ["1", "开展宣传", "县科协", "县妇联", "县民政局配合"],
        ["2", "开展培训", "县人社局", "县教育局"],
    ),
    "formula_without_result_in_an_office_table.xlsx": _division_workbook(
        ["《某县重点工作实施方案》重点任务分工表"],
        ["印发单位：某县人民政府办公室"],
        ["序号", "具体措施", "主办单位", "协办单位"],
        ["1", '=HYPERLINK("http://example.org","开展宣传")', "县科协", "县妇联"],
        ["2", "开展培训", "县人社局", "县教育局"],
    ),
    "hidden_first_sheet.xlsx": _division_workbook(edit=_hidden_old_sheet_first, title="Sheet1"),
    "second_table_sheet.xlsx": _division_workbook(edit=_second_table_sheet),
    "repeated_header.xlsx": _division_workbook(
        [*_DIVISION_HEADER[:3], "牵头\u00a0单位", _DIVISION_HEADER[4]],
        _DIVISION_ROWS[0],
        _DIVISION_HEADER,
        _DIVISION_ROWS[1],
    ),
    "two_paragraphs_in_a_cell.docx": _edited_docx(
        f"<w:p>{_COOPERATOR_RUN}</w:p>", f"<w:p><w:r><w:t>县委宣传部</w:t></w:r></w:p><w:p>{_COOPERATOR_RUN}</w:p>"
    ),
    "line_break_in_a_cell.docx": _edited_docx(
        _COOPERATOR_RUN, "<w:r><w:t>县委宣传部</w:t><w:br/><w:t>县卫健局</w:t></w:r>"
    ),
    "sixteen_million_cells.xlsx": _expanded(
        _empty_workbook, "xl/worksheets/sheet1.xml", _formatted_cells(1000, 16_000)
    ),
    "a_million_cells.xlsx": _expanded(_empty_workbook, "xl/worksheets/sheet1.xml", _formatted_cells(110, 10_000)),
    "five_million_paragraphs.docx": _expanded(_plan_docx, "word/document.xml", _empty_paragraphs(5_000_000)),
    "deep_nesting.yaml": _deep_nesting,
    "huge.yaml": _huge,
}


def corpus_file(name: str, folder: Path) -> Path:
    """The corpus file ``name`` in ``folder``: copied when committed, made when generated."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if name in GENERATED:
        GENERATED[name](path)
    else:
        path.write_bytes((CORPUS / name).read_bytes())
    return path
