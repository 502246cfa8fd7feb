from django.urls import path, re_path

from concentric.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.HomePage.as_view(), name="home"),
    path("search/", views.SearchPage.as_view(), name="search"),
    path("columns/<int:pk>/", views.ColumnPage.as_view(), name="column"),
    path("items/<int:pk>/", views.ItemPage.as_view(), name="item"),
    path("items/<int:pk>/cover/", views.CoverFile.as_view(), name="cover"),
    path("images/<int:pk>/", views.ImageFile.as_view(), name="image"),
    path("files/<int:pk>/", views.AttachmentFile.as_view(), name="file"),
    # Any other address under the portal: the portal's own 404, not the platform's.
    re_path(r"^.+$", views.NotFoundPage.as_view(), name="not_found"),
]
