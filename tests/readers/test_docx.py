"""The Word importer: the seeds typed into Word, numbered by Word, and task tables."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from matrix.errors import InputError
from matrix.readers import import_plan, read_plan
from matrix.readers.docx import read_docx
from matrix.readers.text import read_text

from ..conftest import seed_path

SEEDS = ["wutai-2021-2025.txt", "xinhuang-2021-2025.txt"]


def seed_lines(name: str) -> list[str]:
    return seed_path(name).read_text(encoding="utf-8").splitlines()


def same_plan(word, text) -> None:
    """Everything the two imports found is equal; measures compare without their locations."""
    assert word.problems == text.problems == ()
    assert word.plan.sections == text.plan.sections
    for key in ("title", "period", "issuer", "office", "targets", "stages"):
        assert getattr(word.plan, key) == getattr(text.plan, key), key


@pytest.mark.parametrize("seed", SEEDS)
def test_a_seed_typed_into_word_imports_as_its_text(tmp_path: Path, seed: str) -> None:
    document = docx.Document()
    for line in seed_lines(seed):
        document.add_paragraph(line)
    path = tmp_path / "plan.docx"
    document.save(str(path))

    word, text = read_docx(path), read_text(seed_path(seed))
    same_plan(word, text)
    # one paragraph per line, so paragraph numbers are the seed's line numbers
    assert [m.source.line for m in word.plan.measures] == [m.source.line for m in text.plan.measures]
    assert str(word.plan.measures[0].source) == f"{path}:{text.plan.measures[0].source.line}"


# A multilevel list as Chinese offices set it up: 一、 / （一） / 1.
MULTILEVEL = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
    '<w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
    "</w:abstractNum>"
)
TYPED_NUMBER = re.compile(
    r"^(?:(?P<chapter>[一二三四五六七八九十]+、)|(?P<section>（[一二三四五六七八九十]+）)|(?P<item>\d+\.))"
)


def numbered_document(lines: list[str]) -> docx.Document:
    """The lines as paragraphs, with typed chapter/section/item numbers replaced by Word list numbering."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(MULTILEVEL))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for line in lines:
        match = TYPED_NUMBER.match(line)
        paragraph = document.add_paragraph(line[match.end() :] if match else line)
        if match:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_numId().val = 90
            num_pr.get_or_add_ilvl().val = ["chapter", "section", "item"].index(match.lastgroup)
    return document


@pytest.mark.parametrize("seed", SEEDS)
def test_numbers_drawn_by_word_are_rebuilt(tmp_path: Path, seed: str) -> None:
    document = numbered_document(seed_lines(seed))
    assert not any(p.text.startswith(("三、", "（一）", "1.")) for p in document.paragraphs)
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    same_plan(read_docx(path), read_text(seed_path(seed)))


def task_table_document(rows: list[list[str]]) -> docx.Document:
    document = docx.Document()
    for line in [
        "某县科普工作实施方案（2022-2025年）",
        "为推进科普工作，制定本方案。",
        "一、重点任务",
        "（一）科普宣传",
    ]:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=5)
    for cells, row in zip(rows, table.rows, strict=True):
        if len(cells) == 1:
            merged = row.cells[0].merge(row.cells[4])
            merged.text = cells[0]
        else:
            for text, cell in zip(cells, row.cells, strict=True):
                cell.text = text
    return document


def test_a_task_table_gives_measures_located_by_table_and_row(tmp_path: Path) -> None:
    document = task_table_document(
        [
            ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
            ["1", "开展科普宣传", "县科协", "县教育局、县妇联", "每年"],
            ["2", "建设科普阵地", "县科协、县财政局", "", "2025年底前"],
            ["（二）科普人才培养"],
            ["1", "培养科普人才。到2025年培训科普骨干300人。", "县人社局", "县科协等单位", ""],
        ]
    )
    path = tmp_path / "table.docx"
    document.save(str(path))
    result = read_docx(path)
    assert result.problems == ()
    assert [(s.id, s.title) for s in result.plan.sections] == [("1.1", "科普宣传"), ("1.2", "科普人才培养")]
    first, second, third = result.plan.measures
    assert (first.id, first.title, first.leads, first.cooperators, first.deadline) == (
        "1.1.1",
        "开展科普宣传",
        ("县科协",),
        ("县教育局", "县妇联"),
        "每年",
    )
    assert (second.leads, second.cooperators, second.deadline) == (("县科协", "县财政局"), (), "2025年底前")
    assert (third.id, third.title, third.targets) == ("1.2.1", "培养科普人才", ("到2025年培训科普骨干300人",))
    assert third.deadline == "到2025年"  # no 完成时限 cell, so the text's
    assert str(third.source) == f"{path} [表1!第5行]"


def test_a_bad_name_in_a_table_is_reported_at_its_row(tmp_path: Path) -> None:
    document = task_table_document(
        [["序号", "具体措施", "责任单位", "参加单位", "完成时限"], ["1", "开展科普宣传", "县教育局！县科协", "", ""]]
    )
    path = tmp_path / "table.docx"
    document.save(str(path))
    (problem,) = read_docx(path).problems
    assert str(problem.location) == f"{path} [表1!第2行]"
    assert "句末标点" in problem.message
    with pytest.raises(InputError, match=r"表1!第2行\]: 单位名称含句末标点"):
        read_plan(path)


def test_a_table_that_is_not_a_task_table_is_reported_not_dropped(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某县科普工作实施方案")
    document.add_paragraph("一、重点任务")
    document.add_paragraph("（一）科普宣传")
    document.add_paragraph("开展科普宣传。（县科协牵头）")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "姓名", "职务"
    path = tmp_path / "other.docx"
    document.save(str(path))
    result = import_plan(path)
    assert [str(p.location) for p in result.problems] == [f"{path} [表1]"]
    assert "不是任务分工表" in result.problems[0].message
    assert result.plan.measures[0].leads == ("县科协",)
    with pytest.raises(InputError, match="不是任务分工表"):
        import_plan(path, strict=True)


def test_a_file_that_is_not_word_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_text("不是 Word 文件", encoding="utf-8")
    with pytest.raises(InputError, match=r"不是有效的 \.docx 文档（不是 zip 格式）"):
        read_docx(path)


def test_a_task_table_with_a_category_column_gives_one_section_per_category(tmp_path: Path) -> None:
    document = docx.Document()
    for line in ["某县科普工作实施方案", "为推进科普工作，制定本方案。", "一、重点任务"]:
        document.add_paragraph(line)
    rows = [
        ["序号", "重点任务", "具体措施", "牵头单位", "配合单位"],
        ["1", "青少年科学素质提升行动", "实施科学家精神进校园行动", "县教育局", "县科协"],
        ["2", "", "实施教师科学素质提升工程", "县教育局", ""],
        ["3", "老年人科学素质提升行动", "实施智慧助老行动", "县科协、县民政局", "县卫健局"],
    ]
    table = document.add_table(rows=len(rows), cols=5)
    for cells, row in zip(rows, table.rows, strict=True):
        for text, cell in zip(cells, row.cells, strict=True):
            cell.text = text
    table.cell(1, 1).merge(table.cell(2, 1))  # the category spans its two rows, as offices merge it
    path = tmp_path / "category.docx"
    document.save(str(path))

    result = read_docx(path)
    assert result.problems == ()
    assert [(s.id, s.title, [m.title for m in s.measures]) for s in result.plan.sections] == [
        ("1.1", "青少年科学素质提升行动", ["实施科学家精神进校园行动", "实施教师科学素质提升工程"]),
        ("1.2", "老年人科学素质提升行动", ["实施智慧助老行动"]),
    ]
    assert result.plan.measures[2].leads == ("县科协", "县民政局")


def test_line_breaks_inside_a_paragraph_separate_lines(tmp_path: Path) -> None:
    document = docx.Document()
    title = document.add_paragraph("某县全民科学素质行动规划纲要")
    title.add_run().add_break()
    title.add_run("实施方案（2021-2025年）")
    document.add_paragraph("为推进科普工作，制定本方案。")
    chapter = document.add_paragraph("一、重点任务")
    chapter.add_run().add_break()
    chapter.add_run("（一）科普宣传")
    document.add_paragraph("开展科普宣传。（县科协牵头）")
    path = tmp_path / "breaks.docx"
    document.save(str(path))
    result = read_docx(path)
    assert result.problems == ()
    assert (result.plan.title, result.plan.period) == ("某县全民科学素质行动规划纲要实施方案", "2021-2025")
    assert [(s.id, s.title) for s in result.plan.sections] == [("1.1", "科普宣传")]


def _plan_with_paragraph_xml(tmp_path: Path, measure_xml: str) -> Path:
    """A small plan whose one measure paragraph is ``measure_xml`` (runs, as Word stores them)."""
    document = docx.Document()
    for line in ["某县科普工作实施方案", "一、重点任务", "（一）科普宣传"]:
        document.add_paragraph(line)
    paragraph = document.add_paragraph()
    for child in parse_xml(f"<w:p {nsdecls('w')}>{measure_xml}</w:p>"):
        paragraph._p.append(child)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    return path


def test_a_content_control_still_showing_its_prompt_adds_nothing(tmp_path: Path) -> None:
    path = _plan_with_paragraph_xml(
        tmp_path,
        "<w:r><w:t>开展科普宣传。（县科协牵头</w:t></w:r>"
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>单击或点击此处输入文字。</w:t></w:r>"
        "</w:sdtContent></w:sdt><w:r><w:t>）</w:t></w:r>",
    )
    (measure,) = read_docx(path).plan.measures
    assert (measure.title, measure.leads) == ("开展科普宣传", ("县科协",))


def test_a_moved_name_is_a_tracked_change_refused_at_its_paragraph(tmp_path: Path) -> None:
    path = _plan_with_paragraph_xml(
        tmp_path,
        '<w:r><w:t>开展科普宣传。（县科协牵头，</w:t></w:r><w:moveTo w:id="3" w:author="a">'
        "<w:r><w:t>县妇联</w:t></w:r></w:moveTo><w:r><w:t>配合）</w:t></w:r>",
    )
    with pytest.raises(InputError, match="接受或拒绝所有修订") as caught:
        import_plan(path)
    assert str(caught.value).startswith(f"{path}:4: ")


def test_smart_tags_inside_a_content_control_are_read_as_the_paragraphs_text(tmp_path: Path) -> None:
    path = _plan_with_paragraph_xml(
        tmp_path,
        "<w:r><w:t>开展科普宣传。（</w:t></w:r><w:sdt><w:sdtContent><w:smartTag w:element='place'>"
        "<w:r><w:t>县科协</w:t></w:r></w:smartTag></w:sdtContent></w:sdt><w:r><w:t>牵头）</w:t></w:r>",
    )
    (measure,) = read_docx(path).plan.measures
    assert measure.leads == ("县科协",)
