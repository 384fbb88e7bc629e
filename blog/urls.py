from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from blog import feeds, views
from blog.selectors import page_cache_timeout
from blog.sitemaps import SITEMAPS
from cctvfocus.pagecache import cache_public_page

app_name = "blog"

# Feeds and sitemaps are cached like pages: until content changes.
cached = cache_public_page(timeout=page_cache_timeout)

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("blog/", views.PostListView.as_view(), name="post-list"),
    path("blog/category/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path(
        "blog/category/<slug:slug>/feed/",
        cached(feeds.CategoryFeed()),
        name="category-feed",
    ),
    path("blog/tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("blog/tag/<slug:slug>/feed/", cached(feeds.TagFeed()), name="tag-feed"),
    path("blog/author/<str:username>/", views.AuthorView.as_view(), name="author"),
    re_path(
        r"^blog/(?P<year>(?:19|20)[0-9]{2})/$",
        views.YearArchive.as_view(),
        name="archive-year",
    ),
    re_path(
        r"^blog/(?P<year>(?:19|20)[0-9]{2})/(?P<month>0[1-9]|1[0-2])/$",
        views.MonthArchive.as_view(),
        name="archive-month",
    ),
    path("blog/<slug:slug>/", views.PostDetailView.as_view(), name="post-detail"),
    path("blog/<slug:slug>/viewed/", views.post_viewed, name="post-viewed"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feed/", cached(feeds.LatestPostsFeed()), name="feed"),
    path("feed/atom/", cached(feeds.LatestPostsAtomFeed()), name="feed-atom"),
    path(
        "sitemap.xml",
        cached(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "blog:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cached(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS, "template_name": "blog/sitemap.xml"},
        name="sitemap-section",
    ),
]
