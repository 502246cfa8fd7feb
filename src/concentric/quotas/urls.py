from concentric.quotas.crud import CalendarDayCrud, QuotaRuleCrud
from concentric.quotas.views import BoardPage

app_name = "quotas"
urlpatterns = [
    QuotaRuleCrud.route("", BoardPage, "board"),
    *QuotaRuleCrud.urls(),
    *CalendarDayCrud.urls(),
]
