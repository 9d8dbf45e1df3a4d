"""Site chrome on every page: the main navigation and the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import RevisionMixin, TranslatableMixin

from core.caching import kept
from core.preview import translation_preview_links
from lessons.models import CurriculumPage
from parents.models import ParentsIndexPage

register = template.Library()


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this same page in every other language; the home page of that language if it has no translation.
    In an admin preview, links to the preview of the other language's version instead (core.preview)."""
    request = context["request"]
    page = context.get("page")
    if getattr(request, "is_preview", False):
        previewed = context.get("object")  # a snippet's preview (quiz, help contacts, reporting procedure)
        if not (isinstance(previewed, TranslatableMixin) and isinstance(previewed, RevisionMixin)):
            previewed = page
        if isinstance(previewed, TranslatableMixin) and previewed.pk:
            return {"links": translation_preview_links(previewed, getattr(request, "preview_mode", ""))}
        return {"links": []}
    current = get_language()
    links = []
    if page is not None and getattr(page, "pk", None):
        page_url, urls = kept(
            f"switch:{request.get_host()}:{page.pk}:{current}",
            lambda: translation_urls(request, page),
            depends_on=page.translation_key,
        )
        suffix = request.path[len(page_url) :] if page_url and request.path.startswith(page_url) else ""
        for code, name in settings.LANGUAGES:
            if code == current:
                continue
            url = urls[code] + suffix if urls.get(code) else f"/{code}/"
            links.append({"code": code, "name": name, "url": url})
    else:
        for code, name in settings.LANGUAGES:
            if code != current:
                links.append({"code": code, "name": name, "url": translate_url(request.get_full_path(), code)})
    return {"links": links}


def translation_urls(request, page):
    """The page's own URL and that of each of its live translations, by language: the same for every visitor, so
    kept in the shared cache until the page (in any language) is published, unpublished or moved. The part of the
    visitor's path below the page (a step, a quiz screen) is added per request and never kept."""
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return page.get_url(request) or "", {p.locale.language_code: p.get_url(request) for p in translations}


@register.inclusion_tag("components/main_nav.html", takes_context=True)
def main_nav(context):
    """The sections of the current language's site; none for a signed-in pupil, whose header offers only
    My lessons, Get help, Sign out and the language switch."""
    request = context["request"]
    if getattr(request.user, "is_pupil", False):
        return {"hidden": True}
    language = get_language()
    curriculum = CurriculumPage.objects.live().filter(locale__language_code=language).first()
    parents = ParentsIndexPage.objects.live().filter(locale__language_code=language).first()
    return {
        "home_url": f"/{language}/",
        "curriculum_url": curriculum.get_url(request) if curriculum else None,
        "parents_url": parents.get_url(request) if parents else None,
        "current_path": request.path,
    }
