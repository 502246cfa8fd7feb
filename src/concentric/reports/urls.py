from django.urls import path

from concentric.reports import views
from concentric.reports.crud import GroupCrud, WordingCrud

app_name = "reports"

urlpatterns = [
    path("", views.ReviewPage.as_view(), name="review"),
    path("download/", views.DownloadPage.as_view(), name="download"),
    path("freeze/", views.FreezePage.as_view(), name="freeze"),
    path("versions/<int:pk>/download/", views.VersionDownloadPage.as_view(), name="version_download"),
    path("word-template/", views.WordTemplatePage.as_view(), name="word_template"),
    path("word-template/download/", views.WordTemplateDownloadPage.as_view(), name="word_template_download"),
    *GroupCrud.urls(),
    *WordingCrud.urls(),
]
