from django.urls import path

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
]
