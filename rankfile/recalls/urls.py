from django.urls import path

from rankfile.recalls import views

app_name = "recalls"

urlpatterns = [
    path("c/<slug:slug>/recalls/", views.petition_list, name="list"),
    path("c/<slug:slug>/recalls/<int:petition_id>/", views.petition_detail, name="detail"),
    path("c/<slug:slug>/recalls/<int:petition_id>/sign/", views.petition_sign, name="sign"),
    path(
        "c/<slug:slug>/recalls/<int:petition_id>/withdraw/",
        views.petition_withdraw,
        name="withdraw",
    ),
    path(
        "c/<slug:slug>/recalls/<int:petition_id>/statement/",
        views.petition_statement,
        name="statement",
    ),
]
