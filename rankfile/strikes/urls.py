app_name = "strikes"
urlpatterns: list = []
