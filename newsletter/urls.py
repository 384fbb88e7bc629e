from django.urls import path

from newsletter import views

app_name = "newsletter"
urlpatterns = [
    path("", views.signup, name="signup"),
    path("check-your-inbox/", views.check_inbox, name="check-inbox"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:secret>/", views.unsubscribe, name="unsubscribe"),
    path("account/", views.account, name="account"),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    path("archive/<slug:slug>/", views.IssueView.as_view(), name="issue"),
]
