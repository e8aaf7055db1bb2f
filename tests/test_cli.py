"""The command line lists one subcommand per pipeline step, plus build."""

import subprocess
import sys

import pytest

from housing_research.cli import build_parser, main
from housing_research.build import STEPS


def test_help_lists_every_step(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for name in ["build", *(s.name for s in STEPS)]:
        assert name in out


def test_unknown_command_is_refused(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_parser_needs_a_command():
    with pytest.raises(SystemExit):
        build_parser().parse_args([])


def test_entry_point_runs_from_any_directory(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "housing_research.cli", "--version"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    )
    assert out.stdout.startswith("housing-research ")
