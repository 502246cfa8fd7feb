from concentric.activities import views
from concentric.activities.crud import ActivityCrud, ActivityTypeCrud, ParticipantCrud
from concentric.activities.models import Participant

app_name = "activities"

urlpatterns = [
    *ActivityTypeCrud.urls(),
    *ParticipantCrud.urls(),
    *ActivityCrud.urls(),
    ActivityCrud.route("<int:pk>/status/", views.ActivityStatusPage, "status"),
    ActivityCrud.route("<int:pk>/members/", views.MemberSearchPage, "member_search"),
    ActivityCrud.route("<int:pk>/participants/member/", views.MemberAddPage, "participant_add_member"),
    ActivityCrud.route("<int:pk>/participants/guest/", views.GuestAddPage, "participant_add_guest"),
    ActivityCrud.route("<int:pk>/participants/all-present/", views.AllPresentPage, "all_present"),
    ActivityCrud.route("participants/<int:pk>/", views.ParticipantChangePage, "participant_change", model=Participant),
    ActivityCrud.route(
        "participants/<int:pk>/remove/", views.ParticipantRemovePage, "participant_remove", model=Participant
    ),
]
