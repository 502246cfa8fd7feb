from django.urls import path

from concentric.accounts.api.views import OwnTokenView

urlpatterns = [
    path("auth/token/", OwnTokenView.as_view(), name="token"),
]
