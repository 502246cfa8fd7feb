from django.urls import path

from concentric.accounts import views_users as views

app_name = "users"

urlpatterns = [
    path("", views.UserListView.as_view(), name="list"),
    path("new/", views.UserCreateView.as_view(), name="create"),
    path("<int:pk>/", views.UserDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.UserEditView.as_view(), name="edit"),
    path("<int:pk>/roles/grant/", views.GrantRoleView.as_view(), name="grant"),
    path("roles/<int:pk>/revoke/", views.RevokeRoleView.as_view(), name="revoke"),
    path("<int:pk>/unmask/", views.UnmaskView.as_view(), name="unmask"),
    path("<int:pk>/password/", views.ResetPasswordView.as_view(), name="reset_password"),
    path("<int:pk>/otp/reset/", views.ResetOTPView.as_view(), name="reset_otp"),
]
