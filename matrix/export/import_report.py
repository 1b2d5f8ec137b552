"""What ``raci import`` tells the office about how it read a plan, as lines of text.

Besides the problems (which the office must fix), an import says how the
plan's lists were read (the convention it declared, or the default and the
measures it was applied to), which assignees are collectives kept whole, and,
with ``--explain``, for every measure the words that decided its leads and
cooperators and the rule that read them, so a long plan can be spot-checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..collectives import is_collective
from ..findings import Finding, id_list
from ..model import Measure
from ..readers.plantext.conventions import ALL_LEAD, FIRST_LISTED, RULE_LABELS
from ..readers.plantext.source import ImportResult

__all__ = ["REVIEW_CODES", "ReviewCount", "explain_lines", "import_summary", "review_counts", "written_line"]

_LISTED = {FIRST_LISTED: "列第一位者为牵头单位，其余为配合单位", ALL_LEAD: "所列单位均为牵头单位"}
#: A line of the import report names this many measures, then how many there are.
_SHOWN = 12


#: Audit codes an import counts as needing a person's look, and how its last line names each kind.
REVIEW_CODES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("unassigned", "unassigned-guarantee"), "项措施未分配单位"),
    (("mixed-names", "near-duplicate", "look-alike"), "处单位名称相近或写法不一"),
    (("unknown-department",), "个单位名称不在登记表中"),
)


def _default_read(result: ImportResult) -> list[str]:
    """Measures whose list was read by the importer's default, not by the plan's declaration or the office."""
    if result.convention.source in ("declared", "chosen"):
        return []
    return [e.measure for e in result.explanations if e.rule in (FIRST_LISTED, ALL_LEAD)]


def _collectives(result: ImportResult) -> dict[str, list[str]]:
    """Each collective assignee kept whole, with the measures that name it."""
    found: dict[str, list[str]] = {}
    for measure in result.plan.measures:
        for assignment in measure.assignments:
            if is_collective(assignment.department):
                found.setdefault(assignment.department, []).append(measure.id)
    return found


@dataclass(frozen=True)
class ReviewCount:
    """How many of one kind of thing need a person's look after an import; ``audited`` when ``raci audit`` lists
    them one by one (the others are listed by the import itself)."""

    count: int
    words: str
    audited: bool = False

    def __str__(self) -> str:
        return f"{self.count} {self.words}"


def review_counts(result: ImportResult, findings: Sequence[Finding] = ()) -> list[ReviewCount]:
    """What needs a person's look after an import, kind by kind; kinds with none left out.

    The passages that could not be read, the audit's unassigned measures and
    doubtful names (``findings``, as ``raci audit`` reports them), the
    collectives kept whole, and the measures read by the default list rule.

    Examples
    --------
    >>> from matrix.model import Assignment, Plan, Section
    >>> m = Measure("1.1", "示例", assignments=(Assignment("各有关部门", "A/R"),))
    >>> result = ImportResult(Plan("示例", sections=(Section("1", "示例", measures=(m,)),)))
    >>> [str(c) for c in review_counts(result, [Finding("warning", "unassigned-guarantee", "…", measure="5.1")])]
    ['1 项措施未分配单位', '1 个集体责任主体按原文整体保留']
    """
    counts = [ReviewCount(len(result.problems), "处原文未能识别")]
    for codes, words in REVIEW_CODES:
        counts.append(ReviewCount(sum(1 for f in findings if f.code in codes), words, audited=True))
    counts.append(ReviewCount(len(_collectives(result)), "个集体责任主体按原文整体保留"))
    counts.append(ReviewCount(len(_default_read(result)), "项措施的单位名单按默认规则读出"))
    return [count for count in counts if count.count]


def written_line(path: object, measures: int, counts: Sequence[ReviewCount]) -> str:
    """The import's last line: where the plan went, how many measures, and what needs a look, pointing at the audit.

    >>> written_line("w.yaml", 38, [ReviewCount(5, "项措施未分配单位", audited=True)])
    '已写入：w.yaml（38 项措施，5 处需核对：5 项措施未分配单位；逐项见 raci audit w.yaml）'
    >>> written_line("p.yaml", 3, [ReviewCount(1, "处原文未能识别"), ReviewCount(2, "项措施未分配单位", True)])
    '已写入：p.yaml（3 项措施，3 处需核对：1 处原文未能识别，2 项措施未分配单位；逐项见上文及 raci audit p.yaml）'
    >>> written_line("p.yaml", 3, [])
    '已写入：p.yaml（3 项措施，0 处需核对）'
    """
    total = sum(count.count for count in counts)
    if not total:
        return f"已写入：{path}（{measures} 项措施，0 处需核对）"
    where = "上文及 raci audit" if any(not count.audited for count in counts) else " raci audit"
    return f"已写入：{path}（{measures} 项措施，{total} 处需核对：{'，'.join(map(str, counts))}；逐项见{where} {path}）"


def import_summary(result: ImportResult) -> list[str]:
    """The reading of the plan's lists, the collectives kept whole, and the notes, one line each.

    Examples
    --------
    >>> from matrix.model import Assignment, Plan, Section
    >>> m = Measure("1.1", "示例", assignments=(Assignment("甲局", "A/R"), Assignment("乙局", "R")))
    >>> from matrix.readers.plantext.source import Explanation
    >>> result = ImportResult(Plan("示例", sections=(Section("1", "示例", measures=(m,)),)),
    ...                       explanations=(Explanation("1.1", "all", "甲局、乙局负责"),))
    >>> print(import_summary(result)[0].replace("；", "；\\n"))
    分工规则：方案未声明“列第一位者为牵头单位”，1 项措施的单位名单按默认规则读作“所列单位均为牵头单位”：1.1；
    如应为首位牵头，请用 raci import --first-listed-leads
    """
    lines: list[str] = []
    convention = result.convention
    listed = [e.measure for e in result.explanations if e.rule in (FIRST_LISTED, ALL_LEAD)]
    reading = _LISTED[convention.listed]
    if convention.source == "declared" and convention.declaration is not None:
        declaration = convention.declaration
        lines.append(
            f"分工规则：方案在 {declaration.location} 声明“{declaration.text}”，"
            f"{len(listed)} 项措施的单位名单按此读作“{reading}”"
        )
    elif convention.source == "chosen":
        said = (
            f"（方案在 {convention.declaration.location} 声明“{convention.declaration.text}”）"
            if (convention.declaration)
            else ""
        )
        lines.append(f"分工规则：按指定，{len(listed)} 项措施的单位名单读作“{reading}”{said}")
    elif listed:
        other = "--first-listed-leads" if convention.listed == ALL_LEAD else "--all-lead"
        lines.append(
            f"分工规则：方案未声明“列第一位者为牵头单位”，{len(listed)} 项措施的单位名单按默认规则读作"
            f"“{reading}”：{id_list(listed, _SHOWN)}；"
            f"如应为{'首位牵头' if other == '--first-listed-leads' else '均为牵头'}，"
            f"请用 raci import {other}"
        )
    for name, ids in _collectives(result).items():
        lines.append(f"集体责任主体：“{name}”按原文作为一个单位保留（措施 {id_list(ids, _SHOWN)}）")
    lines.extend(f"说明：{note}" for note in result.notes)
    return lines


def _roles(measure: Measure) -> str:
    leads = "、".join(measure.leads) or "（无）"
    cooperators = "、".join(measure.cooperators) or "（无）"
    return f"牵头：{leads}；配合：{cooperators}"


def explain_lines(result: ImportResult) -> list[str]:
    """Per measure: its id and title, who leads and cooperates, the rule, and the words that decided.

    Examples
    --------
    >>> from matrix.model import Assignment, Location, Plan, Section
    >>> from matrix.readers.plantext.source import Explanation
    >>> m = Measure("1.1", "开展宣传", assignments=(Assignment("甲局", "A/R"), Assignment("乙局", "C")))
    >>> result = ImportResult(Plan("示例", sections=(Section("1", "示例", measures=(m,)),)),
    ...     explanations=(Explanation("1.1", "explicit", "甲局牵头，乙局配合", Location("p.txt", 9)),))
    >>> explain_lines(result)
    ['1.1 开展宣传 | 牵头：甲局；配合：乙局 | 明示牵头（牵头/主办/牵头单位） | p.txt:9 “甲局牵头，乙局配合”']
    """
    explained = {e.measure: e for e in result.explanations}
    lines = []
    for measure in result.plan.measures:
        explanation = explained.get(measure.id)
        if explanation is None or not explanation.rule:
            lines.append(f"{measure.id} {measure.title} | 未分工 | — | {measure.source or ''}")
            continue
        rule = RULE_LABELS.get(explanation.rule, explanation.rule)
        if explanation.rule in (FIRST_LISTED, ALL_LEAD):
            rule += {"declared": "（方案声明）", "chosen": "（指定）", "default": "（默认）"}[result.convention.source]
        lines.append(
            f"{measure.id} {measure.title} | {_roles(measure)} | {rule} | "
            f"{explanation.location or ''} “{explanation.text}”"
        )
    return lines
