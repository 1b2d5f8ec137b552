"""Properties over generated inputs: the importer never crashes, YAML round-trips, any plan builds and audits.

The examples mix real department names with the punctuation plans get wrong
(、、, trailing 等, half-width brackets, stray role words), so the generator
reaches the corners that hand-written tests miss.
"""

from __future__ import annotations

import contextlib

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matrix.audit import audit_plan
from matrix.errors import InputError
from matrix.export.plan_yaml import dump_plan_yaml
from matrix.graph import build_graph
from matrix.names import name_problem, normalise_name
from matrix.readers.text import read_plan_text
from matrix.readers.yaml import read_yaml_text

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

REAL_NAMES = ("县科协", "县教育局", "县民政局", "团县委", "县委宣传部", "县卫健局", "县委党校（县行政学校）")
#: Characters department lists are made of, including the ones that break them.
LIST_ALPHABET = "县局委科协教育民政团宣传部卫健、，,；;（）()等由牵头配合参加负责 \u3000。"

names = st.one_of(st.sampled_from(REAL_NAMES), st.text(LIST_ALPHABET, min_size=1, max_size=12))
department_lists = st.lists(names, max_size=5).map("、".join)
verbs = st.sampled_from(["牵头", "负责", "配合", "参加", "参与", "主责", "协助", "", "牵头抓总"])
brackets = st.builds(
    lambda opening, leads, lead_verb, others, other_verb, closing: (
        f"{opening}{leads}{lead_verb}，{others}{other_verb}{closing}"
    ),
    st.sampled_from(["（", "(", "（由", "（责任分工：", ""]),
    department_lists,
    verbs,
    department_lists,
    verbs,
    st.sampled_from(["）", ")", "。）", ""]),
)


def plan_text(paragraphs: list[str]) -> str:
    head = "某县全民科学素质行动实施方案\n\n为贯彻落实纲要，制定本方案。\n一、重点任务\n（一）青少年科学素质提升行动\n"
    return head + "\n".join(f"{n}.开展第{n}项工作。{p}" for n, p in enumerate(paragraphs, start=1)) + "\n"


@FAST
@given(st.lists(st.one_of(brackets, st.text(max_size=40)), min_size=1, max_size=6))
def test_the_text_importer_never_crashes_on_odd_brackets(paragraphs: list[str]) -> None:
    text = plan_text(paragraphs)
    read_plan_text(text, "plan.txt")
    try:
        read_plan_text(text, "plan.txt", strict=True)
    except InputError as error:
        assert error.location is not None


@FAST
@given(st.text(max_size=300))
def test_any_text_at_all_is_a_plan_or_an_input_error(text: str) -> None:
    with contextlib.suppress(InputError):
        read_plan_text(text, "plan.txt", strict=True)


#: Spellings the reader rewrites (等 dropped, 由 dropped, brackets made full-width).
UNNORMALISED = ("县科协等", "由县教育局", "县委党校(县行政学校)")
#: Names the YAML reader keeps exactly as written: already normalised and plausible.
clean_names = st.one_of(
    st.sampled_from(REAL_NAMES),
    st.text("县市局委办科协教育民政团宣传部卫健文旅体", min_size=2, max_size=10),
).filter(lambda name: normalise_name(name) == name and name_problem(name) is None)


@st.composite
def plan_data(draw: st.DrawFn, *, clean: bool) -> dict:
    """A plan in the input schema; ``clean`` keeps leads and cooperators apart and names exact."""
    pool = clean_names if clean else st.one_of(clean_names, st.sampled_from(UNNORMALISED))
    sections = []
    number = 0
    for s in range(1, draw(st.integers(1, 3)) + 1):
        measures = []
        for _ in range(draw(st.integers(1 if s == 1 else 0, 4))):
            number += 1
            leads = draw(st.lists(pool, max_size=3, unique=True))
            cooperators = draw(st.lists(pool, max_size=4, unique=True))
            if clean:
                cooperators = [c for c in cooperators if c not in leads]
            measure = {"id": f"{s}.{number}", "title": f"措施{number}", "leads": leads, "cooperators": cooperators}
            if not clean and leads and draw(st.booleans()):
                measure["accountable"] = draw(st.lists(st.sampled_from(leads), max_size=2, unique=True))
            if not clean and draw(st.booleans()):
                measure["cooperators"] = "、".join(cooperators)
            measures.append(measure)
        sections.append({"id": str(s), "title": f"第{s}部分", "measures": measures})
    plan = {"title": "某县实施方案", "sections": sections}
    if draw(st.booleans()):
        plan["office"] = "某县领导小组办公室"
    return plan


@FAST
@given(plan_data(clean=True))
def test_department_lists_round_trip_through_yaml(data: dict) -> None:
    plan = read_yaml_text(yaml.safe_dump(data, allow_unicode=True), "plan.yaml")
    written = [(m["leads"], m["cooperators"]) for s in data["sections"] for m in s["measures"]]
    assert [(list(m.leads), list(m.cooperators)) for m in plan.measures] == written
    assert read_yaml_text(dump_plan_yaml(plan), "again.yaml") == plan


@FAST
@given(plan_data(clean=False))
def test_any_plan_that_reads_builds_and_audits(data: dict) -> None:
    try:
        plan = read_yaml_text(yaml.safe_dump(data, allow_unicode=True), "plan.yaml")
    except InputError:
        return
    graph = build_graph(plan)
    findings = audit_plan(plan, graph)
    assert all(f.message for f in findings)
    assert read_yaml_text(dump_plan_yaml(plan), "again.yaml") == plan
