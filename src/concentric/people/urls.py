from django.urls import path

from concentric.people import (
    urls_io,
    views,
    views_board,
    views_categories,
    views_duplicates,
    views_forms,
    views_photo,
    views_records,
)

app_name = "people"

urlpatterns = [
    path("", views.PersonListView.as_view(), name="list"),
    path("new/", views_forms.PersonCreateView.as_view(), name="create"),
    path("bulk/", views.PersonBulkView.as_view(), name="bulk"),
    path("board/", views_board.StageBoardView.as_view(), name="board"),
    path("duplicates/", views_duplicates.DuplicateListView.as_view(), name="duplicates"),
    path("duplicates/<int:pk>/", views_duplicates.DuplicateDetailView.as_view(), name="duplicate"),
    path("duplicates/<int:pk>/merge/", views_duplicates.DuplicateMergeView.as_view(), name="duplicate_merge"),
    path("duplicates/<int:pk>/dismiss/", views_duplicates.DuplicateDismissView.as_view(), name="duplicate_dismiss"),
    path("categories/", views_categories.CategoryListView.as_view(), name="categories"),
    path("categories/new/", views_categories.CategoryCreateView.as_view(), name="category_create"),
    path("categories/<int:pk>/edit/", views_categories.CategoryEditView.as_view(), name="category_edit"),
    path("<int:pk>/", views.PersonDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views_forms.PersonEditView.as_view(), name="edit"),
    path("<int:pk>/delete/", views.PersonDeleteView.as_view(), name="delete"),
    path("<int:pk>/unmask/", views.PersonUnmaskView.as_view(), name="unmask"),
    path("<int:pk>/photo/", views_photo.PersonPhotoView.as_view(), name="photo"),
    path("<int:pk>/path/new/", views_records.PathEventCreateView.as_view(), name="path_create"),
    path("path/<int:pk>/delete/", views_records.PathEventDeleteView.as_view(), name="path_delete"),
    path("<int:pk>/tags/add/", views_records.TagAddView.as_view(), name="tag_add"),
    path("<int:pk>/tags/remove/", views_records.TagRemoveView.as_view(), name="tag_remove"),
]

for slug, create, edit, delete in views_records.record_views():
    urlpatterns += [
        path(f"<int:pk>/{slug}/new/", create.as_view(), name=f"{slug}_create"),
        path(f"{slug}/<int:pk>/edit/", edit.as_view(), name=f"{slug}_edit"),
        path(f"{slug}/<int:pk>/delete/", delete.as_view(), name=f"{slug}_delete"),
    ]

urlpatterns += urls_io.urlpatterns
