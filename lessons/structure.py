"""What a lesson's translations must share: the same steps, of the same types, with the same choices.

The content pack refuses a pack whose languages differ (contentpack/reader.py); the page editor warns
when a save makes one language differ from the others (lessons/wagtail_hooks.py). Both use these."""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

STEPS_DIFFER = _("the %(first)s and %(other)s steps differ in type, order or choices; keep them the same")


def steps_shape(steps):
    """Each step's type and its options' safe flags, in order.

    `steps` is a lesson's `steps` StreamValue or the content pack's list of step mappings
    ({"type": …, "options": [{"safe": …}, …]}); both give the same shape for the same lesson."""
    return [_step_shape(step) for step in steps]


def _step_shape(step):
    if isinstance(step, Mapping):
        kind, value = step.get("type"), step
    else:
        kind, value = step.block_type, step.value
    options = (value.get("options") if isinstance(value, Mapping) else None) or []
    return kind, tuple(bool(option.get("safe")) for option in options)
