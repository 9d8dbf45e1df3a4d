from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from wagtail.models import Locale

from core.caching import cache_for_visitors

from .search import bands_for_query, parents_index, search_public_pages

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 100


def search(request):
    """Parent guides and lesson summaries in the visitor's language that match the query, ten to a page."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    locale = Locale.objects.filter(language_code=get_language()).first()
    results = search_public_pages(query, locale=locale) if query and locale else []
    bands = bands_for_query(query, locale=locale) if query and locale else []
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "query": query,
        "results": page,
        "age_bands": bands,
        "parents_index": parents_index(locale) if bands else None,
    }
    response = TemplateResponse(request, "home/search.html", context)
    return cache_for_visitors(request, response)
