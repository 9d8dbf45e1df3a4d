from django import template

from .. import queries

register = template.Library()


@register.inclusion_tag("safeguarding/includes/talk_button.html", takes_context=True)
def talk_button(context):
    """ "I want to talk to someone" in the header of every signed-in pupil's screen; no badge, no count."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"show": bool(user and user.is_authenticated and user.is_pupil)}


@register.inclusion_tag("safeguarding/includes/dashboard_panel.html", takes_context=True)
def safeguarding_panel(context):
    """The teacher dashboard's safeguarding box: record a concern, the queue, and a school without designated staff."""
    request = context["request"]
    return queries.dashboard_summary(request.user)
