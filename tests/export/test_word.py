"""Task notices and the summary, written to tmp_path and read back with python-docx.

Expectations are computed from the plan itself (``Measure.leads``,
``Measure.cooperators``), not from the exporter's own helpers, so a mistake in
reading the graph shows up here.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor

from matrix.errors import InputError, OutputError
from matrix.export import word
from matrix.export.official import (
    BODY,
    BODY_FONT,
    BUNDLED_TEMPLATE,
    HEADING1,
    HEADING2,
    PLAIN,
    SMALL_TABLE,
    TABLE,
    TITLE,
    document_bytes,
    official_document,
    official_template,
)
from matrix.export.word import (
    MIN_TASKS_PER_WORKER,
    NoticeRun,
    notice_filename,
    notice_recipients,
    write_notices,
    write_summary,
)
from matrix.export.workers import available_cpus, worker_count
from matrix.graph import build_graph
from matrix.model import Assignment, Measure, Plan, Section
from matrix.readers.yaml import read_yaml, read_yaml_text

from ..conftest import INPUT, SMALL_PLAN
from ..rendering import needs_pdf_tools, page_count, pdf_fonts, pdf_info, pdf_text, to_pdf

#: The Wutai plan's title, issuer, office and period, as the shared small plan has them.
WUTAI_HEADER = SMALL_PLAN[: SMALL_PLAN.index("sections:\n")]

#: An excerpt of the Wutai plan: real titles, texts and assignments, three sections.
WUTAI_EXCERPT = (
    WUTAI_HEADER
    + """\
stages:
  - {name: 启动实施阶段, years: "2021", text: 推动和指导各成员单位、各乡（镇）制定本地实施方案并启动实施。}
  - {name: 深入实施阶段, years: 2022-2025, text: 聚焦目标任务，针对薄弱环节，全面推进各项重点任务的落实。}
  - {name: 总结评估阶段, years: 2025年末, text: 组织开展督促检查，进行总结和全面评估。}
departments:
  - {name: 县财政局, kind: 政府部门}
sections:
  - id: "3.1"
    title: 青少年科学素质提升行动
    kind: 提升行动
    measures:
      - id: "3.1.1"
        title: 实施科学家精神进校园行动
        text: 实施科学家精神进校园行动。坚持立德树人，把弘扬科学精神贯穿于育人全链条。
        leads: [县教科局]
        cooperators: 县委宣传部、县科协、团县委、县妇联
      - id: "3.1.3"
        title: 实施科技创新后备人才培育计划
        text: 实施“中学生英才计划”、“明天小小科学家”、五台县青少年科技创新大赛和机器人竞赛。
        leads: [县教科局, 县科协]
        cooperators: 县委宣传部、县融媒体中心、团县委
        targets: [每年组织100人次青少年参与各级各类科技竞赛活动]
        deadline: 2025年
  - id: "3.4"
    title: 老年人科学素质提升行动
    kind: 提升行动
    measures:
      - id: "3.4.1"
        title: 实施智慧助老行动
        text: 聚焦老年人运用智能技术、融入智慧社会的需求和困难，普及智能技术知识和技能。
        leads: [县科协, 县民政局]
        cooperators: 县委宣传部、县卫健局、县总工会、县妇联
      - id: "3.4.3"
        title: 实施银龄科普行动
        text: 积极开发老龄人力资源，大力发展老年协会、老科协等组织。
        leads: [县科协, 县民政局]
        cooperators: 县人社局、县卫健局、县教科局
  - id: "4.3"
    title: 科普基础设施工程
    kind: 重点工程
    measures:
      - id: "4.3.1"
        title: 加强对科普基础设施建设的统筹规划
        leads: [县科协]
        cooperators: 县发展改革局、县教科局
      - id: "4.3.4"
        title: 健全基层科普服务体系
        leads: [县科协]
        cooperators: 县委宣传部、县教科局、县民政局
"""
)

DATE = dt.date(2026, 11, 23)
OFFICE = "五台县全民科学素质工作领导组办公室"
NUMBERED = re.compile(r"^（[一二三四五六七八九十]+）")


@pytest.fixture
def plan() -> Plan:
    return read_yaml_text(WUTAI_EXCERPT, "wutai-excerpt.yaml")


@pytest.fixture
def run(plan: Plan, tmp_path: Path) -> NoticeRun:
    return write_notices(plan, build_graph(plan), tmp_path / "notices", date=DATE)


def notice(run: NoticeRun, department: str):
    return Document(str(notice_path(run, department)))


def chapter_titles(document, chapter: str) -> list[str]:
    """Measure titles under the first-level heading ending in ``chapter``, in document order."""
    titles: list[str] = []
    inside = False
    for paragraph in document.paragraphs:
        if paragraph.style.name == HEADING1:
            inside = paragraph.text.endswith(chapter)
        elif inside and paragraph.style.name == HEADING2:
            titles.append(NUMBERED.sub("", paragraph.text))
    return titles


def east_asian_font(document, paragraph) -> str | None:
    """The East Asian font in force for ``paragraph``'s first run: run, style chain, then defaults."""
    candidates = [paragraph.runs[0].element.rPr] if paragraph.runs else []
    style = paragraph.style
    while style is not None:
        candidates.append(style.element.rPr)
        style = style.base_style
    defaults = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    candidates.append(defaults)
    for rpr in candidates:
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
    return None


def texts(document) -> list[str]:
    """Paragraph texts as read, a title's line breaks left out."""
    return [p.text.replace("\n", "") for p in document.paragraphs]


@pytest.mark.parametrize("department", ["县科协", "县教科局", "县民政局"])
def test_notice_lists_exactly_the_measures_the_department_leads_and_supports(
    plan: Plan, run: NoticeRun, department: str
) -> None:
    led = [m.title for m in plan.measures if department in m.leads]
    supported = [m.title for m in plan.measures if department in m.cooperators]
    document = notice(run, department)
    assert chapter_titles(document, "牵头任务") == led
    assert chapter_titles(document, "配合任务") == supported
    assert f"{department}：" in texts(document)


def test_notice_title_cites_the_plan_with_its_period_in_lines_broken_between_words(run: NoticeRun) -> None:
    title = next(p for p in notice(run, "县科协").paragraphs if p.style.name == TITLE)
    # GB/T 9704 7.3.3: lines break between words, balanced (a trapezoid), none over the 20 characters
    # of 2号 type in the 156 mm type area; the breaks are in the file, so every word processor keeps them
    assert title.text.split("\n") == [
        "关于印发《五台县",
        "全民科学素质行动规划纲要实施方案",
        "（2021-2025年）》任务分解清单的通知",
    ]


def test_a_cooperating_task_names_its_leads_and_a_led_one_its_partners(run: NoticeRun) -> None:
    body = "\n".join(texts(notice(run, "县民政局")))
    assert "牵头单位：县科协" in body  # 健全基层科普服务体系, which it supports
    assert "共同牵头单位：县科协；配合单位：县委宣传部、县卫健局、县总工会、县妇联。" in body


def test_empty_chapters_are_left_out_and_the_rest_renumbered(run: NoticeRun) -> None:
    headings = [p.text for p in notice(run, "县委宣传部").paragraphs if p.style.name == HEADING1]
    assert headings == ["一、配合任务", "二、工作要求"]


def test_targets_deadline_and_full_text_are_quoted(run: NoticeRun) -> None:
    body = "\n".join(texts(notice(run, "县教科局")))
    assert "量化目标：每年组织100人次青少年参与各级各类科技竞赛活动。" in body
    assert "完成时限：2025年。" in body
    assert "坚持立德树人，把弘扬科学精神贯穿于育人全链条。" in body
    assert "完成时限：2021-2025年。" in body  # no deadline of its own: the plan's period


def test_an_informed_department_gets_a_chapter_of_measures_to_know_about(tmp_path: Path) -> None:
    text = WUTAI_EXCERPT.replace(
        "        cooperators: 县发展改革局、县教科局\n",
        "        cooperators: 县发展改革局、县教科局\n        informed: [县财政局]\n",
    )
    plan = read_yaml_text(text)
    run = write_notices(plan, build_graph(plan), tmp_path, date=DATE)
    document = notice(run, "县财政局")
    headings = [p.text for p in document.paragraphs if p.style.name == HEADING1]
    assert headings == ["一、知悉任务", "二、工作要求"]
    assert chapter_titles(document, "知悉任务") == ["加强对科普基础设施建设的统筹规划"]
    assert "县财政局" not in run.skipped


def test_titles_only_when_full_text_is_off(plan: Plan, tmp_path: Path) -> None:
    run = write_notices(plan, build_graph(plan), tmp_path, date=DATE, full_text=False)
    body = "\n".join(texts(notice(run, "县教科局")))
    assert "实施科学家精神进校园行动" in body
    assert "坚持立德树人" not in body


def test_default_requirements_follow_the_plan_timeline(run: NoticeRun) -> None:
    body = "\n".join(texts(notice(run, "县科协")))
    assert "2021年为启动实施阶段；2022-2025年为深入实施阶段；2025年末为总结评估阶段" in body
    assert f"报送{OFFICE}" in body


def test_custom_requirements_replace_the_default(plan: Plan, tmp_path: Path) -> None:
    wanted = "请于每季度末报送进展情况。\n请指定一名联络员。"
    run = write_notices(plan, build_graph(plan), tmp_path, date=DATE, requirements=wanted)
    document = notice(run, "县科协")
    paragraphs = texts(document)
    start = paragraphs.index("四、工作要求") if "四、工作要求" in paragraphs else paragraphs.index("三、工作要求")
    assert paragraphs[start + 1 : start + 3] == ["请于每季度末报送进展情况。", "请指定一名联络员。"]
    assert "启动实施阶段" not in "\n".join(paragraphs)


def test_signature_is_the_office_and_the_date_in_chinese(run: NoticeRun) -> None:
    paragraphs = texts(notice(run, "县科协"))
    position = paragraphs.index(OFFICE)
    assert paragraphs[position + 1] == "2026年11月23日"


def test_signature_falls_back_to_the_issuer(tmp_path: Path) -> None:
    text = WUTAI_EXCERPT.replace(f"office: {OFFICE}\n", "")
    plan = read_yaml_text(text)
    run = write_notices(plan, build_graph(plan), tmp_path, date=DATE)
    assert "五台县全民科学素质工作领导组" in texts(notice(run, "县科协"))


def test_page_is_a4_with_gbt_9704_margins(run: NoticeRun) -> None:
    section = notice(run, "县科协").sections[0]
    measured = [section.page_width, section.page_height, section.top_margin, section.bottom_margin]
    measured += [section.left_margin, section.right_margin]
    assert [round(length.mm, 1) for length in measured] == [210, 297, 37, 35, 28, 26]


def test_body_text_carries_the_east_asian_font(run: NoticeRun) -> None:
    document = notice(run, "县科协")
    opening = next(p for p in document.paragraphs if p.style.name == BODY)
    assert east_asian_font(document, opening) == BODY_FONT
    expected = {TITLE: "方正小标宋简体", HEADING1: "黑体", HEADING2: "楷体_GB2312"}
    for style, font in expected.items():
        paragraph = next(p for p in document.paragraphs if p.style.name == style)
        assert east_asian_font(document, paragraph) == font
    (cell,) = document.tables[0].rows[1].cells[:1]
    assert east_asian_font(document, cell.paragraphs[0]) == BODY_FONT
    fonts = opening.style.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == BODY_FONT
    line = opening.style.paragraph_format
    assert line.line_spacing.pt == pytest.approx(28.95, abs=0.05)
    # two characters in, each a quarter point narrower than 三号 so that 28 fill the 156 mm line
    assert opening.style.element.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"
    assert line.first_line_indent.pt == pytest.approx(2 * (16 - 0.25))
    assert 28 * (16 - 0.25) <= Mm(156).pt < 29 * (16 - 0.25)


_STYLE_NAMED = re.compile(r'<w:(?:pStyle|rStyle|tblStyle|numStyle|styleLink|numStyleLink) w:val="([^"]+)"')
_STYLE_LINKED = re.compile(r'<w:(?:basedOn|next|link) w:val="([^"]+)"')


def test_a_notice_defines_every_style_it_names_and_carries_no_other(run: NoticeRun) -> None:
    with zipfile.ZipFile(notice_path(run, "县科协")) as archive:
        members = archive.namelist()
        parts = {name: archive.read(name).decode("utf-8") for name in members if name.endswith(".xml")}
    styles = parts.pop("word/styles.xml")
    defined = re.findall(r'w:styleId="([^"]+)"', styles)
    defaults = re.findall(r'<w:style w:type="\w+" w:default="1"[^>]*w:styleId="([^"]+)"', styles)
    named = {name for text in parts.values() for name in _STYLE_NAMED.findall(text)}
    linked = set(_STYLE_LINKED.findall(styles))
    document = notice(run, "县科协")
    ours = {document.styles[name].style_id for name in (TITLE, BODY, PLAIN, HEADING1, HEADING2, TABLE, SMALL_TABLE)}
    assert named | linked <= set(defined)
    assert set(defined) == named | linked | set(defaults) | ours
    assert {"Normal", "Footer", "TableNormal"} <= set(defined)
    # python-docx's blank template carries 170 styles, twice: neither copy goes out with a notice
    assert "LightShading" not in defined
    assert "word/stylesWithEffects.xml" not in parts
    assert not any(
        name.startswith("docProps/thumbnail") for name in zipfile.ZipFile(notice_path(run, "县科协")).namelist()
    )


def test_page_numbers_are_page_fields_on_odd_and_even_footers(run: NoticeRun) -> None:
    document = notice(run, "县科协")
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, alignment in ((section.footer, "right"), (section.even_page_footer, "left")):
        xml = footer._element.xml
        instructions = [e.text for e in footer._element.iter(qn("w:instrText"))]
        instructions += [e.get(qn("w:instr")) for e in footer._element.iter(qn("w:fldSimple"))]
        assert any("PAGE" in i for i in instructions)
        assert f'w:jc w:val="{alignment}"' in xml
        assert footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")


def test_attachment_table_lists_every_task_with_its_role(plan: Plan, run: NoticeRun) -> None:
    document = notice(run, "县科协")
    (table,) = document.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "任务", "角色", "牵头单位", "完成时限"]
    mine = [m for m in plan.measures if "县科协" in m.leads or "县科协" in m.cooperators]
    assert [r[1] for r in rows[1:]] == [m.title for m in mine]
    by_title = {r[1]: r for r in rows[1:]}
    assert by_title["实施智慧助老行动"][2] == "主责牵头"
    assert by_title["实施科技创新后备人才培育计划"][2] == "牵头"
    assert by_title["实施科学家精神进校园行动"][2:4] == ["配合", "县教科局"]
    assert "附件：县科协任务分解清单" in texts(document)


def test_no_attachment_when_turned_off(plan: Plan, tmp_path: Path) -> None:
    run = write_notices(plan, build_graph(plan), tmp_path, date=DATE, attachment=False)
    document = notice(run, "县科协")
    assert document.tables == []
    assert not any(t.startswith("附件") for t in texts(document))


def test_office_gets_no_notice_and_idle_departments_are_skipped(plan: Plan, run: NoticeRun) -> None:
    working = {a.department for m in plan.measures for a in m.assignments}
    assert {p.name for p in run.written} == {notice_filename(d) for d in working}
    assert not any(OFFICE in p.name for p in run.written)
    assert run.skipped == ("县财政局",)


def test_progress_is_called_once_per_file(plan: Plan, tmp_path: Path) -> None:
    seen: list[str] = []
    run = write_notices(plan, build_graph(plan), tmp_path, date=DATE, progress=seen.append)
    assert len(seen) == len(run.written) == len(set(seen))
    assert set(seen) == set(notice_recipients(build_graph(plan)))


def test_hostile_department_names_cannot_leave_the_output_folder(tmp_path: Path) -> None:
    names = ["../x", "a/b", "CON:", "a_b", "..", ".hidden", "名" * 200]
    measure = Measure("1.1", "示例措施", assignments=tuple(Assignment(n, "R") for n in names))
    plan = Plan("示例方案", sections=(Section("1", "示例", measures=(measure,)),))
    outdir = tmp_path / "out"
    run = write_notices(plan, build_graph(plan), outdir, date=DATE)
    assert len(run.written) == len(names)
    assert sorted(p.name for p in outdir.iterdir()) == sorted(p.name for p in run.written)
    for path in run.written:
        assert path.parent == outdir
        assert not re.search(r'[/\\:*?"<>|]|\.\.', path.name)
        assert not path.name.startswith(".")
        assert len(path.name.encode()) < 255
    written = {p.name for p in run.written}
    assert {"任务分解通知-_x.docx", "任务分解通知-a_b.docx", "任务分解通知-CON_.docx"} <= written
    assert "任务分解通知-a_b-2.docx" in written
    assert list(tmp_path.iterdir()) == [outdir]


def test_a_letterhead_keeps_its_header_and_page_and_its_body_comes_first(plan: Plan, tmp_path: Path) -> None:
    letterhead = Document()
    letterhead.sections[0].top_margin = Mm(50)
    letterhead.sections[0].header.paragraphs[0].text = "五台县科学技术协会"
    letterhead.add_paragraph("五台县全民科学素质工作领导组办公室文件")
    letterhead.save(str(tmp_path / "letterhead.docx"))
    run = write_notices(plan, build_graph(plan), tmp_path / "out", date=DATE, template=tmp_path / "letterhead.docx")
    document = notice(run, "县科协")
    assert document.sections[0].header.paragraphs[0].text == "五台县科学技术协会"
    assert round(document.sections[0].top_margin.mm) == 50
    # the 版头 in the body stays, two blank lines above the title
    assert texts(document)[:4] == ["五台县全民科学素质工作领导组办公室文件", "", "", TITLE_TEXT]
    assert chapter_titles(document, "牵头任务") == [m.title for m in plan.measures if "县科协" in m.leads]


TITLE_TEXT = "关于印发《五台县全民科学素质行动规划纲要实施方案（2021-2025年）》任务分解清单的通知"


def _letterhead_with_number(path: Path, *, first_page_header: bool = False) -> Path:
    """A letterhead as offices keep it: red issuer name and a 发文字号 placeholder split over runs."""
    letterhead = Document()
    heading = letterhead.add_paragraph()
    heading.add_run("五台县全民科学素质工作领导组办公室文件").font.color.rgb = RGBColor(0xC0, 0, 0)
    number = letterhead.add_paragraph()
    for piece in ("五科素办〔2026〕", "X", "号"):
        number.add_run(piece)
    if first_page_header:
        section = letterhead.sections[0]
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = "首页版头"
    letterhead.save(str(path))
    return path


def test_the_document_number_placeholder_is_filled_from_number(plan: Plan, tmp_path: Path) -> None:
    template = _letterhead_with_number(tmp_path / "letterhead.docx")
    run = write_notices(plan, build_graph(plan), tmp_path / "a", date=DATE, template=template, number="12")
    assert texts(notice(run, "县科协"))[:2] == ["五台县全民科学素质工作领导组办公室文件", "五科素办〔2026〕12号"]
    run = write_notices(plan, build_graph(plan), tmp_path / "b", date=DATE, template=template, number="〔2027〕3号")
    assert texts(notice(run, "县科协"))[1] == "五科素办〔2027〕3号"


def test_a_placeholder_without_number_and_a_number_without_placeholder_are_refused(plan: Plan, tmp_path: Path) -> None:
    template = _letterhead_with_number(tmp_path / "letterhead.docx")
    with pytest.raises(InputError, match=r"〔2026〕X号.*--number"):
        write_notices(plan, build_graph(plan), tmp_path / "a", date=DATE, template=template)
    plain = tmp_path / "plain.docx"
    Document().save(str(plain))
    with pytest.raises(InputError, match="没有发文字号占位符"):
        write_notices(plan, build_graph(plan), tmp_path / "b", date=DATE, template=plain, number="12")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_a_letterhead_with_its_own_first_page_header_keeps_page_numbers(plan: Plan, tmp_path: Path) -> None:
    template = _letterhead_with_number(tmp_path / "letterhead.docx", first_page_header=True)
    run = write_notices(plan, build_graph(plan), tmp_path / "out", date=DATE, template=template, number="1")
    section = notice(run, "县科协").sections[0]
    assert section.first_page_header.paragraphs[0].text == "首页版头"
    for footer in (section.first_page_footer, section.footer):
        assert "PAGE" in "".join(t.text for t in footer._element.iter(qn("w:instrText")))


def test_a_template_that_is_not_docx_is_an_input_error(plan: Plan, tmp_path: Path) -> None:
    bad = tmp_path / "letterhead.docx"
    bad.write_text("not a document", encoding="utf-8")
    with pytest.raises(InputError, match=r"not a \.docx template"):
        write_notices(plan, build_graph(plan), tmp_path / "out", template=bad)


def test_an_output_folder_that_is_a_file_is_an_output_error(plan: Plan, tmp_path: Path) -> None:
    blocker = tmp_path / "notices"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot write"):
        write_notices(plan, build_graph(plan), blocker, date=DATE)


def test_summary_has_a_band_per_section_and_one_row_per_measure(plan: Plan, tmp_path: Path) -> None:
    path = write_summary(plan, build_graph(plan), tmp_path / "任务分解总表.docx", date=DATE)
    document = Document(str(path))
    (table,) = document.tables
    assert len(table.rows) == 1 + len(plan.sections) + len(plan.measures)
    assert [c.text for c in table.rows[0].cells] == ["编号", "措施", "牵头单位", "配合单位", "完成时限"]
    bands = [row.cells[0].text for row in table.rows[1:] if len({id(c._tc) for c in row.cells}) == 1]
    assert bands == [f"{s.id} {s.title}" for s in plan.sections]
    rows = {row.cells[0].text: [c.text.replace("\n", "") for c in row.cells] for row in table.rows[1:]}
    assert rows["3.4.1"][2:4] == ["县科协、县民政局", "县委宣传部、县卫健局、县总工会、县妇联"]
    assert "《五台县全民科学素质行动规划纲要实施方案（2021-2025年）》任务分解总表" in texts(document)
    assert texts(document)[-2:] == [OFFICE, "2026年11月23日"]


SEED_DEPARTMENTS = [("wutai", d) for d in ("县科协", "县教科局", "县民政局")]
SEED_DEPARTMENTS += [("xinhuang", d) for d in ("县科协", "县教育局", "县民政局")]


@pytest.fixture(scope="module")
def seed_notices(tmp_path_factory: pytest.TempPathFactory):
    """The bundled seed plans and their notices, written once per seed for the module."""
    written: dict[str, tuple[Plan, NoticeRun]] = {}

    def notices_of(seed: str) -> tuple[Plan, NoticeRun]:
        path = INPUT / f"{seed}.yaml"
        if not path.exists():
            pytest.skip(f"seed input {path.name} not bundled yet")
        if seed not in written:
            plan = read_yaml(path)
            outdir = tmp_path_factory.mktemp(seed)
            written[seed] = plan, write_notices(plan, build_graph(plan), outdir, date=DATE)
        return written[seed]

    return notices_of


@pytest.mark.parametrize(("seed", "department"), SEED_DEPARTMENTS)
def test_seed_notices_list_what_the_plan_assigns(seed_notices, seed: str, department: str) -> None:
    plan, run = seed_notices(seed)
    document = notice(run, department)
    assert chapter_titles(document, "牵头任务") == [m.title for m in plan.measures if department in m.leads]
    assert chapter_titles(document, "配合任务") == [m.title for m in plan.measures if department in m.cooperators]
    paragraphs = texts(document)
    assert f"{department}：" in paragraphs
    assert paragraphs[paragraphs.index(plan.office) + 1] == "2026年11月23日"


@pytest.mark.parametrize("seed", ["wutai", "xinhuang"])
def test_seed_plans_get_a_notice_per_working_department_and_a_full_summary(
    seed_notices, seed: str, tmp_path: Path
) -> None:
    plan, run = seed_notices(seed)
    working = {a.department for m in plan.measures for a in m.assignments} - {plan.office}
    assert sorted(p.name for p in run.written) == sorted(notice_filename(d) for d in working)
    summary = Document(str(write_summary(plan, build_graph(plan), tmp_path / "总表.docx", date=DATE)))
    assert len(summary.tables[0].rows) == 1 + len(plan.sections) + len(plan.measures)


@needs_pdf_tools
def test_notice_renders_to_pdf_with_page_numbers_and_the_attachment_on_its_own_page(plan: Plan, tmp_path: Path) -> None:
    graph = build_graph(plan)
    with_table = write_notices(plan, graph, tmp_path / "with", date=DATE)
    without = write_notices(plan, graph, tmp_path / "without", date=DATE, attachment=False)
    pdf = to_pdf(notice_path(with_table, "县科协"), tmp_path / "pdf-with")
    plain = to_pdf(notice_path(without, "县科协"), tmp_path / "pdf-without")
    pages = page_count(pdf)
    assert pages == page_count(plain) + 1
    first, last = pdf_text(pdf, 1), pdf_text(pdf, pages)
    squeeze = re.compile(r"\s+")
    assert "关于印发《五台县全民科学素质行动规划纲要实施方案" in squeeze.sub("", first)
    assert "县科协：" in squeeze.sub("", first)
    assert re.search(r"—\s*1\s*—", first)
    assert "县科协任务分解清单" in squeeze.sub("", last) and "序号" in last
    assert re.search(rf"—\s*{pages}\s*—", last)
    signature_page = squeeze.sub("", pdf_text(pdf, pages - 1))
    assert OFFICE in signature_page and "2026年11月23日" in signature_page
    # drawn with the stand-ins of tests/fonts/fonts.conf: a Song face for the body, a bold one for titles
    assert "UMingCN" in pdf_fonts(pdf) and "NotoSerifCJK" in pdf_fonts(pdf) and "Bold" in pdf_fonts(pdf)


def notice_path(run: NoticeRun, department: str) -> Path:
    (path,) = [p for p in run.written if p.name == notice_filename(department)]
    return path


def test_a_department_with_more_than_ninety_nine_tasks_gets_them_all(tmp_path: Path) -> None:
    measures = tuple(Measure(f"1.{i}", f"措施{i}", assignments=(Assignment("县科协", "A/R"),)) for i in range(1, 121))
    plan = Plan("某省合并实施方案", sections=(Section("1", "合并", measures=measures),))
    (path,) = write_notices(plan, build_graph(plan), tmp_path, date=dt.date(2025, 1, 1)).written
    texts = [p.text for p in Document(str(path)).paragraphs]
    assert "（九十九）措施99" in texts
    assert "（一百二十）措施120" in texts


def test_notices_written_side_by_side_are_the_files_written_one_by_one(tmp_path: Path) -> None:
    plan = read_yaml(INPUT / "wutai.yaml")
    graph = build_graph(plan)
    serial = write_notices(plan, graph, tmp_path / "serial", date=DATE, workers=1)
    parallel = write_notices(plan, graph, tmp_path / "parallel", date=DATE, workers=2)
    assert [p.name for p in parallel.written] == [p.name for p in serial.written]
    assert len(serial.written) == len(notice_recipients(graph)) > 20
    for one, other in zip(serial.written, parallel.written, strict=True):
        assert docx_parts(one) == docx_parts(other), one.name


def test_a_plan_of_a_few_measures_is_written_in_this_process_and_a_county_plans_on_every_cpu(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen: list[int] = []

    def note_workers(_function, _jobs, workers, **_options):
        chosen.append(workers)
        return iter(())

    monkeypatch.setattr(word, "run_jobs", note_workers)
    small = read_yaml_text(WUTAI_EXCERPT, "excerpt.yaml")
    small_graph = build_graph(small)
    write_notices(small, small_graph, tmp_path, date=DATE)
    county = read_yaml(INPUT / "wutai.yaml")
    graph = build_graph(county)
    write_notices(county, graph, tmp_path, date=DATE)
    tasks = sum(graph.degree(d) for d in notice_recipients(graph))
    assert sum(small_graph.degree(d) for d in notice_recipients(small_graph)) < MIN_TASKS_PER_WORKER < tasks
    assert chosen == [1, worker_count(len(notice_recipients(graph)), work=tasks, least_work=MIN_TASKS_PER_WORKER)]
    assert chosen[1] == min(available_cpus(), 3) if sys.platform.startswith("linux") else 1


def docx_parts(path: Path) -> dict[str, bytes]:
    """Every part of a .docx by name: the zip's own timestamps say when, not what."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_notice_that_cannot_be_written_by_a_worker_is_an_output_error(tmp_path: Path) -> None:
    plan = read_yaml(INPUT / "wutai.yaml")
    outdir = tmp_path / "notices"
    (outdir / notice_filename("县科协")).mkdir(parents=True)  # a folder where the file goes
    with pytest.raises(OutputError, match="县科协"):
        write_notices(plan, build_graph(plan), outdir, date=DATE, workers=2)
    assert not list(outdir.glob(".*"))  # no temporary file left behind


@needs_pdf_tools
def test_body_lines_hold_twenty_eight_characters_as_gb_t_9704_asks(plan: Plan, tmp_path: Path) -> None:
    run = write_notices(plan, build_graph(plan), tmp_path / "notices", date=DATE, attachment=False)
    pdf = to_pdf(notice_path(run, "县科协"), tmp_path / "pdf")
    lines = [
        "".join(line.split()) for page in range(1, page_count(pdf) + 1) for line in pdf_text(pdf, page).splitlines()
    ]
    # lines of Chinese text alone: an ASCII digit or letter is half a character wide
    widths = [len(line) for line in lines if line and all(ord(c) > 0x2E80 for c in line)]
    assert max(widths) == 28


def _needed(text: str, size: float = 12) -> float:
    """Points a line of ``text`` in 小四 (12 pt, or ``size``) needs in a cell: ASCII half a character,
    a change between Chinese and digits a quarter (Word's and LibreOffice's automatic spacing),
    5.4 pt of cell margin on each side."""
    ascii_count = sum(1 for c in text if c.isascii())
    changes = len(re.findall(r"[0-9A-Za-z](?=[^\x00-\x7f])|[^\x00-\x7f](?=[0-9A-Za-z])", text))
    return size * (len(text) - ascii_count / 2 + changes / 4) + 2 * 5.4


def _grid(table) -> list[float]:
    return [int(col.get(qn("w:w"))) / 20 for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def test_attachment_columns_are_as_wide_as_their_longest_cell(run: NoticeRun) -> None:
    table = notice(run, "县科协").tables[-1]
    widths = dict(zip([c.text for c in table.rows[0].cells], _grid(table), strict=True))
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    for column in ("序号", "角色", "完成时限"):
        index = list(widths).index(column)
        assert widths[column] >= max(_needed(r[index]) for r in rows), column
    assert widths["任务"] >= sum(widths.values()) / 5
    # the lead column holds its longest name and the 、 after it; lists break between names
    names = [n for r in rows for n in r[3].replace("\n", "").split("、")]
    assert widths["牵头单位"] >= max(_needed(n + "、") for n in names)
    assert all(line.rstrip("、") in names for r in rows for line in r[3].split("\n"))
    assert sum(widths.values()) == pytest.approx(156 / 25.4 * 72, abs=1)  # the 156 mm type area


def _run_texts(document) -> list[str]:
    """Each run's text as written, Word's non-breaking hyphen (``w:noBreakHyphen``) shown as U+2011."""
    shown = {qn("w:t"): lambda e: e.text or "", qn("w:noBreakHyphen"): lambda e: "\u2011"}
    return ["".join(shown[e.tag](e) for e in r if e.tag in shown) for r in document.element.body.iter(qn("w:r"))]


def test_a_number_range_is_never_broken_at_its_hyphen(run: NoticeRun) -> None:
    document = notice(run, "县教科局")
    runs = _run_texts(document)
    assert any("2021\u20112025年" in text for text in runs)  # held together by Word's own hyphen
    assert not any(re.search(r"\d-\d", text) for text in runs)  # every range, 2021-2025 or 3-5
    # and read back as the plan wrote it: no character added to hold it
    assert "完成时限：2021-2025年。" in texts(document)


def test_summary_keeps_every_department_name_on_one_line(plan: Plan, tmp_path: Path) -> None:
    path = write_summary(plan, build_graph(plan), tmp_path / "任务分解总表.docx", date=DATE)
    (table,) = Document(str(path)).tables
    widths = _grid(table)
    known = {a.department for m in plan.measures for a in m.assignments}
    for row in table.rows[1:]:
        if len({id(c._tc) for c in row.cells}) == 1:
            continue
        for column in (2, 3):
            for line in row.cells[column].text.split("\n"):
                assert all(name in known for name in line.rstrip("、").split("、")), line
                assert _needed(line, 10.5) <= widths[column], line  # 五号 in the wide summary
    # the unit columns are the widest; the number and the deadline take only what they need
    assert widths[3] == max(widths) and widths[0] < widths[4] < widths[1]


@needs_pdf_tools
def test_rendered_title_and_attachment_keep_words_numbers_and_names_whole(plan: Plan, tmp_path: Path) -> None:
    run = write_notices(plan, build_graph(plan), tmp_path / "notices", date=DATE)
    document = notice(run, "县科协")
    pdf = to_pdf(notice_path(run, "县科协"), tmp_path / "pdf")
    pages = [pdf_text(pdf, n) for n in range(1, page_count(pdf) + 1)]
    lines = ["".join(line.split()) for line in pages[0].splitlines() if line.strip()]
    title = next(p for p in document.paragraphs if p.style.name == TITLE).text
    assert lines[: len(title.split("\n"))] == title.split("\n")  # the lines written, no others
    (table,) = document.tables
    deadlines = [row.cells[4].text for row in table.rows[1:]]
    roles = [row.cells[2].text for row in table.rows[1:]]
    attachment = "\n".join(pages[[i for i, p in enumerate(pages) if "任务分解清单" in p][-1] :])
    # no 2022- / 2025年 where the layout is the notice's own (titles, the table's fitted columns);
    # running text may still break there in LibreOffice 7.4 (docs/notices.md)
    assert not re.search(r"\d-\s*$", attachment, flags=re.MULTILINE)
    # each deadline and role whole on one line: found in the lines (blanks squeezed out, the header
    # left out), longest first so that 2021-2025年 is not also counted as 2025年
    texts = sorted({*deadlines, *roles}, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, texts)))
    lines = ["".join(line.split()) for line in attachment.splitlines() if "序号" not in line]
    found = Counter(match for line in lines for match in pattern.findall(line))
    assert found == Counter(deadlines) + Counter(roles)


COPIES = ("县委办公室", "县人大常委会办公室", "县政府办公室", "县政协办公室")


def test_the_imprint_closes_the_document_between_rules(plan: Plan, tmp_path: Path) -> None:
    run = write_notices(plan, build_graph(plan), tmp_path, date=DATE, copies=COPIES)
    body = notice(run, "县科协").element.body
    paragraphs = body.findall(qn("w:p"))
    *_, copied, issued, anchor = paragraphs
    text = "".join(t.text for t in copied.iter(qn("w:t")))
    assert text.strip("\u3000") == "抄送：县委办公室，县人大常委会办公室，县政府办公室，县政协办公室。"
    assert "".join(t.text for t in issued.iter(qn("w:t"))).strip("\u3000") == f"{OFFICE}2026年11月23日印发"
    assert not anchor.findall(qn("w:r"))  # the empty paragraph the frames hang from ends the body
    frames = [p.find(f"{qn('w:pPr')}/{qn('w:framePr')}") for p in (copied, issued)]
    assert all(f is not None and f.get(qn("w:vAnchor")) == "margin" for f in frames)
    assert int(frames[0].get(qn("w:y"))) < int(frames[1].get(qn("w:y")))  # 抄送 above 印发
    rules = [
        [(edge.tag.split("}")[1], int(edge.get(qn("w:sz")))) for edge in p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}")]
        for p in (copied, issued)
    ]
    # 0.35 mm rules first and last, a 0.25 mm one between (GB/T 9704 7.4.1)
    assert rules == [[("top", 8), ("bottom", 6)], [("bottom", 8)]]


@needs_pdf_tools
def test_the_imprint_renders_at_the_foot_of_the_last_page(plan: Plan, tmp_path: Path) -> None:
    run = write_notices(plan, build_graph(plan), tmp_path / "notices", date=DATE, copies=COPIES)
    pdf = to_pdf(notice_path(run, "县科协"), tmp_path / "pdf")
    pages = page_count(pdf)
    last = [line for line in pdf_text(pdf, pages).splitlines() if line.strip()]
    squeezed = ["".join(line.split()) for line in last]
    # 抄送 (one line or two), then 印发, then only the page number below them; the attachment table above
    start = next(i for i, line in enumerate(squeezed) if line.startswith("抄送："))
    assert "".join(squeezed[start:-2]) == "抄送：县委办公室，县人大常委会办公室，县政府办公室，县政协办公室。"
    assert squeezed[-2] == f"{OFFICE}2026年11月23日印发"
    assert re.fullmatch(rf"—{pages}—", squeezed[-1]) and any("序号" in line for line in squeezed)
    assert "抄送" not in "".join(pdf_text(pdf, n) for n in range(1, pages))
    # at the foot: the 版记 is in the lowest fifth of the page, however short the table above it
    (height,) = map(float, re.findall(r"Page size:\s+[\d.]+ x ([\d.]+)", pdf_info(pdf)))
    words = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(pages), "-l", str(pages), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    top = min(float(y) for y in re.findall(r'yMin="([\d.]+)"[^>]*>抄送', words))
    assert top > 0.75 * height


def test_the_bundled_template_is_the_page_and_styles_the_layout_builds() -> None:
    # after a change of layout: python -m matrix.export.official
    def parts(template: bytes) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(template)) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    assert BUNDLED_TEMPLATE.is_file()
    assert parts(official_template()) == parts(BUNDLED_TEMPLATE.read_bytes())
    assert parts(BUNDLED_TEMPLATE.read_bytes()) == parts(document_bytes(official_document()))
