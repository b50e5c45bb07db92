"""The `outward` entry point as a user runs it: help, missing schema, deployment checks."""

import os
import secrets
import subprocess
import sys


def run_outward(*args: str, tmp_path, **env: str) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        **env,
    }
    # A user's shell has neither; the browser tests set the second for Playwright's event loop.
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "-m", "outward", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_help_lists_every_command_with_a_line_of_help(tmp_path):
    result = run_outward("--help", tmp_path=tmp_path)
    assert result.returncode == 0
    lines = {line.split()[0]: line for line in result.stdout.splitlines()[2:] if line.strip()}
    assert "serve" in lines and "Serve Outward" in lines["serve"]
    assert "users" in lines and "tokens" in lines and "migrate" in lines


def test_command_without_schema_names_migrate(tmp_path):
    result = run_outward("users", "create", "a@b.example", "--role", "admin", tmp_path=tmp_path)
    assert result.returncode == 1
    assert "outward migrate" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_deploy_is_clean_with_debug_off_and_a_secret_key(tmp_path):
    result = run_outward(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="outward.example.com",
    )
    assert (result.returncode, result.stderr.strip()) == (0, "")
    assert "no issues" in result.stdout


def test_bad_setting_value_fails_loudly(tmp_path):
    result = run_outward("check", tmp_path=tmp_path, DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr
