"""Plans written as YAML: the structured input that ``raci import`` writes and people edit.

The schema is documented in ``docs/input-schema.md``. Validation walks PyYAML's
node tree rather than the loaded values, so every message can name the line
a person has to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..leaders import split_leaders
from ..model import Assignment, Department, Group, Location, Measure, Plan, Section, Stage
from ..names import name_problem, split_departments
from ..raci import COOPERATE, LEAD, LISTED_LEADS, RaciConfig, assign, listed_twice
from ..registry import KINDS, Registry, resolve
from .files import decode_utf8, read_bytes

__all__ = ["read_registry", "read_registry_text", "read_yaml", "read_yaml_text"]

_PLAN_KEYS = {
    "title", "issuer", "office", "period", "date", "targets", "stages", "raci", "departments", "groups", "sections",
}  # fmt: skip
_SECTION_KEYS = {"id", "title", "kind", "measures"}
_MEASURE_KEYS = {
    "id", "title", "text", "kind", "leads", "cooperators", "accountable", "informed",
    "targets", "deadline", "suggested", "leaders",
}  # fmt: skip
_STAGE_KEYS = {"name", "years", "text"}
_DEPARTMENT_KEYS = {"name", "aliases", "kind", "short"}
_GROUP_KEYS = {"name", "aliases", "members", "vague"}
_REGISTRY_KEYS = {"title", "departments", "groups"}
_RACI_KEYS = {"first_lead_accountable", "office_informed", "leader_accountable", "verbs", "listed_leads"}
#: Tags a plan may carry: what plain YAML resolves text, numbers, lists and mappings to.
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge", "value")
}
#: A plan nests five levels deep (plan, sections, section, measures, measure, lists); far more is not a plan.
_MAX_DEPTH = 64
#: Nodes that aliases add when expanded, each use of an anchor counting its whole content. A plan
#: may reuse a list of cooperators on every measure (20,000 measures x 15 names); "billion laughs"
#: anchors reach billions. Nodes written out in the file are not counted: the file size bounds them.
_MAX_ALIAS_NODES = 1_000_000


def read_yaml(path: str | Path) -> Plan:
    """Read a plan from a YAML file.

    Raises
    ------
    InputError
        Malformed YAML, a wrong type, an unknown or missing key, a duplicate
        measure id or an empty department name, with the file and line.
    """
    return read_yaml_text(decode_utf8(read_bytes(path), path), str(path))


def read_yaml_text(text: str, path: str = "<yaml>") -> Plan:
    """Read a plan from YAML text; ``path`` is only used in messages."""
    return _Reader(path, text).plan(_compose(text, path))


def read_registry(path: str | Path) -> Registry:
    """Read a department registry (单位登记表) from a YAML file.

    The file is either a list of departments, a mapping with ``departments:``
    (and optionally ``title:`` and ``groups:``), or a whole plan whose
    ``departments:`` and ``groups:`` sections are the registry. A department
    has ``name``, ``aliases``, ``kind`` (one of :data:`matrix.registry.KINDS`)
    and ``short``; a group has ``name``, ``aliases`` and either ``members``
    (departments of the same registry) or ``vague: true``.

    Raises
    ------
    InputError
        Unreadable or malformed YAML, an unknown key or kind, a department
        or group registered twice, a group without members that is not
        vague, a member that is not a registered department; with the file
        and line.
    """
    return read_registry_text(decode_utf8(read_bytes(path), path), str(path))


def read_registry_text(text: str, path: str = "<yaml>") -> Registry:
    """Read a department registry from YAML text; ``path`` is only used in messages."""
    return _Reader(path, text).registry(_compose(text, path))


def _compose(text: str, path: str) -> yaml.Node:
    try:
        root = _parse(text)
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise InputError(
            f"YAML 中有不允许的字符 U+{exc.character:04X} (unacceptable character)", Location(path, line=line)
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = Location(path, line=mark.line + 1) if mark else Location(path)
        problem = getattr(exc, "problem", None) or str(exc)
        if "nesting depth" in problem:  # libyaml's own depth limit
            raise InputError(_TOO_DEEP, where) from None
        raise InputError(f"YAML 格式错误 (malformed YAML): {' '.join(problem.split())}", where) from None
    except RecursionError:
        raise InputError(_TOO_DEEP, Location(path, line=_first_too_deep_line(text))) from None
    if root is None:
        raise InputError("文件为空 (empty file)", Location(path))
    _check_nodes(root, path)
    return root


_TOO_DEEP = f"YAML 嵌套层数过多（超过 {_MAX_DEPTH} 层），不像是实施方案 (nesting too deep)"


def _first_too_deep_line(text: str) -> int | None:
    """The first line nesting past :data:`_MAX_DEPTH`, for a parser that ran out of stack without saying where.

    Counts open flow brackets and block indentation levels; quoted text is not
    told apart, which can only make the line found earlier than the true one.

    >>> _first_too_deep_line("a:\\n  b: " + "[" * 70)
    2
    """
    indents: list[int] = []
    flow = 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped and not stripped.startswith("#") and flow == 0:
            indent = len(line) - len(stripped)
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
        for char in stripped:
            flow += {"[": 1, "{": 1, "]": -1, "}": -1}.get(char, 0)
            if len(indents) + flow > _MAX_DEPTH:
                return number
    return None


def _check_nodes(root: yaml.Node, path: str) -> None:
    """Refuse tags a plan never needs and aliases that expand without bound.

    The reader walks nodes and never constructs Python objects, so a tag such
    as ``!!python/object`` could not run code; it is refused anyway so that a
    file never means something other than what it shows. The walk is
    iterative and visits each node once, remembering how many nodes every
    list and mapping expands to; each further use of one (an alias) adds its
    expansion to a count, so "billion laughs" anchors and an anchor that
    contains itself end in a message, not a hang, while a large plan written
    out in full is never refused for its size.
    """
    sizes: dict[int, int] = {}  # collection node -> nodes it expands to, once walked
    entered: set[int] = set()
    added = 0
    pending: list[tuple[yaml.Node, int, yaml.Node | None]] = [(root, 1, None)]
    while pending:
        node, depth, parent = pending.pop()
        if depth < 0:  # every child of this collection has been walked
            sizes[id(node)] = 1 + sum(sizes.get(id(child), 1) for child in _children(node))
            continue
        key = id(node)
        if key in sizes:
            added += sizes[key]
            if added > _MAX_ALIAS_NODES:
                raise InputError(
                    f"YAML 别名展开后超过 {_MAX_ALIAS_NODES:,} 个节点（别名引用过多），不像是实施方案 "
                    "(too many alias references)",
                    Location(path, line=(parent or node).start_mark.line + 1),
                )
            continue
        if key in entered:
            raise InputError(
                "YAML 别名引用了包含它自己的锚点（别名引用过多，无限展开） (recursive alias)",
                Location(path, line=(parent or node).start_mark.line + 1),
            )
        if depth > _MAX_DEPTH:
            raise InputError(_TOO_DEEP, Location(path, line=node.start_mark.line + 1))
        if node.tag not in _PLAIN_TAGS:
            raise InputError(
                f"不支持的 YAML 标签 '{node.tag}'：方案中只能有文本、数字、列表和映射 (unsupported tag)",
                Location(path, line=node.start_mark.line + 1),
            )
        if isinstance(node, yaml.ScalarNode):
            continue
        entered.add(key)
        pending.append((node, -1, parent))
        pending.extend((child, depth + 1, node) for child in _children(node))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


#: libyaml's parser when PyYAML was built with it: seven times faster on a province-sized plan.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(text: str) -> yaml.Node | None:
    """The node tree of ``text``; on an error, the pure-Python parser's message and line.

    The pure-Python parser words its messages better, but it recurses once per
    nesting level: where libyaml refused a text for its depth, the fallback
    runs out of stack, and libyaml's own located message is the one to keep.
    """
    try:
        return yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError as fast_error:
        try:
            return yaml.compose(text, Loader=yaml.SafeLoader)
        except RecursionError:
            raise fast_error from None


#: A line of a plain scalar that begins like a list item: ``  - 县科协`` indented one step too far
#: is not a new item but a continuation of the name above, folded into ``县委宣传部 - 县科协``.
_FOLDED_ITEM = re.compile(r"\n[ \t]*-[ \t]")


class _Reader:
    """Walks the node tree of one file; holds the path so messages can name it, and the text to quote it."""

    def __init__(self, path: str, text: str = "") -> None:
        self.path = path
        self.text = text
        #: The plan's ``raci:`` mapping once read: its cooperate verbs end department names.
        self.config = RaciConfig()

    def at(self, node: yaml.Node) -> Location:
        return Location(self.path, line=node.start_mark.line + 1)

    def fail(self, node: yaml.Node, message: str) -> InputError:
        return InputError(message, self.at(node))

    def mapping(self, node: yaml.Node, keys: set[str], what: str, required=()) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what}应为键值映射 (expected a mapping for {what})")
        result: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, f"{what}中的字段名应为文本 (expected a text key)")
            key = key_node.value
            if key not in keys:
                known = "、".join(sorted(keys))
                raise self.fail(key_node, f"{what}中有未知字段 '{key}'，可用字段：{known} (unknown key)")
            if key in result:
                raise self.fail(key_node, f"{what}中字段 '{key}' 重复 (duplicate key)")
            result[key] = value
        for key in required:
            if key not in result:
                raise self.fail(node, f"{what}缺少必填字段 '{key}' (missing required key)")
            value = result[key]
            if self.is_empty(value) or (isinstance(value, yaml.ScalarNode) and not value.value.strip()):
                raise self.fail(value, f"{what}的必填字段 '{key}' 为空 (empty required value)")
        return result

    @staticmethod
    def is_empty(node: yaml.Node) -> bool:
        """A YAML null (nothing, ``~``, ``null``, ``Null``, ``NULL``): empty, never the text "null"."""
        return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")

    def scalar(self, node: yaml.Node | None, what: str, default: str = "") -> str:
        if node is None or self.is_empty(node):
            return default
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, f"{what}应为文本 (expected text for {what})")
        return str(node.value).strip()

    def boolean(self, node: yaml.Node | None, what: str, default: bool) -> bool:
        if node is None:
            return default
        if not (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":bool")):
            raise self.fail(node, f"{what}应为 true 或 false (expected a boolean)")
        return node.value.lower() in ("true", "yes", "on")

    def sequence(self, node: yaml.Node | None, what: str) -> list[yaml.Node]:
        if node is None or self.is_empty(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what}应为列表 (expected a list for {what})")
        return list(node.value)

    def texts(self, node: yaml.Node | None, what: str) -> tuple[str, ...]:
        """A list of texts; an empty or null item is refused at its line rather than kept or dropped."""
        texts = []
        for item in self.sequence(node, what):
            text = self.scalar(item, what)
            if not text:
                raise self.fail(item, f"{what}：列表中有空项 (empty item in a list)")
            texts.append(text)
        return tuple(texts)

    def leaders(self, node: yaml.Node | None) -> tuple[str, ...]:
        """A measure's 牵头领导: a list, or one text naming them one a line or separated by ；."""
        if isinstance(node, yaml.ScalarNode) and not self.is_empty(node):
            return split_leaders(self.scalar(node, "leaders"))
        return tuple(dict.fromkeys(self.texts(node, "leaders")))

    def name_text(self, node: yaml.Node, what: str) -> str:
        """The text of a scalar that holds department names, refusing what an indentation slip makes of a list.

        ``- 县委宣传部`` followed by ``  - 县科协`` (one step too far in) is,
        to YAML, the single name ``县委宣传部 - 县科协``; ``-`` followed by an
        indented ``- 县科协`` is a list inside the list.
        """
        if not isinstance(node, yaml.ScalarNode):
            kind = "嵌套列表" if isinstance(node, yaml.SequenceNode) else "键值映射"
            raise self.fail(
                node,
                f"{what}：此处应为单位名称，实为{kind}，请检查缩进 (a nested list or mapping where a name is expected)",
            )
        if node.style in (None, "") and node.end_mark.line > node.start_mark.line:
            raw = self.text[node.start_mark.index : node.end_mark.index]
            folded = _FOLDED_ITEM.search(raw)
            if folded:
                line = node.start_mark.line + raw[: folded.start()].count("\n") + 2
                raise InputError(
                    f"{what}：此行缩进比上一项多，被 YAML 并入了上一项的名称“{' '.join(str(node.value).split())}”；"
                    "请与上一项对齐 (indentation slip: a list item folded into the name above)",
                    Location(self.path, line=line),
                )
        return "" if self.is_empty(node) else str(node.value)

    def located_names(self, node: yaml.Node | None, what: str) -> list[tuple[Location, str]]:
        """A department list, given as a YAML list or as text separated by 、 or ,, each with its line."""
        if node is None or self.is_empty(node):
            return []
        if isinstance(node, yaml.ScalarNode):
            items = [(node, name) for name in split_departments(self.name_text(node, what), self.config)]
        else:
            items = []
            for item in self.sequence(node, what):
                split = split_departments(self.name_text(item, what), self.config)
                items.extend((item, name) for name in split or [""])
        for item, name in items:
            problem = name_problem(name)
            if problem:
                raise self.fail(item, f"{what}：{problem}")
        return [(self.at(item), name) for item, name in items]

    def names(self, node: yaml.Node | None, what: str) -> list[str]:
        return [name for _, name in self.located_names(node, what)]

    def listing(self, node: yaml.Node | None, what: str, build: Callable[[yaml.Node], Any]) -> tuple:
        return tuple(build(item) for item in self.sequence(node, what))

    # -- the schema -------------------------------------------------------

    def plan(self, root: yaml.Node) -> Plan:
        top = self.mapping(root, _PLAN_KEYS, "方案", required=("title", "sections"))
        raci = self.config = self.raci(top.get("raci"))
        departments = self.departments(top.get("departments"))
        groups = self.groups(top.get("groups"), departments)
        sections = self.listing(top.get("sections"), "sections", lambda n: self.section(n, raci))
        seen: dict[str, Measure] = {}
        for section in sections:
            for measure in section.measures:
                if measure.id in seen:
                    first = seen[measure.id].source
                    raise InputError(
                        f"措施编号 '{measure.id}' 重复，首次出现在 {first} (duplicate measure id)",
                        measure.source,
                    )
                seen[measure.id] = measure
        if not seen:
            raise self.fail(top["sections"], "方案中没有任何措施 (the plan has no measures)")
        return Plan(
            title=self.scalar(top["title"], "title"),
            sections=sections,
            issuer=self.scalar(top.get("issuer"), "issuer"),
            office=self.scalar(top.get("office"), "office"),
            period=self.scalar(top.get("period"), "period"),
            date=self.scalar(top.get("date"), "date"),
            targets=self.texts(top.get("targets"), "targets"),
            stages=self.listing(top.get("stages"), "stages", self.stage),
            departments=departments,
            raci=raci,
            source=self.path,
            groups=groups,
        )

    def raci(self, node: yaml.Node | None) -> RaciConfig:
        if node is None:
            return RaciConfig()
        fields = self.mapping(node, _RACI_KEYS, "raci")
        default = RaciConfig()
        verbs = default.verbs
        if "verbs" in fields:
            verb_nodes = fields["verbs"]
            if not isinstance(verb_nodes, yaml.MappingNode):
                raise self.fail(verb_nodes, "raci.verbs 应为“词: lead/cooperate”映射 (expected a mapping)")
            pairs = []
            for key, value in verb_nodes.value:
                kind = self.scalar(value, "raci.verbs")
                if kind not in (LEAD, COOPERATE):
                    raise self.fail(value, f"raci.verbs 的值应为 lead 或 cooperate，实为 '{kind}' (unknown kind)")
                pairs.append((self.scalar(key, "raci.verbs"), kind))
            verbs = tuple(pairs)
        listed = self.scalar(fields["listed_leads"], "raci.listed_leads") if "listed_leads" in fields else ""
        if listed and listed not in LISTED_LEADS:
            raise self.fail(
                fields["listed_leads"],
                f"raci.listed_leads 的值应为 {' 或 '.join(LISTED_LEADS)}，实为 '{listed}' (unknown list reading)",
            )
        return RaciConfig(
            first_lead_accountable=self.boolean(
                fields.get("first_lead_accountable"), "first_lead_accountable", default.first_lead_accountable
            ),
            office_informed=self.boolean(fields.get("office_informed"), "office_informed", default.office_informed),
            leader_accountable=self.boolean(
                fields.get("leader_accountable"), "leader_accountable", default.leader_accountable
            ),
            verbs=verbs,
            listed_leads=listed,
        )

    def department(self, node: yaml.Node) -> Department:
        fields = self.mapping(node, _DEPARTMENT_KEYS, "单位", required=("name",))
        name = self.names(fields["name"], "单位名称")
        if len(name) != 1:
            raise self.fail(fields["name"], "单位名称应为一个名称 (expected one name)")
        kind = self.scalar(fields.get("kind"), "kind", "其他")
        if kind not in KINDS:
            raise self.fail(fields["kind"], f"未知的单位类别 '{kind}'，应为 {' / '.join(KINDS)} 之一 (unknown kind)")
        return Department(
            name=name[0],
            aliases=tuple(self.names(fields.get("aliases"), "aliases")),
            kind=kind,
            short=self.scalar(fields.get("short"), "short") or None,
            source=self.at(node),
        )

    def departments(self, node: yaml.Node | None) -> tuple[Department, ...]:
        """A registry: departments with distinct names (aliases may clash; the audit reports that)."""
        departments = self.listing(node, "departments", self.department)
        first: dict[str, Department] = {}
        for department in departments:
            if department.name in first:
                raise InputError(
                    f"单位 '{department.name}' 重复登记，首次出现在 {first[department.name].source} "
                    "(duplicate department)",
                    department.source,
                )
            first[department.name] = department
        return departments

    def group(self, node: yaml.Node, departments: tuple[Department, ...]) -> Group:
        fields = self.mapping(node, _GROUP_KEYS, "集体", required=("name",))
        name = self.names(fields["name"], "集体名称")
        if len(name) != 1:
            raise self.fail(fields["name"], "集体名称应为一个名称 (expected one name)")
        vague = self.boolean(fields.get("vague"), "vague", False)
        members = self.located_names(fields.get("members"), "members")
        if vague and members:
            raise self.fail(
                fields["members"],
                f"集体“{name[0]}”标为 vague（泛指），不能再列成员 (a vague group has no members)",
            )
        if not vague and not members:
            raise self.fail(
                node,
                f"集体“{name[0]}”没有成员：请列出 members，或写 vague: true 表示泛指、无法列出成员 "
                "(a group needs members or vague: true)",
            )
        return Group(
            name=name[0],
            aliases=tuple(self.names(fields.get("aliases"), "aliases")),
            members=tuple(dict.fromkeys(self.member(at, written, departments) for at, written in members)),
            vague=vague,
            source=self.at(node),
        )

    @staticmethod
    def member(at: Location, written: str, departments: tuple[Department, ...]) -> str:
        """A member's canonical name: a registered department, written by its name or one alias."""
        canonical = resolve(written, departments).canonical
        if canonical is None:
            raise InputError(
                f"集体成员“{written}”不是登记表 departments 中的单位（或其唯一别名）；请先登记该单位 "
                "(a group member must be a registered department)",
                at,
            )
        return canonical

    def groups(self, node: yaml.Node | None, departments: tuple[Department, ...]) -> tuple[Group, ...]:
        """The groups of a registry: distinct names, none of them a department's name."""
        groups = self.listing(node, "groups", lambda item: self.group(item, departments))
        first: dict[str, Location | None] = {d.name: d.source for d in departments}
        for group in groups:
            if group.name in first:
                raise InputError(
                    f"集体 '{group.name}' 重复登记，首次出现在 {first[group.name]} (duplicate group)", group.source
                )
            first[group.name] = group.source
        return groups

    def registry(self, root: yaml.Node) -> Registry:
        if isinstance(root, yaml.SequenceNode):
            return Registry(self.departments(root))
        if isinstance(root, yaml.MappingNode) and any(k.value == "sections" for k, _ in root.value):
            plan = self.plan(root)
            return Registry(plan.departments, plan.groups)
        top = self.mapping(root, _REGISTRY_KEYS, "单位登记表", required=("departments",))
        departments = self.departments(top["departments"])
        return Registry(departments, self.groups(top.get("groups"), departments))

    def stage(self, node: yaml.Node) -> Stage:
        fields = self.mapping(node, _STAGE_KEYS, "阶段", required=("name",))
        return Stage(
            name=self.scalar(fields["name"], "name"),
            years=self.scalar(fields.get("years"), "years"),
            text=self.scalar(fields.get("text"), "text"),
        )

    def section(self, node: yaml.Node, raci: RaciConfig) -> Section:
        fields = self.mapping(node, _SECTION_KEYS, "章节", required=("id", "title"))
        kind = self.scalar(fields.get("kind"), "kind")
        measures = self.listing(fields.get("measures"), "measures", lambda n: self.measure(n, kind, raci))
        return Section(
            id=self.scalar(fields["id"], "id"),
            title=self.scalar(fields["title"], "title"),
            kind=kind,
            measures=measures,
            source=self.at(node),
        )

    def measure(self, node: yaml.Node, section_kind: str, raci: RaciConfig) -> Measure:
        fields = self.mapping(node, _MEASURE_KEYS, "措施", required=("id", "title"))
        where = self.at(node)
        # Each list is split and checked once: on a province-sized plan this walk is most of the read.
        lists = {
            key: self.located_names(fields.get(key), what)
            for key, what in (("informed", "informed"), ("cooperators", "配合单位"), ("leads", "牵头单位"))
        }
        located = {name: at for key in lists for at, name in lists[key]}
        leads = [name for _, name in lists["leads"]]
        cooperators = [name for _, name in lists["cooperators"]]
        accountable = self.names(fields["accountable"], "accountable") if "accountable" in fields else None
        leaders = self.leaders(fields.get("leaders"))
        pairs = dict(assign(leads, cooperators, accountable=accountable, config=raci, leaders=leaders))
        twice = listed_twice(leads, cooperators)
        informed = [name for _, name in lists["informed"] if name not in pairs]
        assignments = [
            Assignment(name, role, located.get(name, where), also=("C",) if name in twice else ())
            for name, role in pairs.items()
        ]
        assignments += [Assignment(name, "I", located[name]) for name in informed]
        return Measure(
            id=self.scalar(fields["id"], "id"),
            title=self.scalar(fields["title"], "title"),
            text=self.scalar(fields.get("text"), "text"),
            kind=self.scalar(fields.get("kind"), "kind", section_kind),
            targets=self.texts(fields.get("targets"), "targets"),
            deadline=self.scalar(fields.get("deadline"), "deadline") or None,
            assignments=tuple(assignments),
            suggested=tuple(self.names(fields.get("suggested"), "suggested")),
            source=where,
            leaders=leaders,
        )
