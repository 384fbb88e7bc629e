from django.urls import path

from contact import views

app_name = "contact"
urlpatterns = [
    path("", views.enquiry, name="enquiry"),
    path("thanks/", views.thanks, name="thanks"),
]
