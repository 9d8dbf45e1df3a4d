"""Admin forms shared by the content apps: choosers offer only items in the edited item's own language."""

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import TranslatableMixin


class SameLanguageChoicesMixin:
    """Every choice field of translatable items (strands, outcomes, bands, quizzes, pages) lists only the items in
    the language of the page or snippet being edited, so a Chinese lesson is never offered an English strand.
    The models' own checks still refuse another language's item if one is posted."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = getattr(self.instance, "locale_id", None)
        if locale_id is None:
            return
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and issubclass(queryset.model, TranslatableMixin):
                field.queryset = queryset.filter(locale_id=locale_id)


class SameLanguagePageForm(SameLanguageChoicesMixin, WagtailAdminPageForm):
    pass


class SameLanguageModelForm(SameLanguageChoicesMixin, WagtailAdminModelForm):
    pass
