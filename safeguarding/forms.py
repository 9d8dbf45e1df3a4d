import uuid

from django import forms
from django.forms import modelformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from classrooms.models import Membership, Pupil, School
from core.grades import is_early_reader

from .models import Agency, SchoolSafeguarding, Status, Topic, Urgency, Wants

PUPIL_TEXT_LIMIT = 500
STAFF_TEXT_LIMIT = 5000
LATE_ALLOWANCE = timezone.timedelta(minutes=5)  # a clock a little fast is not "in the future"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class SubmissionKeyMixin:
    """A hidden key made when the form is shown: submitting the same form twice stores one concern."""

    def add_key(self):
        self.fields["key"] = forms.CharField(widget=forms.HiddenInput, initial=uuid.uuid4, required=False)

    def clean_key(self):
        """A missing or broken key (a tampered form) only loses the double-submit protection."""
        try:
            return uuid.UUID(self.cleaned_data.get("key", "")[:36])
        except ValueError:
            return uuid.uuid4()


def _not_in_future(value):
    if value and value > timezone.now() + LATE_ALLOWANCE:
        raise forms.ValidationError(_("This time is in the future."))
    return value


class TalkForm(SubmissionKeyMixin, forms.Form):
    """ "I want to talk to someone": whom, what about (pictures) and, for grades 4–9, a few words."""

    who = forms.ChoiceField(label=_("Who would you like to talk to?"), widget=forms.RadioSelect)
    topic = forms.ChoiceField(
        label=_("What is it about? You can skip this."),
        choices=Topic.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Do you want to write something? You can skip this."),
        required=False,
        max_length=PUPIL_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Please write a little less (at most %(limit_value)d letters).")},
    )

    def __init__(self, *args, pupil, named_adults, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_key()
        self.named = {f"adult-{member.pk}": member for member in named_adults}
        choices = [(Wants.CLASS_TEACHER.value, Wants.CLASS_TEACHER.label)]
        choices += [(value, member.name_for_pupils) for value, member in self.named.items()]
        choices.append((Wants.ANYONE.value, Wants.ANYONE.label))
        self.fields["who"].choices = choices
        self.fields["who"].initial = Wants.ANYONE.value
        if is_early_reader(pupil.classroom.grade):
            del self.fields["text"]

    def named_adult(self):
        return self.named.get(self.cleaned_data["who"])


class ConcernForm(SubmissionKeyMixin, forms.Form):
    """A concern or disclosure a member of staff heard: the child's own words, when, where, who, what you did."""

    school = forms.ModelChoiceField(label=_("School"), queryset=None)
    pupil = forms.ModelChoiceField(
        label=_("Pupil"), queryset=None, required=False, help_text=_("A pupil of one of your classes.")
    )
    child_name = forms.CharField(
        label=_("Or the child's name"),
        max_length=80,
        required=False,
        help_text=_("For a child who is not in one of your classes."),
    )
    child_words = forms.CharField(
        label=_("The child's exact words"),
        max_length=STAFF_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Write down what the child said, in their words. Do not question them further."),
    )
    occurred_at = forms.DateTimeField(
        label=_("When it happened or was said"),
        widget=DateTimeLocalInput(),
        initial=lambda: timezone.localtime().replace(second=0, microsecond=0),
    )
    location = forms.CharField(label=_("Where"), max_length=200, required=False)
    present = forms.CharField(label=_("Who was present"), max_length=300, required=False)
    actions_taken = forms.CharField(
        label=_("What you did"),
        max_length=STAFF_TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.ROUTINE)
    risk = forms.BooleanField(
        label=_("The child reports harm or a risk of harm (report to the police at once; in danger now: 110)"),
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_key()
        schools = Membership.objects.filter(user=user).values("school")
        self.fields["school"].queryset = School.objects.filter(pk__in=schools)
        if len(self.fields["school"].queryset) == 1:
            self.fields["school"].initial = self.fields["school"].queryset[0]
        self.fields["pupil"].queryset = (
            Pupil.objects.for_staff(user).filter(classroom__school__in=schools).select_related("classroom")
        )
        self.fields["pupil"].label_from_instance = lambda pupil: f"{pupil.display_name} · {pupil.classroom.name}"

    def clean_occurred_at(self):
        return _not_in_future(self.cleaned_data["occurred_at"])

    def clean(self):
        data = super().clean()
        pupil, school = data.get("pupil"), data.get("school")
        if not pupil and not data.get("child_name", "").strip():
            self.add_error("child_name", _("Choose a pupil or write the child's name."))
        if pupil and school and pupil.classroom.school_id != school.pk:
            self.add_error("pupil", _("This pupil is in another school."))
        return data

    def concern_fields(self):
        data = self.cleaned_data
        names = ["child_words", "occurred_at", "location", "present", "actions_taken", "urgency"]
        return {name: data[name].strip() if isinstance(data[name], str) else data[name] for name in names}


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Add to the record"),
        max_length=STAFF_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What happened, what the child said (in their words), what you did."),
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write something to add."))
        return text


class UpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    risk = forms.BooleanField(label=_("A risk of harm has been reported"), required=False)
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=STAFF_TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReferralForm(forms.Form):
    agency = forms.ChoiceField(label=_("Reported to"), choices=Agency.choices, initial=Agency.POLICE)
    agency_detail = forms.CharField(label=_("Which office or person"), max_length=200, required=False)
    reported_at = forms.DateTimeField(label=_("Reported at"), widget=DateTimeLocalInput())
    reported_by = forms.CharField(label=_("Reported by"), max_length=200)
    reference = forms.CharField(label=_("Reference number"), max_length=100, required=False)
    notes = forms.CharField(
        label=_("Notes"), max_length=STAFF_TEXT_LIMIT, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_reported_at(self):
        return _not_in_future(self.cleaned_data["reported_at"])


class DeleteForm(forms.Form):
    reason = forms.CharField(
        label=_("Why this concern may now be deleted"),
        max_length=STAFF_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RetentionForm(forms.ModelForm):
    class Meta:
        model = SchoolSafeguarding
        fields = ["retention_years"]
        widgets = {"retention_years": forms.NumberInput(attrs={"min": 1, "max": 50})}

    def clean_retention_years(self):
        years = self.cleaned_data["retention_years"]
        if not 1 <= years <= 50:
            raise forms.ValidationError(_("Choose between 1 and 50 years."))
        return years


DesignationFormSet = modelformset_factory(
    Membership, fields=["is_designated", "is_psychologist", "name_for_pupils"], extra=0, can_delete=False
)
