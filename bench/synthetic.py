"""Synthetic plans of any size, shaped like the real ones, for measuring how the project scales.

A county plan has about 40 measures and 30 departments; a province-wide merge
reaches thousands of measures and hundreds of departments. The generator
keeps what drives the cost of every stage realistic at any size:

- each measure has 1-3 leads and 3-15 cooperators (as in the Wutai seed),
  so the number of assignments grows with the measures, not with the grid;
- a few departments carry most of the work (科协, 教科局 …), as in every
  seed plan, so per-department notices range from a handful of measures to
  hundreds;
- names and texts are Chinese of realistic length, so string handling,
  column widths and document layout cost what they cost on real plans.

Plans are reproducible: the same sizes and seed give an identical plan.

Besides measures × departments, one size is named :data:`PROVINCE`: a
hundred county plans of 40 measures and 30-60 departments each, merged by
plan as ``raci merge`` does (``五台县·县科协`` and ``代县·县科协`` are two
bodies), issued by the province's office: about 4,000 measures and 4,500
departments, each of which gets a notice.

Example
-------
>>> plan = synthetic_plan(40, 30, seed=1)
>>> len(plan.measures), len(plan.department_names())
(40, 30)
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import accumulate
from pathlib import Path

from matrix.export.plan_yaml import write_plan_yaml
from matrix.merge import BY_PLAN, merge_plans
from matrix.model import Assignment, Department, Measure, Plan, Section, Stage
from matrix.raci import assign

__all__ = [
    "MAX_DEPARTMENTS",
    "PROVINCE",
    "check_label",
    "parse_size",
    "plan_counts",
    "plan_for",
    "province_plan",
    "synthetic_plan",
    "write_plan_for",
    "write_synthetic_yaml",
]

#: Agencies of one county as (name template, kind); ``{c}`` is the county ("县" for the
#: home county, e.g. "代县" for the others) and ``{s}`` its short name.
_AGENCIES: tuple[tuple[str, str], ...] = (
    ("{c}科协", "群团组织"),
    ("{c}教科局", "政府部门"),
    ("{c}委宣传部", "县委部门"),
    ("{c}农业农村局", "政府部门"),
    ("{c}卫健局", "政府部门"),
    ("{c}融媒体中心", "其他"),
    ("团{c}委", "群团组织"),
    ("{c}妇联", "群团组织"),
    ("{c}人社局", "政府部门"),
    ("{c}工信局", "政府部门"),
    ("{c}文旅局", "政府部门"),
    ("{c}应急局", "政府部门"),
    ("市生态环境局{s}分局", "派驻机构"),
    ("{c}自然资源局", "政府部门"),
    ("{c}总工会", "群团组织"),
    ("{c}民政局", "政府部门"),
    ("{c}委组织部", "县委部门"),
    ("{c}林业局", "政府部门"),
    ("{c}气象局", "派驻机构"),
    ("{c}发展改革局", "政府部门"),
    ("{c}财政局", "政府部门"),
    ("{c}住建局", "政府部门"),
    ("{c}交通运输局", "政府部门"),
    ("{c}水利局", "政府部门"),
    ("{c}商务局", "政府部门"),
    ("{c}市场监管局", "政府部门"),
    ("{c}公安局", "政府部门"),
    ("{c}司法局", "政府部门"),
    ("{c}统计局", "政府部门"),
    ("{c}医保局", "政府部门"),
    ("{c}退役军人事务局", "政府部门"),
    ("{c}乡村振兴局", "政府部门"),
    ("{c}行政审批局", "政府部门"),
    ("{c}能源局", "政府部门"),
    ("{c}委网信办", "县委部门"),
    ("{c}委统战部", "县委部门"),
    ("{c}残联", "群团组织"),
    ("{c}工商联", "群团组织"),
    ("{c}文联", "群团组织"),
    ("{c}税务局", "派驻机构"),
)

#: The home county first ("县", short name 五台), then its neighbours for a merged plan.
_NEIGHBOURS = (
    "代县", "繁峙县", "宁武县", "静乐县", "神池县", "五寨县", "岢岚县", "河曲县", "保德县", "偏关县",
    "定襄县", "原平市", "忻府区", "阳曲县", "娄烦县", "古交市", "清徐县", "盂县", "平定县", "寿阳县",
    "昔阳县", "和顺县", "左权县", "榆社县", "太谷区", "祁县", "平遥县", "介休市", "灵石县",
)  # fmt: skip
_COUNTIES: tuple[tuple[str, str], ...] = (("县", "五台"), *((name, name) for name in _NEIGHBOURS))

#: The most departments a synthetic plan can have, each with a distinct real-looking name.
MAX_DEPARTMENTS = len(_AGENCIES) * len(_COUNTIES)

#: Townships of a county, which a county plan lists after its agencies.
_TOWNS = (
    "台城镇", "白家庄镇", "耿镇镇", "豆村镇", "东冶镇", "台怀镇", "建安乡", "高洪口乡", "陈家庄乡", "灵境乡",
    "门限石乡", "石咀乡", "茹村乡", "阳白乡", "沟南乡", "蒋坊乡", "神西乡", "金岗库乡", "天和乡", "东雷乡",
)  # fmt: skip
#: The most departments of one county's plan: its agencies and townships.
_COUNTY_DEPARTMENTS = len(_AGENCIES) + len(_TOWNS)

_THEMES: tuple[tuple[str, str], ...] = (
    ("青少年科学素质提升行动", "提升行动"),
    ("农民科学素质提升行动", "提升行动"),
    ("产业工人科学素质提升行动", "提升行动"),
    ("老年人科学素质提升行动", "提升行动"),
    ("领导干部和公务员科学素质提升行动", "提升行动"),
    ("科技资源科普化工程", "重点工程"),
    ("科普信息化提升工程", "重点工程"),
    ("科普基础设施工程", "重点工程"),
    ("基层科普能力提升工程", "重点工程"),
    ("科普人才队伍建设工程", "重点工程"),
)
_VERBS = ("实施", "开展", "加强", "推进", "建立健全", "深化", "完善", "提升", "组织", "打造")
_OBJECTS = (
    "科学家精神进校园",
    "科技创新后备人才培育",
    "校内外科学教育资源衔接",
    "教师科学素质",
    "高素质农民培育",
    "乡村振兴科技支撑",
    "智慧助老",
    "老年人健康科普服务",
    "银龄科普",
    "技能中国创新",
    "职业技能提升",
    "科技资源科普化",
    "科普创作资助",
    "全媒体科学传播",
    "智慧科普",
    "科普基础设施",
    "应急科普",
    "基层科普服务",
    "科技志愿服务",
    "科普人才培养",
    "领导干部科学素质教育培训",
    "科普示范县创建",
)
_SUFFIXES = ("行动", "计划", "工程", "机制", "工作", "服务", "专项行动", "能力建设")
_SENTENCES = (
    "坚持立德树人，把弘扬科学精神贯穿于育人全链条，激励青少年树立投身建设科技强国的远大志向。",
    "依托新时代文明实践中心、党群服务中心、社区科普站点等阵地，广泛开展科普宣传教育活动。",
    "组织引导科研机构、医疗卫生机构、企业等面向社会开发开放优质科普资源。",
    "大力开展科技助农，加强农民的技术技能培训，提高科学生产、科学经营能力。",
    "推进报刊、广播、电视等传统媒体与新媒体深度融合，实现科普内容多渠道全媒体传播。",
    "完善科普工作考核评价机制，将科普工作实绩纳入相关单位年度目标责任考核。",
    "建立应急科普宣教协同机制，储备和传播优质应急科普内容，提升公众应急避险能力。",
    "发展壮大科技志愿者队伍，组建专家科普报告团，在社区、农村和学校中发挥积极作用。",
    "加强科普基础设施建设，推动科技馆、科普教育基地和流动科普设施向基层延伸。",
    "利用“科普中国”平台，促进优质科普资源向乡村倾斜，推动城乡科普服务均衡发展。",
)
_TARGETS = (
    "每年组织{n}人次参加科普培训",
    "每年开展科普活动不少于{n}场次",
    "到2025年建成科普示范基地{n}个",
    "每年培训基层科普人员{n}人次",
)
_DEADLINES = ("2022年底前", "2023年", "2024年6月底前", "2025年", "长期坚持")

#: County-level places of Shanxi whose names :func:`matrix.merge.plan_place` reads from a
#: title (three characters or more), and the prefecture 忻州市: the plans of a province merge.
_PLACES = (
    "清徐县", "阳曲县", "娄烦县", "古交市", "阳高县", "天镇县", "广灵县", "灵丘县", "浑源县", "左云县", "山阴县",
    "右玉县", "怀仁市", "定襄县", "五台县", "繁峙县", "宁武县", "静乐县", "神池县", "五寨县", "岢岚县", "河曲县",
    "保德县", "偏关县", "原平市", "平定县", "太谷区", "榆社县", "左权县", "和顺县", "昔阳县", "寿阳县", "平遥县",
    "灵石县", "介休市", "文水县", "交城县", "柳林县", "石楼县", "方山县", "中阳县", "交口县", "孝义市", "汾阳市",
    "襄垣县", "平顺县", "黎城县", "壶关县", "长子县", "武乡县", "沁源县", "沁水县", "阳城县", "陵川县", "泽州县",
    "高平市", "曲沃县", "翼城县", "襄汾县", "洪洞县", "安泽县", "浮山县", "乡宁县", "大宁县", "永和县", "汾西县",
    "侯马市", "霍州市", "临猗县", "万荣县", "闻喜县", "稷山县", "新绛县", "垣曲县", "平陆县", "芮城县", "永济市",
    "河津市", "小店区", "迎泽区", "晋源区", "平城区", "云冈区", "新荣区", "云州区", "朔城区", "平鲁区", "忻府区",
    "榆次区", "离石区", "潞州区", "上党区", "屯留区", "潞城区", "尧都区", "盐湖区", "杏花岭区", "尖草坪区",
    "万柏林区", "忻州市",
)  # fmt: skip

#: The size label of the province-wide merge.
PROVINCE = "province"

_SIZE = re.compile(r"^\s*(\d+)\s*[xX×*]\s*(\d+)\s*$")


def parse_size(text: str) -> tuple[int, int]:
    """Read ``"10000x300"`` as (measures, departments); ``ValueError`` names the bad value."""
    match = _SIZE.match(text)
    if not match:
        raise ValueError(f"size '{text}' should be MEASURESxDEPARTMENTS, e.g. 1000x100")
    measures, departments = int(match[1]), int(match[2])
    _check_size(measures, departments)
    return measures, departments


def check_label(label: str) -> None:
    """Refuse a size label that is neither ``NxM`` nor :data:`PROVINCE`, with ``ValueError``."""
    if label != PROVINCE:
        parse_size(label)


def _check_size(measures: int, departments: int) -> None:
    if measures < 1:
        raise ValueError(f"a plan needs at least 1 measure, got {measures}")
    if not 1 <= departments <= MAX_DEPARTMENTS:
        raise ValueError(f"departments must be between 1 and {MAX_DEPARTMENTS}, got {departments}")


def _departments(count: int) -> tuple[Department, ...]:
    """``count`` departments, county by county, each county's busiest agencies first."""
    result = []
    for index in range(count):
        county, short = _COUNTIES[index // len(_AGENCIES)]
        template, kind = _AGENCIES[index % len(_AGENCIES)]
        result.append(Department(template.format(c=county, s=short), kind=kind))
    return tuple(result)


def _county_departments(count: int) -> tuple[Department, ...]:
    """``count`` bodies of one county: its agencies, then its townships."""
    agencies = [Department(template.format(c="县", s=""), kind=kind) for template, kind in _AGENCIES]
    towns = [Department(f"{town}人民政府", kind="乡镇") for town in _TOWNS]
    return tuple((agencies + towns)[:count])


class _Picker:
    """Draws distinct departments with a skewed workload, as real plans have.

    The weight of the body at rank ``r`` within its county is ``1 / (r + 1)``,
    so 科协 and 教科局 appear on many measures, 文联 on few and a township on fewer.
    """

    def __init__(self, names: Sequence[str], rng: random.Random, per_county: int = len(_AGENCIES)) -> None:
        self.names = names
        self.rng = rng
        weights = [1.0 / (1 + index % per_county) for index in range(len(names))]
        self.cumulative = list(accumulate(weights))

    def pick(self, count: int, exclude: set[str]) -> list[str]:
        count = min(count, len(self.names) - len(exclude))
        chosen: dict[str, None] = {}
        while len(chosen) < count:
            for name in self.rng.choices(self.names, cum_weights=self.cumulative, k=count - len(chosen)):
                if name not in exclude and name not in chosen and len(chosen) < count:
                    chosen[name] = None
        return list(chosen)


def _measure_text(rng: random.Random, title: str) -> str:
    return title + "。" + "".join(rng.sample(_SENTENCES, rng.randint(2, 3)))


def _measure(measure_id: str, kind: str, rng: random.Random, picker: _Picker) -> Measure:
    title = rng.choice(_VERBS) + rng.choice(_OBJECTS) + rng.choice(_SUFFIXES)
    leads = picker.pick(rng.randint(1, 3), set())
    cooperators = picker.pick(rng.randint(3, 15), set(leads))
    targets = (rng.choice(_TARGETS).format(n=rng.choice((10, 20, 50, 100, 500))),) if rng.random() < 0.3 else ()
    return Measure(
        id=measure_id,
        title=title,
        text=_measure_text(rng, title),
        kind=kind,
        targets=targets,
        deadline=rng.choice(_DEADLINES) if rng.random() < 0.4 else None,
        assignments=tuple(Assignment(name, role) for name, role in assign(leads, cooperators)),
    )


def _cover_every_department(sections: list[Section], names: Sequence[str], rng: random.Random) -> list[Section]:
    """Give each department that drew no measure one cooperation, so the grid is exactly N x M."""
    measures = [list(s.measures) for s in sections]
    used = {a.department for row in measures for m in row for a in m.assignments}
    for name in names:
        if name in used:
            continue
        row = measures[rng.randrange(len(measures))]
        index = rng.randrange(len(row))
        measure = row[index]
        row[index] = replace(measure, assignments=(*measure.assignments, Assignment(name, "C")))
    return [Section(s.id, s.title, s.kind, tuple(row)) for s, row in zip(sections, measures, strict=True)]


def synthetic_plan(measures: int, departments: int, seed: int = 0, *, place: str | None = None) -> Plan:
    """A plan with exactly ``measures`` measures and ``departments`` assigned departments.

    Parameters
    ----------
    measures
        Number of measures, grouped 3-6 to a section as in the seed plans.
    departments
        Number of departments, at most :data:`MAX_DEPARTMENTS`. Every one of
        them holds at least one assignment, so the RACI grid is exactly
        ``measures`` x ``departments`` (plus the leading-group office, which
        the graph makes Informed of every measure).
    seed
        Seed of the random generator: equal arguments give equal plans.
    place
        The county whose own plan it is (its title, issuer and office name
        it, and its departments are its own agencies and townships, at most
        60); by default a plan of 五台县 whose departments reach into the
        neighbouring counties, up to :data:`MAX_DEPARTMENTS`.

    Returns
    -------
    Plan
        With a department registry (names and kinds), sections, measures with
        text, occasional quantitative targets and deadlines, and assignments
        made through :func:`matrix.raci.assign`.

    Raises
    ------
    ValueError
        If a size is out of range.
    """
    _check_size(measures, departments)
    if place is not None and departments > _COUNTY_DEPARTMENTS:
        raise ValueError(f"a county has at most {_COUNTY_DEPARTMENTS} departments, got {departments}")
    rng = random.Random(seed)
    registry = _departments(departments) if place is None else _county_departments(departments)
    names = [d.name for d in registry]
    picker = _Picker(names, rng) if place is None else _Picker(names, rng, _COUNTY_DEPARTMENTS)
    sections: list[Section] = []
    made = 0
    while made < measures:
        number = len(sections) + 1
        theme, kind = _THEMES[(number - 1) % len(_THEMES)]
        county = _COUNTIES[(number - 1) // len(_THEMES) % len(_COUNTIES)][0]
        title = theme if county == "县" else f"{county}{theme}"
        count = min(rng.randint(3, 6), measures - made)
        items = tuple(_measure(f"{number}.{k}", kind, rng, picker) for k in range(1, count + 1))
        sections.append(Section(str(number), title, kind, items))
        made += count
    return Plan(
        title=f"{place or ''}全民科学素质行动规划纲要实施方案（合成，{measures}项措施×{departments}个单位）",
        sections=tuple(_cover_every_department(sections, names, rng)),
        issuer=f"{place or '五台县'}全民科学素质工作领导组",
        office=f"{place or '五台县'}全民科学素质工作领导组办公室",
        period="2021-2025",
        targets=("到2025年，公民具备科学素质的比例达到12.2%",),
        stages=(
            Stage("启动实施阶段", "2021"),
            Stage("深入实施阶段", "2022-2024"),
            Stage("总结评估阶段", "2025"),
        ),
        departments=registry,
        source="synthetic",
    )


def write_synthetic_yaml(path: str | Path, measures: int, departments: int, seed: int = 0) -> Path:
    """Write :func:`synthetic_plan` as plan YAML that ``raci build`` reads; return the path."""
    return write_plan_yaml(synthetic_plan(measures, departments, seed), path)


def province_plan(
    counties: int = 100, measures: int = 40, departments: tuple[int, int] = (30, 60), seed: int = 0
) -> Plan:
    """The plans of ``counties`` counties merged by plan, as the province's office would issue them.

    Each county has ``measures`` measures and between ``departments[0]`` and
    ``departments[1]`` departments (drawn per county), and its own seed.
    :func:`matrix.merge.merge_plans` keeps every county's bodies apart
    (``五台县·县科协``); the merged plan is issued by the province, whose
    office signs the notices, one to every department of every county.

    Raises
    ------
    ValueError
        More counties than there are places to name them.
    """
    if not 1 <= counties <= len(_PLACES):
        raise ValueError(f"counties must be between 1 and {len(_PLACES)}, got {counties}")
    rng = random.Random(seed)
    plans = [
        replace(
            synthetic_plan(measures, rng.randint(*departments), seed=seed + index, place=place),
            source=f"county{index + 1:03d}.yaml",
        )
        for index, place in enumerate(_PLACES[:counties])
    ]
    merged = merge_plans(plans, mode=BY_PLAN)
    return replace(
        merged,
        title=f"山西省全民科学素质行动规划纲要实施方案（合成，{counties}个县合并）",
        issuer="山西省全民科学素质工作领导小组",
        office="山西省全民科学素质工作领导小组办公室",
        source="synthetic",
    )


def plan_for(label: str) -> Plan:
    """The plan of a size label: ``"1000x100"`` (:func:`synthetic_plan`) or :data:`PROVINCE`."""
    return province_plan() if label == PROVINCE else synthetic_plan(*parse_size(label))


def write_plan_for(path: str | Path, label: str) -> Path:
    """Write :func:`plan_for` as plan YAML that ``raci build`` reads; return the path."""
    return write_plan_yaml(plan_for(label), path)


def plan_counts(plan: Plan) -> dict[str, int]:
    """What the benchmark's tables say of a plan's size."""
    measures, departments = len(plan.measures), len(plan.departments)
    assignments = sum(len(m.assignments) for m in plan.measures)
    cells = measures * departments
    return {"measures": measures, "departments": departments, "cells": cells, "assignments": assignments}


if __name__ == "__main__":  # python -m bench.synthetic LABEL PATH: write the plan, print its counts as JSON
    import json
    import sys

    label, path = sys.argv[1:3]
    plan = plan_for(label)
    write_plan_yaml(plan, path)
    print(json.dumps(plan_counts(plan)))
