from concentric.people import views, views_board, views_photo, views_records
from concentric.people.crud import RECORDS, CategoryCrud, DuplicateCrud, PersonCrud
from concentric.people.models import DuplicateCase, PathEvent

app_name = "people"

urlpatterns = [
    *PersonCrud.urls(),
    *CategoryCrud.urls(),
    *DuplicateCrud.urls(),
    *(route for records in RECORDS for route in records.urls()),
    PersonCrud.route("bulk/", views.PersonBulkPage, "bulk"),
    PersonCrud.route("board/", views_board.StageBoardPage, "board"),
    PersonCrud.route("<int:pk>/photo/", views_photo.PersonPhotoPage, "photo"),
    PersonCrud.route("<int:pk>/path/new/", views_records.PathEventCreatePage, "path_create"),
    PersonCrud.route("path/<int:pk>/delete/", views_records.PathEventDeletePage, "path_delete", model=PathEvent),
    PersonCrud.route("<int:pk>/tags/add/", views_records.TagAddPage, "tag_add"),
    PersonCrud.route("<int:pk>/tags/remove/", views_records.TagRemovePage, "tag_remove"),
    DuplicateCrud.route("duplicates/<int:pk>/merge/", views.DuplicateMergePage, "duplicate_merge", model=DuplicateCase),
    DuplicateCrud.route(
        "duplicates/<int:pk>/dismiss/", views.DuplicateDismissPage, "duplicate_dismiss", model=DuplicateCase
    ),
]
