"""From the lines of a plan to a :class:`~matrix.model.Plan` and the problems met on the way.

The plan is read in three passes, each a pure function:

1. the lines are cut into front matter (cover notice, title), body and end
   matter (送：… / …印发);
2. the body is cut at its headings into chapters (一、) and sections (（一）);
3. each section is read according to its chapter: measures with
   assignments (提升行动, 重点工程 …), guarantee items (组织实施, 保障条件),
   the timeline (进度安排), or the targets of the preamble (目标). Background,
   guiding ideology and principles are not measures and give nothing but
   targets.

Inside a section, numbered items (1. / 1、) are the measures when there are
any, and the paragraphs before the first are the section's introduction;
without numbering, each paragraph is a measure. An assignment comes from the
measure's own closing bracket, from a table row, or from the block
assignment (责任分工) that follows a run of measures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import groupby

from ...leaders import split_leaders
from ...model import GUARANTEE_KIND, Assignment, Location, Measure, Plan, Section, Stage
from ...raci import RaciConfig, assign, listed_twice
from ..table import named_issuer
from .brackets import (
    ParsedAssignment,
    assignment_brackets,
    assignment_line,
    closing_assignment,
    heading_assignment,
    is_assignment,
    label_line,
    parse_assignment,
    parse_columns,
    split_at_brackets,
    time_line,
    trailing_bracket,
)
from .clauses import MAX_TITLE, deadline, first_clause, lead_phrase, targets
from .conventions import DEFAULT, Convention, find_declaration, strip_declaration
from .endmatter import attachment_title, find_signatures, is_matter
from .front import county_of, find_issuer, plan_title
from .headings import CHAPTER, ITEM, SECTION, SUBITEM, Heading, ends_body, parse_heading
from .mentions import named_bodies
from .source import UNASSIGNED, Explanation, ImportResult, Problem, SourceLine, TaskRow
from .stages import parse_stages
from .tasktable import find_header, table_items, text_cells

__all__ = ["Item", "parse_plan"]

Item = SourceLine | TaskRow

# What a chapter or section is, by its title.
_SCHEDULE = re.compile(r"进度安排|实施步骤|时间安排|进度要求|步骤安排|实施进度|时间节点|阶段安排")
_PREAMBLE = re.compile(r"背景|意义|总体要求|指导思想|基本原则|工作原则|目标|总体思路|形势|现状|编制依据")
_GUARANTEE = re.compile(r"组织实施|保障|组织领导|工作要求|实施要求|工作机制|督促检查|监督检查|考核评估")
_TARGETS = re.compile(r"目标")
# The kind of a measure chapter is the noun its title ends in: 三、实施五大提升行动 → 提升行动.
_KIND_NOUN = re.compile(r"(?:提升行动|重点工程|重点任务|主要任务|专项行动|重点行动|重点工作|主要措施|重点项目)$")

_PREAMBLE_KIND, _GUARANTEE_CHAPTER, _SCHEDULE_KIND, _MEASURES = (
    "preamble",
    "guarantee",
    "schedule",
    "measures",
)


@dataclass(frozen=True)
class _Block:
    """A heading and the items under it, up to the next heading of the same level."""

    heading: Heading | None
    location: Location | None
    items: tuple[Item, ...]


@dataclass(frozen=True)
class _Draft:
    """A measure before it is finished: its paragraphs and where its assignment comes from."""

    texts: tuple[str, ...]
    locations: tuple[Location, ...]
    number: int | None = None
    row: TaskRow | None = None
    block: tuple[ParsedAssignment, Location] | None = None


@dataclass(frozen=True)
class _Read:
    """What one chapter contributes to the plan."""

    sections: tuple[Section, ...] = ()
    targets: tuple[str, ...] = ()
    stages: tuple[Stage, ...] = ()
    problems: tuple[Problem, ...] = ()
    explanations: tuple[Explanation, ...] = ()
    #: The last item number read so far, for plans that number items across their chapters.
    last_item: int = 0


def _heading(item: Item) -> Heading | None:
    return parse_heading(item.text) if isinstance(item, SourceLine) else None


def _tabulate(lines: Sequence[Item], config: RaciConfig) -> list[Item]:
    """Runs of lines typed as a task table (cells between tabs or |) turned into rows."""
    items: list[Item] = []
    for is_row, run in groupby(
        lines, key=lambda line: isinstance(line, SourceLine) and text_cells(line.text) is not None
    ):
        run = list(run)
        header = find_header([text_cells(line.text) or [] for line in run[:2]], config, search=1) if is_row else None
        if header is None:
            items.extend(run)
            continue
        start, columns = header
        rows = [(cells, line.location) for line in run[start:] if (cells := text_cells(line.text))]
        items.extend(table_items(rows, columns, config))
    return items


def _split(items: Sequence[Item], level: int, config: RaciConfig) -> list[_Block]:
    """Cut ``items`` at headings of ``level``; the first block holds what precedes the first.

    Text after a heading's title on the same line comes first in its block; when
    that text is only an assignment (``（六）加强用地保障。（自然资源部牵头）``), the
    title is the measure it assigns.
    """
    blocks = [_Block(None, None, ())]
    for item in items:
        heading = _heading(item)
        if heading is not None and heading.level == level:
            rest_text = heading.rest
            if rest_text and assignment_line(rest_text, config) is not None and level != CHAPTER:
                rest_text = f"{heading.title}。{rest_text}"
            rest = (SourceLine(rest_text, item.location),) if rest_text else ()
            blocks.append(_Block(heading, item.location, rest))
        else:
            last = blocks[-1]
            blocks[-1] = replace(last, items=(*last.items, item))
    return blocks


def _own_bracket(text: str, config: RaciConfig) -> tuple[str, str] | None:
    """The text and its assignment bracket: the one that closes it, or its only one.

    ``开展宣传。（县科协牵头）加强阵地建设。`` is assigned by its bracket although
    text follows; the text comes back with the bracket taken out.
    """
    split = trailing_bracket(text)
    if split is not None and split[0] and is_assignment(split[1], config):
        return split
    found = assignment_brackets(text, config)
    if len(found) == 1 and found[0][0] > 0:
        start, end, content = found[0]
        return text[:start].rstrip() + text[end:].lstrip("。；; "), content
    return None


def _assigns(items: Sequence[Item], config: RaciConfig) -> bool:
    """True when any item carries an assignment, so the block holds measures whatever its title."""
    return any(
        isinstance(item, TaskRow) or assignment_line(item.text, config) or _own_bracket(item.text, config)
        for item in items
    )


def _chapter_kind(title: str, items: Sequence[Item], config: RaciConfig) -> str:
    if _SCHEDULE.search(title):
        return _SCHEDULE_KIND
    if _PREAMBLE.search(title) and not _assigns(items, config):
        return _PREAMBLE_KIND
    if _GUARANTEE.search(title):
        return _GUARANTEE_CHAPTER
    return _MEASURES


def _measure_kind(title: str) -> str:
    noun = _KIND_NOUN.search(title)
    return noun[0] if noun else title


def _assigned(draft: _Draft, config: RaciConfig) -> bool:
    """True for a measure assigned by its own table row or closing bracket."""
    return draft.row is not None or _own_bracket("".join(draft.texts), config) is not None


def _drafts(items: Sequence[Item], config: RaciConfig, carry: int = 0) -> tuple[list[_Draft], list[Problem], int]:
    """Group a section's lines into measures and attach block assignments to them.

    A block assignment covers the measures written since the previous one,
    as plans usually place it (责任分工 after the measures). When the first
    block of a section has no measure before it, the plan writes blocks in
    front of their measures, and each block covers those that follow it.

    Items are numbered from 1 in each section, or on from ``carry``, the last
    item number of the sections before (plans that number 1.–21. across their
    chapters); the last number is returned for the next section.
    """
    headings = [_heading(item) for item in items]
    levels = {heading.level for heading in headings if heading is not None}
    item_level = ITEM if ITEM in levels else SUBITEM if SUBITEM in levels else None
    drafts: list[_Draft] = []
    problems: list[Problem] = []
    block_start = 0
    open_item = False
    expected = 1
    forward: tuple[ParsedAssignment, Location] | None = None  # a block waiting for the measures after it
    forward_used = True

    def unused(block: tuple[ParsedAssignment, Location] | None) -> list[Problem]:
        if block is None:
            return []
        return [Problem(block[1], "责任分工没有可对应的任务 (assignment covers no measure)")]

    for item, heading in zip(items, headings, strict=True):
        if isinstance(item, TaskRow) and item.overflow:  # its cells are shifted: none can be trusted
            message = (
                f"此行有表头之外的内容“{item.overflow}”，不属于任何一列（多了分隔符？），此行未读取 "
                "(row wider than header)"
            )
            problems.append(Problem(item.location, message, passage=item.task))
            open_item = False
        elif isinstance(item, TaskRow):
            drafts.append(_Draft((item.task,), (item.location,), row=item))
            open_item = False
            if item.unread:  # the row is read; what stands under a header no field reads is not
                message = (
                    f"此行“{item.unread}”所在的列不是任务、单位、时限或领导列，其内容未读入；"
                    "与分工无关的列请删去后再读 (column not read)"
                )
                problems.append(Problem(item.location, message, passage=item.task))
        elif (block := assignment_line(item.text, config)) is not None:
            parsed = parse_assignment(block, config)
            problems.extend(Problem(item.location, message) for message in parsed.problems)
            covered = [i for i in range(block_start, len(drafts)) if not _assigned(drafts[i], config)]
            if forward is not None or not covered:
                problems.extend(unused(None if forward_used else forward))
                forward, forward_used = (parsed, item.location), False
            else:
                for i in covered:
                    drafts[i] = replace(drafts[i], block=(parsed, item.location))
            block_start = len(drafts)
            open_item = False
        elif heading is not None and heading.level == item_level:
            if heading.number != expected and not (expected == 1 and carry and heading.number == carry + 1):
                problems.append(
                    Problem(item.location, f"编号不连续：应为{expected}，实为{heading.number} (numbering jumps)")
                )
            expected = heading.number + 1
            drafts.append(_Draft((heading.title,), (item.location,), number=heading.number, block=forward))
            forward_used = True
            open_item = True
        elif open_item and not (_assigned(drafts[-1], config) and _own_bracket(item.text, config)):
            last = drafts[-1]
            drafts[-1] = replace(last, texts=(*last.texts, item.text), locations=(*last.locations, item.location))
        elif item_level is None or _own_bracket(item.text, config):
            drafts.append(_Draft((item.text,), (item.location,), block=forward))
            forward_used = True
        # otherwise: a paragraph before the first numbered item, the section's introduction
    problems.extend(unused(None if forward_used else forward))
    if item_level is None:
        drafts = _without_introduction(drafts, config)
    return drafts, problems, (expected - 1 if expected > 1 else carry)


def _without_introduction(drafts: list[_Draft], config: RaciConfig) -> list[_Draft]:
    """Drop leading paragraphs that introduce a section of unnumbered measures.

    Such a paragraph has neither a lead phrase nor a bracket of its own while
    the measures after it do; a lone paragraph is always a measure
    (五台 四（五） is one long paragraph with its assignment).
    """

    def marked(draft: _Draft) -> bool:
        text = "".join(draft.texts)
        return (
            draft.row is not None
            or draft.block is not None
            or bool(_own_bracket(text, config))
            or lead_phrase(text) is not None
        )

    first = next((i for i, draft in enumerate(drafts) if marked(draft)), None)
    return drafts[first:] if first is not None else drafts


def _row_text(row: TaskRow) -> str:
    """A task row's assignment cells as a person would quote them."""
    cooperators = f"；配合单位：{row.cooperators}" if row.cooperators else ""
    label = "责任单位" if row.responsible else "牵头单位"
    return f"{label}：{row.leads}{cooperators}".replace("\n", "、")


def _measure(
    draft: _Draft, measure_id: str, section: Section, expects_assignment: bool, config: RaciConfig, sole: bool = False
) -> tuple[Measure, list[Problem], Explanation]:
    text = "".join(draft.texts)
    problems: list[Problem] = []
    parsed: ParsedAssignment | None = None
    source = draft.locations[-1]
    if own := _own_bracket(text, config):
        text, content = own
        parsed = parse_assignment(content, config)
        problems.extend(Problem(source, message) for message in parsed.problems)
    elif draft.row is not None:
        parsed = parse_columns(draft.row.leads, draft.row.cooperators, config, responsible=draft.row.responsible)
        parsed = replace(parsed, text=_row_text(draft.row), leaders=split_leaders(draft.row.leaders))
        problems.extend(Problem(source, message) for message in parsed.problems)
    elif draft.block is not None:
        parsed, source = draft.block
    elif expects_assignment and (closing := closing_assignment(text, config)) is not None:
        parsed = replace(parse_assignment(closing[0], config), text=closing[1])
    if draft.row is not None and draft.row.detail:
        title, text = draft.row.task, draft.row.detail  # a 内容 column beside the task's name
    elif draft.row is None and section.kind != GUARANTEE_KIND and sole and draft.locations[0] == section.source:
        title = section.title  # （十二）加强财政支持。……（财政部牵头）: the heading names the measure
    else:
        numbered = draft.number is not None and section.kind != GUARANTEE_KIND
        title = lead_phrase(text) or (first_clause(text) if numbered else None) or section.title
    if parsed is None and expects_assignment:
        what = f"第{draft.number}项" if draft.number is not None else ""
        problems.append(
            Problem(
                draft.locations[0],
                f"{what}任务“{title}”没有分工：未找到牵头单位 (measure without assignment)",
                kind=UNASSIGNED,
            )
        )
    leaders = parsed.leaders if parsed else ()
    pairs = assign(parsed.leads, parsed.cooperators, config=config, leaders=leaders) if parsed else ()
    twice = listed_twice(parsed.leads, parsed.cooperators) if parsed else ()
    measure = Measure(
        id=measure_id,
        title=title,
        text=text,
        kind=section.kind,
        targets=targets(text),
        deadline=(draft.row.deadline if draft.row and draft.row.deadline else None)
        or (parsed.deadline if parsed and parsed.deadline else None)
        or deadline(text),
        assignments=tuple(Assignment(name, role, source, also=("C",) if name in twice else ()) for name, role in pairs),
        source=draft.locations[0],
        leaders=leaders,
    )
    explanation = (
        Explanation(measure_id, parsed.rule, parsed.text, source, parsed.leaders)
        if parsed
        else Explanation(measure_id, "", "", draft.locations[0])
    )
    return measure, problems, explanation


def _heading_is_a_measure(heading: str, drafts: Sequence[_Draft], config: RaciConfig) -> bool:
    """True when an assigning section heading is a task itself, not a title over its measures.

    It is when nothing under it takes its assignment and it reads as a task: a
    sentence (``…提供支撑。``) or longer than a title; or when nothing stands
    under it at all, since its assignment would otherwise be read and used by nothing.
    """
    if not drafts:
        return True
    if any(draft.block is None and not _assigned(draft, config) for draft in drafts):
        return False
    return heading.rstrip().endswith(("。", "；", ";")) or len(heading) > MAX_TITLE


def _heading_measure(drafts: list[_Draft], heading: str, default: tuple[ParsedAssignment, Location]) -> list[_Draft]:
    """The section heading as a measure of its own when its assignment covers none of the measures under it.

    ``（一）研究将……制度化。（财政部、国家发展改革委……按职责分工负责）`` followed by
    numbered measures that each carry their own bracket is a task of its own;
    without this its assignment would be read and then used by nothing.
    """
    return [_Draft((heading,), (default[1],), block=default), *drafts]


def _section(
    section: Section,
    items: Sequence[Item],
    expects_assignment: bool,
    config: RaciConfig,
    default: tuple[ParsedAssignment, Location] | None = None,
    carry: int = 0,
    titled: bool = False,
    inherited: bool = False,
) -> tuple[Section, list[Problem], list[Explanation], int]:
    """The section with its measures; ``default`` assigns those that nothing else assigns.

    ``inherited`` says ``default`` is the chapter's (一、县发改局牵头工作), not the section heading's own
    bracket, so the heading is never taken for a task of its own.

    A ``titled`` section under which nothing but its assignment lines stands, or
    nothing at all, is one measure: its heading (``（一）地区生产总值增长7%`` over
    ``责任单位：区发改局``; ``（二）关于……的问题，由国土资源部会同农业部负责落实。``),
    never a section that silently holds no measure.
    """
    drafts, problems, last = _drafts(items, config, carry)
    if titled and not drafts and default is None and section.source is not None:
        drafts, problems, last = _drafts([SourceLine(section.title, section.source), *items], config, carry)
    if default is not None and not inherited and _heading_is_a_measure(section.title, drafts, config):
        drafts = _heading_measure(drafts, section.title, default)
    measures = []
    explanations = []
    for ordinal, draft in enumerate(drafts, start=1):
        if draft.block is None and default is not None:
            draft = replace(draft, block=default)
        measure, measure_problems, explanation = _measure(
            draft, f"{section.id}.{ordinal}", section, expects_assignment, config, sole=len(drafts) == 1
        )
        measures.append(measure)
        explanations.append(explanation)
        problems.extend(measure_problems)
    untitled = [m for m in measures if m.title == section.title]
    if len(untitled) > 1:
        # several paragraphs without a lead phrase: the section title alone would not tell them apart
        measures = [
            replace(m, title=f"{m.title}（第{m.id.rsplit('.', 1)[-1]}项）") if m in untitled else m for m in measures
        ]
    if all(problem.location.line is not None for problem in problems):
        problems.sort(key=lambda problem: problem.location.line or 0)
    return replace(section, measures=tuple(measures)), problems, explanations, last


def _schedule(block: _Block, fallback: Location) -> tuple[tuple[Stage, ...], tuple[Problem, ...]]:
    """The stages of a timeline part; a heading that is not 进度安排 itself names a stage."""
    lines = [item for item in block.items if isinstance(item, SourceLine)]
    if block.heading is not None and not _SCHEDULE.search(block.heading.title):
        where = block.location or fallback
        lines = [SourceLine(f"{block.heading.title}。{''.join(line.text for line in lines)}", where)]
    stages, unread = parse_stages([line.text for line in lines])
    located = {line.text: line.location for line in lines}
    problems = tuple(
        Problem(located.get(text, fallback), f"进度安排中无法识别的段落：{text} (unread timeline)") for text in unread
    )
    return stages, problems


def _section_id(chapter: int | None, section: int | None) -> str:
    """``3.1`` for 三、（一）; a plan without chapters numbers its sections alone."""
    return ".".join(str(number) for number in (chapter, section) if number is not None) or "1"


def _read_chapter(chapter: _Block, config: RaciConfig, carry: int = 0, untitled: str = "") -> _Read:
    """What one chapter holds; ``untitled`` names it when it has no heading (a plan of numbered items only)."""
    title = chapter.heading.title if chapter.heading else untitled
    number = chapter.heading.number if chapter.heading else None
    kind = _chapter_kind(title, chapter.items, config)
    intro, *subsections = _split(chapter.items, SECTION, config)
    parts: list[tuple[str, _Block]] = []
    implicit: _Block | None = None
    if intro.items and (not subsections or _assigns(intro.items, config) or kind == _SCHEDULE_KIND):
        # what stands under the chapter heading itself: a section of its own, numbered
        # 3 when the chapter has no sections and 3.0 when it has
        where = chapter.location or intro.items[0].location
        implicit = replace(intro, heading=Heading(SECTION, 0, title), location=where)
        parts.append((_section_id(number, 0 if subsections else None), implicit))
    for block in subsections:
        parts.append((_section_id(number, block.heading.number if block.heading else None), block))

    lead = heading_assignment(title, config) if chapter.heading is not None else None
    where = chapter.location or (chapter.items[0].location if chapter.items else None)
    grouping = (parse_assignment(lead, config), where) if lead and where else None
    result = _Read(last_item=carry)
    for section_id, block in parts:
        part_title = block.heading.title if block.heading else title
        if kind == _SCHEDULE_KIND or _SCHEDULE.search(part_title):
            stages, problems = _schedule(block, block.location or block.items[0].location)
            result = replace(result, stages=result.stages + stages, problems=result.problems + problems)
        elif kind == _PREAMBLE_KIND and not _assigns(block.items, config):
            if _TARGETS.search(part_title) or _TARGETS.search(title):
                found = tuple(t for item in block.items if isinstance(item, SourceLine) for t in targets(item.text))
                result = replace(result, targets=result.targets + found)
        else:
            guarantee = kind == _GUARANTEE_CHAPTER
            default: tuple[ParsedAssignment, Location] | None = None
            if block.heading and block.location and (heading_bracket := _own_bracket(part_title, config)):
                # （一）青少年科学素质提升行动（县教育局牵头，…配合）: the heading assigns
                # every measure of the section that has no assignment of its own.
                part_title, content = heading_bracket
                default = (parse_assignment(content, config), block.location)
                heading_problems = tuple(Problem(block.location, m) for m in default[0].problems)
                result = replace(result, problems=result.problems + heading_problems)
            elif grouping is not None:
                # 一、县示范区管委会牵头工作（8项）: the lead of every task of the chapter
                default = grouping
            section = Section(
                id=section_id,
                title=part_title,
                kind=GUARANTEE_KIND if guarantee else _measure_kind(title or part_title),
                source=block.location,
            )
            section, problems, explanations, last = _section(
                section,
                block.items,
                not guarantee,
                config,
                default,
                result.last_item,
                titled=block is not implicit,
                inherited=default is grouping,
            )
            result = replace(
                result,
                sections=(*result.sections, section),
                problems=result.problems + tuple(problems),
                explanations=result.explanations + tuple(explanations),
                last_item=last,
            )
    return result


def _with_suggestions(sections: Sequence[Section], county: str, bodies: Sequence[str]) -> tuple[Section, ...]:
    """Record in each unassigned measure the departments its text names."""
    known = {a.department for section in sections for m in section.measures for a in m.assignments}
    return tuple(
        replace(
            section,
            measures=tuple(
                m if m.assignments else replace(m, suggested=named_bodies(m.text, known, county, bodies))
                for m in section.measures
            ),
        )
        for section in sections
    )


def _without_assignments(text: str, config: RaciConfig) -> str:
    """``text`` without its assignment brackets: a body named there is assigned work, not the plan's issuer."""
    for start, end, _ in reversed(assignment_brackets(text, config)):
        text = text[:start] + text[end:]
    return text


def _join_label_lines(lines: Sequence[Item], config: RaciConfig) -> list[Item]:
    """Consecutive label lines under a measure (牵头单位：… / 责任单位：… / 完成时限：…) joined into one assignment.

    A time line (完成时限：…) joins the label lines above it; on its own it is text.
    """
    joined: list[Item] = []
    for item in lines:
        label = isinstance(item, SourceLine) and (label_line(item.text, config) or time_line(item.text))
        previous = joined[-1] if joined else None
        if label and isinstance(previous, SourceLine) and label_line(previous.text, config):
            joined[-1] = replace(previous, text=f"{previous.text.rstrip('。；;')}；{item.text}")
        else:
            joined.append(item)
    return joined


def _declares_only(text: str) -> bool:
    """True for a line that only declares the list convention: （列第一位的为牵头单位，下同） / 注：…"""
    split = trailing_bracket(text)
    content = split[1] if split is not None and not split[0] else text
    content = re.sub(r"^(?:注|说明|备注)\s*[：:]\s*", "", content)
    rest, declared = strip_declaration(content)
    return declared and not rest.strip("。；;，, ")


def _convention(lines: Sequence[Item], config: RaciConfig) -> Convention:
    """The office's choice when it made one, else the plan's declaration, else the default."""
    texts = [
        (item.declaration if isinstance(item, TaskRow) else item.text, item.location)
        for item in lines
        if not isinstance(item, TaskRow) or item.declaration
    ]
    declaration = find_declaration(texts)
    if config.listed_leads:
        return Convention(config.listed_leads, "chosen", declaration)
    if declaration is not None:
        return Convention(declaration.listed, "declared", declaration)
    return Convention(DEFAULT, "default")


def _after_cover_notice(lines: Sequence[Item], start: int, end: int, signed: Sequence[int]) -> int:
    """Where the plan's body starts when a cover notice numbers its requests (一、…二、…) above its signature.

    A signature followed by chapters closes a cover notice, so the body starts
    at the first chapter after it; a signature after the last measure (a
    national document signed at its end) is followed by none and changes nothing.
    """
    for line in signed:
        if start <= line < end:
            after = next((i for i in range(line + 1, end) if _starts_body(lines[i])), None)
            if after is not None:
                return after
    return start


def _starts_body(item: Item) -> bool:
    return isinstance(item, TaskRow) or ((h := _heading(item)) is not None and h.level in (CHAPTER, SECTION))


def _matter(lines: Sequence[Item]) -> tuple[set[int], str, str, list[int]]:
    """Indices of signature, publication and attachment lines; the first signature's organ and date; the
    index of each signature's last line."""
    texts = [(i, item.text) for i, item in enumerate(lines) if isinstance(item, SourceLine)]
    signatures = find_signatures([text for _, text in texts])
    drop = {texts[j][0] for signature in signatures for j in signature.lines}
    for position, (index, text) in enumerate(texts):
        if is_matter(text):
            drop.add(index)
            following = texts[position + 1] if position + 1 < len(texts) else None
            if attachment_title(text) and following and "。" not in following[1] and len(following[1]) <= 40:
                drop.add(following[0])  # the attachment's own title: 附件1 / 重点任务分工表
    first = signatures[0] if signatures else None
    signed = [texts[signature.lines[-1]][0] for signature in signatures]
    return drop, first.organ if first else "", first.date if first else "", signed


def _split_paragraphs(body: Sequence[Item], config: RaciConfig) -> tuple[list[Item], list[Problem]]:
    """Paragraphs with several assignment brackets cut into one measure per bracket, each noted."""
    items: list[Item] = []
    notes: list[Problem] = []
    for item in body:
        pieces = split_at_brackets(item.text, config) if isinstance(item, SourceLine) else [item.text]
        if len(pieces) > 1 and isinstance(item, SourceLine):
            notes.append(
                Problem(
                    item.location,
                    f"一段中有 {len(pieces)} 处分工括号，已按 {len(pieces)} 项措施读入 "
                    "(paragraph with several assignments read as several measures)",
                )
            )
            items.extend(SourceLine(piece, item.location) for piece in pieces)
        else:
            items.append(item)
    return items, notes


#: The most lines one bracket is followed over when a text was wrapped inside it.
_WRAPPED_LINES = 3


def _open_brackets(text: str) -> int:
    """How many round brackets ``text`` leaves open at its end (never below zero)."""
    depth = 0
    for char in text:
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth = max(0, depth - 1)
    return depth


def _rejoin_broken_brackets(items: Sequence[Item]) -> list[Item]:
    """Lines cut inside a bracket put back together: text copied from a PDF or an e-mail is wrapped anywhere.

    ``积极开展宣传活动（县教育局牵头，县科协、`` / ``县妇联配合）。`` read as two
    lines was a measure without assignment and a measure named 县妇联配合）. A line
    leaving a bracket open is joined with the lines after it when, within
    :data:`_WRAPPED_LINES` lines and before any heading, they close it; the
    joined line keeps the first line's location. Otherwise nothing is joined,
    and the open bracket is reported where it stands.
    """
    result: list[Item] = []
    index = 0
    while index < len(items):
        item = items[index]
        index += 1
        if not isinstance(item, SourceLine) or not _open_brackets(item.text):
            result.append(item)
            continue
        text = item.text
        for offset, following in enumerate(items[index : index + _WRAPPED_LINES], start=1):
            if not isinstance(following, SourceLine) or parse_heading(following.text) is not None:
                break
            text += following.text
            if not _open_brackets(text):
                item, index = replace(item, text=text), index + offset
                break
        result.append(item)
    return result


def parse_plan(items: Sequence[Item], path: str, config: RaciConfig | None = None) -> ImportResult:
    """Read a plan from its lines and table rows.

    Parameters
    ----------
    items
        The plan's paragraphs as :class:`~.source.SourceLine` and task-table
        rows as :class:`~.source.TaskRow`, in document order. Blank lines may
        be included; they carry no meaning.
    path
        The file the items came from, for the plan's ``source``.
    config
        The verb-to-role mapping; :class:`~matrix.raci.RaciConfig` defaults.

    Returns
    -------
    ImportResult
        The plan, and a problem for everything that could not be placed: an
        assignment that could not be parsed, a measure without one, a
        department name that does not look like one, numbering that jumps,
        a missing title. Nothing is left out without a problem saying so.
    """
    stripped = [replace(item, text=item.text.strip()) if isinstance(item, SourceLine) else item for item in items]
    stripped = _rejoin_broken_brackets([item for item in stripped if item.text])
    lines = _join_label_lines(_tabulate([item for item in stripped if item.text], config or RaciConfig()), config)
    convention = _convention(lines, config or RaciConfig())
    config = replace(config or RaciConfig(), listed_leads=convention.listed)
    lines = [item for item in lines if not (isinstance(item, SourceLine) and _declares_only(item.text))]
    start = next((i for i, item in enumerate(lines) if _starts_body(item)), None)
    if start is None:
        # a list of numbered items under its title and nothing else: 1.…牵头单位：… 2.…
        start = next((i for i, item in enumerate(lines) if (h := _heading(item)) and h.level == ITEM), len(lines))
    end = next((i for i in range(start, len(lines)) if ends_body(lines[i].text)), len(lines))
    matter, organ, date, signed = _matter(lines)
    start = _after_cover_notice(lines, start, end, signed)
    front = [item.text for item in lines[:start] if isinstance(item, SourceLine)]
    body, notes = _split_paragraphs([item for i, item in enumerate(lines[start:end], start) if i not in matter], config)

    title, period = plan_title(front)
    county = county_of(title)
    issuer = find_issuer([_without_assignments(item.text, config) for item in lines], county)
    office = f"{issuer}办公室" if issuer else ""
    # an office's task table names its issuer on a line above the header, as the schema's tables do
    organ = organ or next((named for text in front if (named := named_issuer(text))), "")
    if not issuer and organ:
        issuer, office = organ, organ if organ.endswith(("办公室", "办公厅")) else ""

    read = _Read()
    for chapter in _split(body, CHAPTER, config):
        if chapter.heading is None and not chapter.items:
            continue
        part = _read_chapter(chapter, config, read.last_item, untitled=title)
        read = _Read(
            read.sections + part.sections,
            read.targets + part.targets,
            read.stages + part.stages,
            read.problems + part.problems,
            read.explanations + part.explanations,
            part.last_item,
        )
    problems = list(read.problems)
    after = [item for item in lines[end:] if isinstance(item, TaskRow)]
    if after:
        problems.append(
            Problem(
                after[0].location,
                f"正文结束（抄送、印发）之后的任务分工表共 {len(after)} 行未读入，请移入正文 "
                "(task table after the end of the plan not read)",
            )
        )
    if not title:
        problems.insert(0, Problem(Location(path), "未找到方案标题 (no plan title found before the first chapter)"))
    plan = Plan(
        title=title,
        sections=_with_suggestions(read.sections, county, [office, issuer]),
        issuer=issuer,
        office=office,
        period=period,
        date=date,
        targets=read.targets,
        stages=read.stages,
        raci=config if convention.source != "default" else replace(config, listed_leads=""),
        source=path,
    )
    return ImportResult(plan, _with_passages(problems, items), read.explanations, convention, tuple(notes))


def _with_passages(problems: Sequence[Problem], items: Sequence[Item]) -> tuple[Problem, ...]:
    """Each problem with the paragraph or row at its location, as the plan writes it."""
    written: dict[Location, str] = {}
    for item in items:
        if item.text.strip():
            written.setdefault(item.location, item.text.strip())
    return tuple(
        p if p.passage or p.location not in written else replace(p, passage=written[p.location]) for p in problems
    )
