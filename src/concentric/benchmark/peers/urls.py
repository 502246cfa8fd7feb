from django.urls import path

from concentric.benchmark.peers.admin import site
from concentric.urls import urlpatterns as concentric_urlpatterns

urlpatterns = [path("peer-admin/", site.urls), *concentric_urlpatterns]
