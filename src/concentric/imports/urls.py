"""The pages of every registered import kind, under the kind's name: /people/import/ …"""

from django.urls import path

from concentric.imports import views

app_name = "imports"

urlpatterns = [
    path("<slug:kind>/import/", views.ImportPage.as_view(), name="upload"),
    path("<slug:kind>/import/template/", views.ImportTemplatePage.as_view(), name="template"),
    path("<slug:kind>/import/<int:pk>/", views.ImportJobPage.as_view(), name="job"),
]
