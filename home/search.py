"""Site search: live, public lessons and parent guides of one language, and the age bands an age in the query fits."""

import re

from wagtail.models import Page

from core.search import segment
from curriculum.models import AgeBand
from lessons.models import LessonPage
from parents.models import ParentGuidePage, ParentsIndexPage

_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CHINESE_NUMBER = r"十[一二三四五六七八九]?|[一二两三四五六七八九]"
# "9岁", "9 周岁", "九岁", "十二岁"; "9-year-old", "9 year olds", "9 yrs old"; "age 9", "aged 9", "ages 9".
AGE_PATTERNS = (
    re.compile(rf"(\d{{1,2}}|{_CHINESE_NUMBER})\s*周?岁"),
    re.compile(r"\b(\d{1,2})\s*[- ]?\s*(?:years?|yrs?)\s*[- ]?\s*olds?\b", re.IGNORECASE),
    re.compile(r"\bage[sd]?\s+(\d{1,2})\b", re.IGNORECASE),
)


def _number(text):
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + _CHINESE_DIGITS.get(text[1:], 0)
    return _CHINESE_DIGITS[text]


def age_in_query(query):
    """(age, the rest of the query) if it names a child's age, such as "9岁" or "9-year-old"; else (None, query)."""
    for pattern in AGE_PATTERNS:
        match = pattern.search(query)
        if match:
            return _number(match.group(1)), (query[: match.start()] + " " + query[match.end() :]).strip()
    return None, query


def bands_for_query(query, *, locale):
    """The age bands of one language that fit an age named in the query ("9岁": grades 3 and 4), youngest first."""
    age, _rest = age_in_query(query)
    if age is None:
        return []
    return list(AgeBand.objects.filter(locale=locale).for_age(age))


def parents_index(locale):
    """The live parents' section of one language (where each band's guides are listed), or None."""
    return ParentsIndexPage.objects.live().public().filter(locale=locale).first()


def search_public_pages(query, *, locale):
    """Live, public parent guides and lessons of one language matching the query, best first.

    Chinese needs no spaces: the query is cut into words as the pages' `search_words` were. All words must
    match; if nothing does, any word may. A query that is only an age ("9岁", "9-year-old") lists the guides of
    the bands that age fits. The results are the specific pages (guide or lesson).
    """
    age, rest = age_in_query(query)
    pages = Page.objects.live().public().filter(locale=locale).type(ParentGuidePage, LessonPage).specific()
    words = segment(rest)
    if age is not None and not words:
        bands = AgeBand.objects.filter(locale=locale).for_age(age)
        guides = ParentGuidePage.objects.live().public().filter(locale=locale, age_band__in=bands)
        return pages.filter(pk__in=guides.values("pk")).order_by("path")
    if not words:
        return []
    results = pages.search(words, operator="and")
    if not results.count():
        results = pages.search(words, operator="or")
    return results
