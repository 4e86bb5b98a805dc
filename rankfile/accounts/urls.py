from django.urls import path

from rankfile.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("signup/", views.signup, name="signup"),
    path("settings/", views.settings_view, name="settings"),
    path("password/", views.password_change, name="password"),
    path("delete/", views.delete, name="delete"),
    path("export/", views.export, name="export"),
    path("notifications/", views.notifications, name="notifications"),
]
