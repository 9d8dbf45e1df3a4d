from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from wagtail.models import Locale

from core.caching import SEARCH, shared_copy

from .search import bands_for_query, parents_index, search_public_pages

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 100


def search(request):
    """Parent guides and lesson summaries in the visitor's language that match the query, ten to a page.

    Anonymous visitors' results are kept in the shared page cache by the full address (query and page
    included) until any page is published, unpublished, moved or deleted."""
    return shared_copy(request, lambda: _search(request), depends_on=SEARCH, query=True)


def _search(request):
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
    return TemplateResponse(request, "home/search.html", context)
