from django.urls import path

from sportloket.knowledge.views import articles, attachments, follows, public

app_name = "knowledge"

urlpatterns = [
    path("<slug:loket_slug>/knowledge/", articles.ArticleListView.as_view(), name="article-list"),
    path(
        "<slug:loket_slug>/knowledge/new/",
        articles.ArticleCreateView.as_view(),
        name="article-create",
    ),
    path(
        "<slug:loket_slug>/knowledge/follow/",
        follows.FollowDesksView.as_view(),
        name="follow",
    ),
    path(
        "<slug:loket_slug>/knowledge/<int:pk>/",
        articles.ArticleDetailView.as_view(),
        name="article-detail",
    ),
    path(
        "<slug:loket_slug>/knowledge/<int:pk>/edit/",
        articles.ArticleEditView.as_view(),
        name="article-edit",
    ),
    path(
        "<slug:loket_slug>/knowledge/<int:pk>/archive/",
        articles.ArticleArchiveView.as_view(),
        name="article-archive",
    ),
    path(
        "<slug:loket_slug>/knowledge/attachments/<int:pk>/",
        attachments.AttachmentView.as_view(),
        name="attachment",
    ),
    path(
        "<slug:loket_slug>/knowledge/attachments/<int:pk>/remove/",
        attachments.AttachmentRemoveView.as_view(),
        name="attachment-remove",
    ),
    # Public: no account needed; only the desk's public articles.
    path("<slug:loket_slug>/kennis/", public.PublicArticleListView.as_view(), name="public-list"),
    path(
        "<slug:loket_slug>/kennis/<int:pk>/",
        public.PublicArticleDetailView.as_view(),
        name="public-detail",
    ),
    path(
        "<slug:loket_slug>/kennis/bijlagen/<int:pk>/",
        attachments.PublicAttachmentView.as_view(),
        name="public-attachment",
    ),
]
