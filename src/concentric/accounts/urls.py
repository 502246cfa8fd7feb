from django.urls import path

from concentric.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("otp/", views.OTPView.as_view(), name="otp"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
]
