"""Admin hooks of the lessons: a warning when an edit makes a lesson's languages differ."""

from django.contrib import messages
from django.utils.text import capfirst
from wagtail import hooks

from .models import LessonPage
from .structure import STEPS_DIFFER


@hooks.register("after_edit_page")
def warn_when_translations_differ(request, page):
    """Saving still works (a translator may be halfway through), but the editor hears at once that the steps no
    longer match another language's, with the message the content pack gives when it refuses such a pack."""
    if not isinstance(page, LessonPage):
        return
    for other in page.translations_with_other_steps():
        problem = STEPS_DIFFER % {"first": page.locale.get_display_name(), "other": other.locale.get_display_name()}
        messages.warning(request, capfirst(problem))
