from django import template

from classrooms.queries import pupil_for

register = template.Library()


@register.inclusion_tag("classrooms/includes/nav_links.html", takes_context=True)
def classroom_nav(context):
    """Header links for the classroom area: My lessons and Sign out for a pupil, My classes for staff."""
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "signed_in": signed_in,
        "pupil": pupil_for(user) if signed_in else None,
        "csrf_token": context.get("csrf_token"),
        "current_path": request.path if request else "",
    }
