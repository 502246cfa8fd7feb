import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concentric.settings")
application = get_wsgi_application()

# What start-up loaded (modules, settings, URL patterns, templates compiled later are not in it)
# lives as long as the process: out of the collector's sight, full collections no longer walk it
# during requests, and forked workers keep sharing its memory pages.
gc.collect()
gc.freeze()
