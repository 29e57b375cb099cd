"""`nktracker check`: exit codes and output, in-process and as a console script."""

from __future__ import annotations

import subprocess
import sys

from conftest import FROZEN, overlay
from nktracker.cli import main


def test_check_shipped_data_prints_summary(capsys):
    assert main(["check", str(FROZEN)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK ")
    assert "claims" in out and "articles" in out


def test_check_bad_data_prints_every_problem(tmp_path, capsys):
    data = overlay("unknown-source", tmp_path / "data")
    assert main(["check", str(data)]) == 1
    out = capsys.readouterr().out
    assert "claims.yaml:12: claims[0].sources[0]: unknown source 'times-net'" in out
    assert "1 problem(s)" in out


def test_python_m_runs_without_traceback(tmp_path):
    data = overlay("yaml-syntax", tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "nktracker", "check", str(data)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "claims.yaml:13:4: YAML syntax error" in result.stdout


def test_environment_variable_selects_data(tmp_path):
    data = overlay("bad-url", tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "nktracker", "check"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"NKTRACKER_DATA": str(data), "PATH": ""},
    )
    assert result.returncode == 1
    assert "javascript:alert(1)" in result.stdout
