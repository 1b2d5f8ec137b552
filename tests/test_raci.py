from __future__ import annotations

import pytest

from matrix.raci import ROLES, RaciConfig, assign, is_accountable, is_lead, parse_role


def test_first_lead_is_accountable_by_default() -> None:
    assert assign(["县教科局", "县科协"], ["县工信局"]) == (
        ("县教科局", "A/R"),
        ("县科协", "R"),
        ("县工信局", "C"),
    )


def test_configuration_can_turn_accountability_off() -> None:
    pairs = assign(["县教科局", "县科协"], config=RaciConfig(first_lead_accountable=False))
    assert [role for _, role in pairs] == ["R", "R"]


def test_explicit_accountable_outside_the_leads_is_a_only() -> None:
    pairs = dict(assign(["县教科局"], ["县科协"], accountable=["县人民政府"]))
    assert pairs == {"县教科局": "R", "县人民政府": "A", "县科协": "C"}


def test_a_department_named_as_lead_and_cooperator_stays_lead() -> None:
    assert dict(assign(["县科协"], ["县科协", "县妇联"])) == {"县科协": "A/R", "县妇联": "C"}


def test_verbs_map_to_kinds() -> None:
    config = RaciConfig()
    assert config.kind_of("牵头") == "lead" and config.kind_of("参加") == "cooperate"
    assert config.kind_of("督办") is None
    assert config.verbs_of("lead")[0] in {"牵头", "负责", "主责", "主办"}


@pytest.mark.parametrize(("text", "role"), [("r", "R"), ("Ａ/Ｒ", "A/R"), ("AR", "A/R"), ("R/A", "A/R"), (" c ", "C")])
def test_parse_role_accepts_what_offices_type(text: str, role: str) -> None:
    assert parse_role(text) == role


def test_parse_role_refuses_unknown_letters() -> None:
    with pytest.raises(ValueError, match="未知的角色 '牵头x'"):
        parse_role("牵头x")


def test_role_predicates_cover_every_label() -> None:
    assert [r for r in ROLES if is_lead(r)] == ["A/R", "R"]
    assert [r for r in ROLES if is_accountable(r)] == ["A/R", "A"]
