"""WSGI entry point, kept for management tooling and WSGI-only hosts."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings.base")
application = get_wsgi_application()
