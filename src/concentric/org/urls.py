from concentric.org.crud import OrgUnitCrud

app_name = "org"

urlpatterns = OrgUnitCrud.urls()
