"""deploy/'s samples are what their programs accept: nginx's own `-t` on the site as shipped
(with a stand-in certificate in Let's Encrypt's place), Caddy's `validate`, and
`systemd-analyze verify` on the units and the timer (with this checkout's programs in
/srv/citybridge/.venv's place). Each is skipped, saying so, where its program is not installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from citybridge.operations.tests import nginx

ROOT = Path(__file__).resolve().parents[3]
NGINX, OPENSSL = nginx.NGINX, nginx.OPENSSL
CADDY, SYSTEMD_ANALYZE = (shutil.which(tool) for tool in ("caddy", "systemd-analyze"))


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed")
@pytest.mark.skipif(OPENSSL is None, reason="openssl is not installed")
def test_nginx_takes_the_sample(tmp_path):
    nginx.certificate(tmp_path, "citybridge.example.org")
    main = nginx.configure(tmp_path, (ROOT / "deploy/nginx.conf").read_text(), tmp_path)
    checked = subprocess.run(
        [str(NGINX), "-t", "-p", str(tmp_path), "-c", str(main)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert "[emerg]" not in checked.stderr


@pytest.mark.skipif(CADDY is None, reason="Caddy is not installed")
def test_caddy_takes_the_sample():
    checked = subprocess.run(
        [
            str(CADDY),
            "validate",
            "--adapter",
            "caddyfile",
            "--config",
            str(ROOT / "deploy/Caddyfile"),
        ],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert "Valid configuration" in checked.stdout + checked.stderr


@pytest.mark.skipif(SYSTEMD_ANALYZE is None, reason="systemd-analyze is not installed")
def test_systemd_takes_the_units(tmp_path):
    units = sorted(p.name for p in (ROOT / "deploy").glob("citybridge-*.*"))
    assert units == [
        "citybridge-run-due.service",
        "citybridge-run-due.timer",
        "citybridge-web.service",
        "citybridge-worker.service",
    ]
    for name in units:
        text = (ROOT / "deploy" / name).read_text()
        (tmp_path / name).write_text(
            text.replace("/srv/citybridge/.venv/bin/", f"{Path(sys.executable).parent}/")
        )
    checked = subprocess.run(
        [str(SYSTEMD_ANALYZE), "verify", *(str(tmp_path / name) for name in units)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.strip() == ""
