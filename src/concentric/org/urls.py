from django.urls import path

from concentric.org import views

app_name = "org"

urlpatterns = [
    path("", views.OrgUnitListView.as_view(), name="list"),
    path("new/", views.OrgUnitCreateView.as_view(), name="create"),
    path("export/", views.OrgUnitExportView.as_view(), name="export"),
    path("<int:pk>/", views.OrgUnitDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.OrgUnitEditView.as_view(), name="edit"),
    path("<int:pk>/delete/", views.OrgUnitDeleteView.as_view(), name="delete"),
]
