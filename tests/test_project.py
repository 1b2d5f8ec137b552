"""The project's own promises: the README's commands are the ones CI runs."""

from __future__ import annotations

import re

from .conftest import ROOT


def _commands(text: str) -> list[str]:
    return re.findall(r"^python3 -m venv .*$", text, flags=re.MULTILINE)


def _readme_commands() -> list[str]:
    """The commands of the README's "Two commands" section (others, e.g. the benchmark's, live elsewhere)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return _commands(section)


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    readme = _readme_commands()
    ci = _commands((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert len(readme) == 2, "the README gives exactly two commands"
    assert ci == [readme[1]]


def test_readme_main_command_builds_the_bundled_sample() -> None:
    main = _readme_commands()[0]
    assert main.endswith("raci build")
