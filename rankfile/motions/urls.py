app_name = "motions"
urlpatterns: list = []
