"""nginx for the tests, run as deploy/nginx.conf says: the site sample inside a main
configuration of the test's own (its pid, logs and temporary files in the test's folder), with a
self-signed certificate in Let's Encrypt's place."""

from __future__ import annotations

import getpass
import shutil
import subprocess
from pathlib import Path

NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
OPENSSL = shutil.which("openssl")
LETS_ENCRYPT = "/etc/letsencrypt/live/citybridge.example.org/"


def certificate(directory: Path, host: str) -> None:
    """cert.pem and key.pem in `directory`, for `host` (a name, or an IP address by its SAN)."""
    alternative = f"IP:{host}" if host.replace(".", "").isdigit() else f"DNS:{host}"
    subprocess.run(
        [
            str(OPENSSL), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", f"/CN={host}", "-addext", f"subjectAltName={alternative}",
            "-keyout", str(directory / "key.pem"), "-out", str(directory / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip


def configure(directory: Path, site: str, logs: Path) -> Path:
    """The site (its certificate paths pointed at `directory`'s) in a main configuration whose
    workers run as the test's user (`user` means nothing unless nginx starts as root)."""
    site = site.replace(LETS_ENCRYPT + "fullchain.pem", str(directory / "cert.pem"))
    site = site.replace(LETS_ENCRYPT + "privkey.pem", str(directory / "key.pem"))
    (directory / "site.conf").write_text(site)
    temporary = "".join(
        f"  {kind}_temp_path {directory}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    main = directory / "nginx.conf"
    main.write_text(
        f"user {getpass.getuser()};\nworker_processes 1;\npid {directory}/nginx.pid;\n"
        f"error_log {logs}/nginx-error.log;\nevents {{}}\nhttp {{\n"
        f"  include /etc/nginx/mime.types;\n  access_log {logs}/nginx-access.log;\n"
        f"{temporary}  include {directory}/site.conf;\n}}\n"
    )
    return main
