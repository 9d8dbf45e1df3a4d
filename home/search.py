"""Site search: live, public lessons and parent guides of one language."""

from wagtail.models import Page

from core.search import segment
from lessons.models import LessonPage
from parents.models import ParentGuidePage


def search_public_pages(query, *, locale):
    """Live, public parent guides and lessons of one language matching the query, best first.

    Chinese needs no spaces: the query is cut into words as the pages' `search_words` were. All words must
    match; if nothing does, any word may.
    """
    words = segment(query)
    if not words:
        return []
    pages = Page.objects.live().public().filter(locale=locale).type(ParentGuidePage, LessonPage)
    results = pages.search(words, operator="and")
    if not results.count():
        results = pages.search(words, operator="or")
    return SpecificResults(results)


class SpecificResults:
    """Search results that hand out the specific pages (guide or lesson) of each slice, in two or three queries."""

    def __init__(self, results):
        self.results = results

    def count(self):
        return self.results.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        pages = list(self.results[key])
        specific = Page.objects.filter(pk__in=[p.pk for p in pages]).specific().in_bulk()
        return [specific[p.pk] for p in pages if p.pk in specific]
