"""The `outward` entry point as a user runs it: help, missing schema, deployment checks."""

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import outward


def run_outward(*args: str, tmp_path, **env: str) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        # A data folder of its own: its import lock, secret key and uploads are the test's, not
        # shared with a test that runs at the same time in another worker.
        "OUTWARD_HOME": str(tmp_path / "var"),
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


def _closed_reader(*args: str, tmp_path) -> subprocess.CompletedProcess:
    """Run outward with its standard output going to a pipe whose reader has gone away."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
        environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        return subprocess.run(
            [sys.executable, "-m", "outward", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
            timeout=120,
        )
    finally:
        os.close(write_end)


def test_help_into_a_closed_pipe_stops_quietly(tmp_path):
    result = _closed_reader("--help", tmp_path=tmp_path)
    assert "Traceback" not in result.stderr
    assert "BrokenPipeError" not in result.stderr


def test_report_into_a_closed_pipe_stops_quietly(tmp_path):
    assert run_outward("migrate", "-v0", tmp_path=tmp_path).returncode == 0
    accounts = tmp_path / "accounts.csv"
    accounts.write_text(
        "account_id,name,country\n"
        + "".join(f"A{n:05d},Account number {n} of a long list,DE\n" for n in range(3000))
    )
    assert run_outward("import", "accounts", str(accounts), tmp_path=tmp_path).returncode == 0
    result = _closed_reader("export", "accounts", tmp_path=tmp_path)
    assert (result.returncode, result.stderr) == (1, "")


def test_data_folder_does_not_depend_on_where_the_package_is_installed(tmp_path):
    """A normal (not editable) install puts the package in site-packages: var/ stays put."""
    site = tmp_path / "site-packages"
    shutil.copytree(Path(outward.__file__).parent, site / "outward")
    work = tmp_path / "work"
    work.mkdir()
    probe = "import outward.settings as s; print(s.VAR_DIR); print(s.DATABASES['default']['NAME'])"
    environment = {k: v for k, v in os.environ.items() if k not in ("OUTWARD_HOME", "DATABASE_URL")}
    run = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=work,
        env={**environment, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.splitlines() == [str(work / "var"), str(work / "var" / "outward.sqlite3")]
    home = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=work,
        env={**environment, "PYTHONPATH": str(site), "OUTWARD_HOME": str(tmp_path / "data")},
        capture_output=True,
        text=True,
        check=True,
    )
    assert home.stdout.splitlines()[0] == str(tmp_path / "data")
