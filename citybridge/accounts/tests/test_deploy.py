"""Production settings pass Django's deployment check; a setting that cannot be read stops the
start. (bandit runs in `make lint`, not from here.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def production_env(tmp_path) -> dict[str, str]:
    return os.environ | {
        "CITYBRIDGE_ENV": "production",
        "CITYBRIDGE_SECRET_KEY": "k" * 20 + "-production-only-secret-for-the-check-3f9a7c1e",
        "CITYBRIDGE_ALLOWED_HOSTS": "citybridge.example.org",
        "CITYBRIDGE_VAR_DIR": str(tmp_path),
        "CITYBRIDGE_SMTP_HOST": "smtp.example.org",
    }


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "citybridge.cli", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_without_an_smtp_server_sends_nothing_and_the_check_says_so(tmp_path):
    env = production_env(tmp_path) | {"CITYBRIDGE_SMTP_HOST": ""}
    result = subprocess.run(
        [sys.executable, "-m", "citybridge.cli", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "citybridge.W010" in result.stdout + result.stderr
    backend = read_settings(tmp_path, env, "EMAIL_BACKEND")
    assert backend.stdout.strip() == "django.core.mail.backends.dummy.EmailBackend"


def test_production_requires_mfa_by_default_and_can_turn_it_off(tmp_path):
    code = "import django; django.setup(); from django.conf import settings; print(settings.MFA_REQUIRED)"
    for extra, expected in (({}, "True"), ({"CITYBRIDGE_MFA_REQUIRED": "0"}, "False")):
        env = production_env(tmp_path) | {"DJANGO_SETTINGS_MODULE": "citybridge.settings"} | extra
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip() == expected


def test_pages_carry_a_content_security_policy(client, db):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy


def read_settings(tmp_path, extra: dict[str, str], name: str) -> subprocess.CompletedProcess:
    code = f"import citybridge.settings as s; print(s.{name})"
    env = os.environ | {"CITYBRIDGE_VAR_DIR": str(tmp_path)} | extra
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("CITYBRIDGE_DEBUG", "treu", "is not a yes/no value"),
        ("CITYBRIDGE_MFA_REQUIRED", "maybe", "is not a yes/no value"),
        ("CITYBRIDGE_SESSION_MAX_HOURS", "twelve", "is not a whole number"),
        ("CITYBRIDGE_RETENTION_DAYS", "0", "is below its least value, 1"),
        ("CITYBRIDGE_IMPORT_MAX_FILE_MB", "20MB", "is not a whole number"),
        ("CITYBRIDGE_TRUSTED_PROXIES", "-1", "is below its least value, 0"),
        ("CITYBRIDGE_ENV", "prod", "is not one of development, production"),
        ("CITYBRIDGE_LOG_LEVEL", "verbose", "is not one of DEBUG"),
        ("CITYBRIDGE_SMTP_PORT", "smtp", "is not a whole number"),
        ("CITYBRIDGE_SMTP_PORT", "70000", "is not a port (1 to 65535)"),
        ("CITYBRIDGE_SMTP_SECURITY", "tls", "is not one of starttls, ssl, none"),
        ("CITYBRIDGE_FROM_EMAIL", "hub at example.org", "is not an e-mail address"),
        ("CITYBRIDGE_SITE_URL", "citybridge.example.org", "is not a site address"),
        ("CITYBRIDGE_IATI_ORG_ID", "XM DAC 1", "is not an IATI organisation identifier"),
    ],
)
def test_a_bad_setting_stops_the_start_naming_the_variable(tmp_path, variable, value, says):
    result = read_settings(tmp_path, {variable: value}, "DEBUG")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{variable}={value!r} {says}" in result.stderr


@pytest.mark.parametrize(
    ("extra", "name", "expected"),
    [
        ({"CITYBRIDGE_DEBUG": " Off "}, "DEBUG", "False"),
        ({"CITYBRIDGE_DEBUG": "YES"}, "DEBUG", "True"),
        ({"CITYBRIDGE_SESSION_MAX_HOURS": " 8 "}, "SESSION_MAX_HOURS", "8"),
        ({"CITYBRIDGE_SESSION_MAX_HOURS": ""}, "SESSION_MAX_HOURS", "12"),
        ({"CITYBRIDGE_TRUSTED_PROXIES": "2"}, "TRUSTED_PROXIES", "2"),
        ({}, "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"),
        (
            {"CITYBRIDGE_SMTP_HOST": "smtp.example.org"},
            "EMAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend",
        ),
        ({"CITYBRIDGE_SMTP_SECURITY": "ssl"}, "EMAIL_PORT", "465"),
        (
            {"CITYBRIDGE_SMTP_SECURITY": "none", "CITYBRIDGE_SMTP_PORT": "8025"},
            "EMAIL_PORT",
            "8025",
        ),
        (
            {"CITYBRIDGE_FROM_EMAIL": "Hub <hub@example.org>"},
            "DEFAULT_FROM_EMAIL",
            "Hub <hub@example.org>",
        ),
        ({"CITYBRIDGE_SITE_URL": "https://cb.example.org/"}, "SITE_URL", "https://cb.example.org"),
    ],
)
def test_good_settings_are_read(tmp_path, extra, name, expected):
    result = read_settings(tmp_path, extra, name)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
