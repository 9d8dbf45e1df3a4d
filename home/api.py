"""Wagtail API v2: public, read-only, and lessons listed without per-lesson queries."""

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from core.search import segment
from lessons.models import LessonPage


class _Query:
    """The request as SearchFilter reads it (`GET`), with the search words replaced."""

    def __init__(self, request, words):
        self.GET = request.GET.copy()
        self.GET["search"] = words


class WordSearchFilter(SearchFilter):
    """Search the words of the query, cut as the site search cuts them; quotes and other punctuation are dropped.

    A bare `"` reached SQLite's full-text engine as a syntax error (a 500)."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        words = segment(request.GET["search"])
        if not words:
            return queryset.none()
        return super().filter_queryset(_Query(request, words), queryset, view)


class PagesAPI(PagesAPIViewSet):
    filter_backends = [*PagesAPIViewSet.filter_backends[:-1], WordSearchFilter]

    def get_queryset(self):
        queryset = super().get_queryset().select_related("locale")
        if queryset.model is LessonPage:
            queryset = queryset.prefetch_related("strands")
        return queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPI)
