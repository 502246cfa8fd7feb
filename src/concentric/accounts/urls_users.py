from concentric.accounts import views_users as views
from concentric.accounts.crud import UserCrud
from concentric.accounts.models import RoleAssignment

app_name = "users"

urlpatterns = [
    *UserCrud.urls(),
    UserCrud.route("<int:pk>/roles/grant/", views.GrantRolePage, "grant"),
    UserCrud.route("roles/<int:pk>/revoke/", views.RevokeRolePage, "revoke", model=RoleAssignment),
    UserCrud.route("<int:pk>/password/", views.ResetPasswordPage, "reset_password"),
    UserCrud.route("<int:pk>/otp/reset/", views.ResetOTPPage, "reset_otp"),
]
