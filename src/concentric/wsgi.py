import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concentric.settings")
application = get_wsgi_application()

from concentric.core.heap import prepare_for_requests  # noqa: E402 (after Django is set up)

prepare_for_requests()
