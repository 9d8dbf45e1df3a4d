from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import short_date

from .models import Assignment


class DueDateMixin:
    """A due date in the past is accepted only when the teacher submits again with `confirm=1`."""

    def clean(self):
        cleaned = super().clean()
        due_date = cleaned.get("due_date")
        self.needs_confirmation = False
        if due_date and due_date < timezone.localdate() and not cleaned.get("confirm"):
            self.needs_confirmation = True
            raise forms.ValidationError(
                _("%(date)s is in the past. Choose another date, or save again to keep it.")
                % {"date": short_date(due_date)},
                code="past_due_date",
            )
        return cleaned


class AssignForm(DueDateMixin, forms.Form):
    lessons = forms.ModelMultipleChoiceField(
        label=_("Lessons"), queryset=None, widget=forms.CheckboxSelectMultiple, required=True
    )
    due_date = forms.DateField(
        label=_("Due date (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note for the class (optional)"), max_length=200, required=False)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, lessons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lessons"].queryset = lessons


class AssignmentForm(DueDateMixin, forms.ModelForm):
    """The due date and note of one assignment, edited in place."""

    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Assignment
        fields = ["due_date", "note"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
