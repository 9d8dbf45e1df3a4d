"""Wagtail API v2: public, read-only, and lessons listed without per-lesson queries."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from lessons.models import LessonPage


class PagesAPI(PagesAPIViewSet):
    def get_queryset(self):
        queryset = super().get_queryset().select_related("locale")
        if queryset.model is LessonPage:
            queryset = queryset.prefetch_related("strands")
        return queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPI)
