from django import forms
from django.utils.translation import gettext_lazy as _


class AssignForm(forms.Form):
    lessons = forms.ModelMultipleChoiceField(
        label=_("Lessons"), queryset=None, widget=forms.CheckboxSelectMultiple, required=True
    )
    due_date = forms.DateField(
        label=_("Due date (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note for the class (optional)"), max_length=200, required=False)

    def __init__(self, *args, lessons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lessons"].queryset = lessons
