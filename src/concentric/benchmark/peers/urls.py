from django.urls import include, path

from concentric.benchmark.peers.admin import site

# The application's own routes beside the stock admin (named by string: the bench sits below the shell).
urlpatterns = [path("peer-admin/", site.urls), path("", include("concentric.shell.urls"))]
