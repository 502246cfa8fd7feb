"""The project's URLs plus a stand-in people:detail route, until the people pages exist."""

from django.http import HttpResponse
from django.urls import include, path

from concentric.urls import urlpatterns as project_urlpatterns


def detail(request, pk):
    return HttpResponse(str(pk))


detail.access = "detail"

people_patterns = ([path("people/<int:pk>/", detail, name="detail")], "people")
urlpatterns = [*project_urlpatterns, path("", include(people_patterns))]
