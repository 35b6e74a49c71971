"""The WSGI entry point that ``jalin serve`` hands to the web server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalin.settings")
application = get_wsgi_application()
