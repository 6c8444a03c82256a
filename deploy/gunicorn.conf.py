"""gunicorn's configuration for CityBridge: `gunicorn -c deploy/gunicorn.conf.py citybridge.wsgi`.

Each value can be changed without editing this file through the environment variables named
below (systemd's EnvironmentFile, deploy/citybridge.env)."""

import multiprocessing
import os

# Behind the proxy on the same machine; the proxy alone is reachable from outside.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# About two per core plus one: the pages are short database-bound requests.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# The longest page (a brief's preview on a large hub) is a few seconds; the proxy waits a little
# longer (proxy_read_timeout 75s), so gunicorn answers or gives up first.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Renew each worker now and then, so no slow growth of memory lasts.
max_requests = 2000
max_requests_jitter = 200
# The application is loaded once and shared by the workers' memory.
preload_app = True
# CityBridge writes its own JSON lines (operations.logs); gunicorn's access log would repeat
# every request with the client's address, which the proxy's log already has.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# Only the proxy on this machine may say the request came over HTTPS.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
