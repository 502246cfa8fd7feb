from django.urls import path

from concentric.quotas.api.views import QuotaBoardApiView

urlpatterns = [path("quotas/board/", QuotaBoardApiView.as_view(), name="quota-board")]
