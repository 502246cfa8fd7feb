from django.urls import path

from concentric.rollups import views

app_name = "rollups"

urlpatterns = [
    path("records/", views.RecordsPage.as_view(), name="records"),
]
