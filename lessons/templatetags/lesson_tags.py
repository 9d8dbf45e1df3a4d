from django import template

register = template.Library()


@register.filter
def chosen_option(value, index):
    """The option a pupil picked in a "what would you do?" step, or None."""
    return value.chosen(index)
