import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citybridge.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402

if settings.PRODUCTION:
    # A production web process refuses to start on a database with demo users (citybridge.E001).
    from django.core.management import call_command

    call_command("check", databases=["default"], fail_level="ERROR")
