"""Import and export routes of the member registry; included under the ``people`` namespace."""

from django.urls import path

from concentric.people import views_io

urlpatterns = [
    path("import/", views_io.ImportView.as_view(), name="import"),
    path("import/template/", views_io.ImportTemplateView.as_view(), name="import_template"),
    path("import/<int:pk>/", views_io.ImportJobView.as_view(), name="import_job"),
    path("export/", views_io.PersonExportView.as_view(), name="export"),
]
