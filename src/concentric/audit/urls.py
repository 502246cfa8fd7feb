from django.urls import path

from concentric.audit import views

app_name = "audit"

# Read, export and check only: no route edits or deletes an audit event.
urlpatterns = [
    path("", views.AuditEventListView.as_view(), name="list"),
    path("export/", views.AuditEventExportView.as_view(), name="export"),
    path("verify/", views.AuditVerifyView.as_view(), name="verify"),
    path("<int:pk>/", views.AuditEventDetailView.as_view(), name="detail"),
]
