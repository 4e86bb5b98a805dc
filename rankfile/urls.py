from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("", include("rankfile.committees.urls")),
    path("account/", include("rankfile.accounts.urls")),
    path("", include("rankfile.strikes.urls")),
    path("", include("rankfile.meetings.urls")),
    path("", include("rankfile.motions.urls")),
    path("", include("rankfile.votes.urls")),
    path("", include("rankfile.recalls.urls")),
    path("", include("rankfile.mandates.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
]
