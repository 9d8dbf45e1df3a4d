import os

from django.core.asgi import get_asgi_application

# A server started without DJANGO_SETTINGS_MODULE runs production (DEBUG off); manage.py keeps dev.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_asgi_application()
