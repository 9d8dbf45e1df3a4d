"""Progress adds to screens of the apps below it through their hooks."""

from django.utils.translation import gettext as _
from wagtail import hooks

from classrooms.hooks import DASHBOARD_LINKS

from . import queries


@hooks.register(DASHBOARD_LINKS)
def present_next_lesson(request, classrooms):
    """Each class's card on the dashboard offers, in one click, present mode for the lesson it is likely to be
    taught next."""
    return {
        pk: [
            {
                "url": lesson.present_url(request),
                "label": _("Present to the class: %(title)s") % {"title": lesson.title},
            }
        ]
        for pk, lesson in queries.lessons_to_present(classrooms).items()
    }
