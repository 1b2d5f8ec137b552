"""Which cells a person does not see as the reader reads them: number formats, fonts and fills on real cells."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, FormulaRule, Rule
from openpyxl.styles import Color, Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle

from matrix.errors import InputError
from matrix.readers.unseen import refuse_unseen, unseen

#: The fill this project's workbook gives an A/R cell, with white text on it.
_RED = PatternFill("solid", fgColor="C00000", bgColor="C00000")


def _cell(value: object, *, number_format: str = "General", font: Font | None = None, fill: PatternFill | None = None):
    cell = Workbook().active["B2"]
    cell.value, cell.number_format = value, number_format
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    return cell


@pytest.mark.parametrize(
    ("value", "number_format"),
    [
        ("县妇联", ";;;"),
        ("县妇联", '0;-0;0;"已删除"'),  # the text section shows other words in place of the name
        ("县妇联", '"a;b";;;'),  # a quoted semicolon separates nothing
        (5, ";;;"),
        (-5, "0;;"),  # the negative section is empty
        (0, "0;-0;"),
    ],
)
def test_a_number_format_that_shows_nothing_of_the_value_hides_it(value: object, number_format: str) -> None:
    assert "数字格式" in unseen(_cell(value, number_format=number_format))


@pytest.mark.parametrize(
    ("value", "number_format"),
    [("县妇联", "General"), ("县妇联", "0;-0;0"), ("县妇联", "0;-0;;@"), (5, "0;;"), (0, "0;-0"), (3.0, "@")],
)
def test_a_number_format_that_shows_the_value_hides_nothing(value: object, number_format: str) -> None:
    assert unseen(_cell(value, number_format=number_format)) is None


@pytest.mark.parametrize(
    "color", [Color(rgb="FFFFFFFF"), Color(indexed=9), Color(theme=0), Color(theme=0, tint=0.4)], ids=str
)
def test_white_text_on_no_fill_is_unseen_and_on_a_dark_fill_seen(color: Color) -> None:
    assert "白色" in unseen(_cell("县妇联", font=Font(color=color)))
    assert "白色" in unseen(_cell("县妇联", font=Font(color=color), fill=PatternFill("solid", fgColor="FFFFFF")))
    assert unseen(_cell("县妇联", font=Font(color=color), fill=PatternFill("solid", fgColor="C00000"))) is None


def test_a_dark_tint_of_the_background_colour_or_black_text_is_seen() -> None:
    assert unseen(_cell("县妇联", font=Font(color=Color(theme=0, tint=-0.5)))) is None
    assert unseen(_cell("县妇联", font=Font(color=Color(theme=1)))) is None


def test_white_text_on_a_white_solid_fill_as_excel_writes_it_is_unseen() -> None:
    """Excel writes a solid fill's colour as its foreground and names the system colour 64 as its background."""
    fill = PatternFill("solid", fgColor="FFFFFF", bgColor=Color(indexed=64))
    assert "白色" in unseen(_cell("县妇联", font=Font(color="FFFFFF"), fill=fill))


def _conditional_cell(value: str, rule, *, font: Font | None = None, fill: PatternFill | None = None) -> str | None:
    workbook = Workbook()
    sheet = workbook.active
    sheet["B2"] = value
    if font is not None:
        sheet["B2"].font = font
    if fill is not None:
        sheet["B2"].fill = fill
    sheet.conditional_formatting.add("B2:B3", rule)
    try:
        refuse_unseen(Path("任务分工表.xlsx"), sheet, lambda _row, _column: True)
    except InputError as error:
        assert error.location.cell == "B2"
        return str(error)
    return None


@pytest.mark.parametrize(
    ("value", "rule", "hidden"),
    [
        ("C", CellIsRule(operator="equal", formula=['"c"'], font=Font(color="FFFFFF")), True),
        ("R", CellIsRule(operator="equal", formula=['"C"'], font=Font(color="FFFFFF")), False),
        ("R", CellIsRule(operator="notEqual", formula=['"C"'], font=Font(strike=True)), True),
        ("县妇联（取消）", Rule(type="containsText", text="取消", dxf=DifferentialStyle(font=Font(strike=True))), True),
        ("县妇联", Rule(type="containsText", text="取消", dxf=DifferentialStyle(font=Font(strike=True))), False),
        ("县妇联", FormulaRule(formula=['$C2="取消"'], font=Font(strike=True)), True),  # not worked out: may hold
        ("C", CellIsRule(operator="equal", formula=['"C"'], font=Font(color="FFFFFF"), fill=_RED), False),
    ],
)
def test_a_conditional_format_hides_a_cell_where_its_rule_may_hold(value: str, rule, hidden: bool) -> None:
    assert (_conditional_cell(value, rule) is not None) == hidden


_WHITE_FILL = PatternFill("solid", fgColor="FFFFFF", bgColor="FFFFFF")


@pytest.mark.parametrize(
    ("rule", "hidden"),
    [
        (FormulaRule(formula=["TRUE"], fill=_WHITE_FILL), True),  # the rule's white fill replaces the red one
        (FormulaRule(formula=["TRUE"], font=Font(color="FFFFFF")), False),  # white on the cell's own red fill
        (FormulaRule(formula=["TRUE"], font=Font(bold=True)), False),
    ],
)
def test_what_a_conditional_format_sets_replaces_the_cells_own_and_the_rest_stays(rule, hidden: bool) -> None:
    white_on_red = {"font": Font(color="FFFFFF"), "fill": _RED}
    assert (_conditional_cell("A/R", rule, **white_on_red) is not None) == hidden


@pytest.mark.parametrize(
    ("font", "fill", "hidden"),
    [
        # black as Excel stores it (openpyxl's own "000000" reads as a colour not set)
        (Font(), PatternFill("solid", fgColor="FF000000"), True),  # automatic black on black
        (Font(color=Color(theme=1)), PatternFill("solid", fgColor="FF000000"), True),
        (Font(color="FF0000"), PatternFill("solid", fgColor="FFFF00"), False),
        (Font(color="FFFF00"), PatternFill("solid", fgColor=Color(theme=5)), False),  # a theme's accent: not told
        (Font(color="FFFF00"), PatternFill("lightGray", fgColor="FFFF00"), False),  # a pattern draws on the cell
    ],
)
def test_text_coloured_like_its_fill_is_unseen(font: Font, fill: PatternFill, hidden: bool) -> None:
    assert (unseen(_cell("县妇联", font=font, fill=fill)) is not None) == hidden
