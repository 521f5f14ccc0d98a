"""The README stays true: every command, option and setting is documented."""

from __future__ import annotations

from dataclasses import fields

import pytest

from briefing.cli import parser as _parser
from briefing.config import BriefingConfig

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def cli_options():
    parser = _parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    for name, sub in commands.choices.items():
        yield f"briefing {name}"
        for action in sub._actions:
            yield from (o for o in action.option_strings if o.startswith("--") and o != "--help")


@pytest.mark.parametrize("option", sorted(set(cli_options())))
def test_cli_option_documented(option):
    assert option in README


@pytest.mark.parametrize("setting", [f.name for f in fields(BriefingConfig)])
def test_setting_documented(setting):
    assert f'"{setting}"' in README


def test_quick_start_is_two_commands():
    assert "make html" in README and "make test" in README


def test_unknown_setting_is_reported(caplog):
    config = BriefingConfig.from_settings({"BRIEFING": {"summary_sentence": 2}})
    assert config == BriefingConfig()
    assert "unknown setting 'summary_sentence'" in caplog.text
