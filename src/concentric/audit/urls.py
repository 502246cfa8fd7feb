from django.urls import path

from concentric.audit.crud import AuditEventCrud
from concentric.audit.views import AuditVerifyPage

app_name = "audit"

# Read, export and check only: no route edits or deletes an audit event.
urlpatterns = [*AuditEventCrud.urls(), path("verify/", AuditVerifyPage.as_view(), name="verify")]
