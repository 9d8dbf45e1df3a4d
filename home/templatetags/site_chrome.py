"""Site chrome on every page: the main navigation and the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import RevisionMixin, TranslatableMixin

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
        page_url = page.get_url(request) or ""
        suffix = request.path[len(page_url) :] if page_url and request.path.startswith(page_url) else ""
        translations = {
            p.locale.language_code: p for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
        for code, name in settings.LANGUAGES:
            if code == current:
                continue
            target = translations.get(code)
            url = target.get_url(request) + suffix if target else f"/{code}/"
            links.append({"code": code, "name": name, "url": url})
    else:
        for code, name in settings.LANGUAGES:
            if code != current:
                links.append({"code": code, "name": name, "url": translate_url(request.get_full_path(), code)})
    return {"links": links}


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
