"""The pages of an activity's photos and attachments (core.kit.files), under activities/."""

from concentric.activities.files import ActivityFiles

app_name = "activity_files"
urlpatterns = ActivityFiles.urls()
