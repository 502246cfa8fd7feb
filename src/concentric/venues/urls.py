from concentric.venues.crud import BookingCrud, RoomCrud, RoomFunctionCrud, RoomRecords, VenueCrud
from concentric.venues.views import BookingCancelPage, VenueCalendarPage
from concentric.venues.views_usage import UsageExportPage, UsagePage

app_name = "venues"

urlpatterns = [
    *VenueCrud.urls(),
    VenueCrud.route("<int:pk>/calendar/", VenueCalendarPage, "calendar"),
    *RoomRecords.urls(),
    *RoomCrud.urls(),
    *BookingCrud.urls(),
    BookingCrud.route("bookings/<int:pk>/cancel/", BookingCancelPage, "booking_cancel"),
    BookingCrud.route("usage/", UsagePage, "usage"),
    BookingCrud.route("usage/export/", UsageExportPage, "usage_export"),
    *RoomFunctionCrud.urls(),
]
