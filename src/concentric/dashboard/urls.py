from django.urls import path

from concentric.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.DashboardPage.as_view(), name="index"),
    path("export/", views.DashboardExport.as_view(), name="export"),
]
