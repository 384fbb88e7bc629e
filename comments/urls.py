from django.urls import path

from blog.selectors import page_cache_timeout
from cctvfocus.pagecache import cache_public_page
from comments import feeds, views

app_name = "comments"
urlpatterns = [
    path("blog/<slug:slug>/comments/", views.post_comment, name="post"),
    path(
        "blog/<slug:slug>/comments/feed/",
        cache_public_page(timeout=page_cache_timeout)(feeds.PostCommentsFeed()),
        name="feed",
    ),
    path("comments/moderate/<str:token>/", views.moderate, name="moderate"),
    path(
        "comments/notifications/stop/<str:token>/",
        views.stop_notifications,
        name="stop-notifications",
    ),
    path("comments/<int:pk>/delete/", views.delete_own, name="delete"),
]
