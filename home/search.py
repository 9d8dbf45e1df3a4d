"""Site search: live, public lessons and parent guides of one language."""

from wagtail.models import Page

from core.search import segment
from lessons.models import LessonPage
from parents.models import ParentGuidePage


def search_public_pages(query, *, locale):
    """Live, public parent guides and lessons of one language matching the query, best first.

    Chinese needs no spaces: the query is cut into words as the pages' `search_words` were. All words must
    match; if nothing does, any word may. The results are the specific pages (guide or lesson).
    """
    words = segment(query)
    if not words:
        return []
    pages = Page.objects.live().public().filter(locale=locale).type(ParentGuidePage, LessonPage).specific()
    results = pages.search(words, operator="and")
    if not results.count():
        results = pages.search(words, operator="or")
    return results
