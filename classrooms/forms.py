from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin
from django.utils.translation import gettext_lazy as _

from accounts.backends import sign_in_locked

from . import passwords
from .models import CODE_LENGTH, Classroom, Role

MAX_PUPILS_PER_PASTE = 60
NAME_MAX_LENGTH = Classroom._meta.get_field("name").max_length


class StaffAuthenticationForm(AuthenticationForm):
    """Django's sign-in form with the email address as the username.

    The throttle lives in accounts.backends.StaffBackend (every sign-in path goes through it); the form only
    asks it first, to say "too many failed sign-ins" rather than "do not match". An unknown address and a
    wrong password get the same answer."""

    username = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    error_messages = {
        "invalid_login": _("That email and password do not match."),
        "inactive": _("That email and password do not match."),
        "locked": _("Too many failed sign-ins. Wait 15 minutes, or reset your password."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].max_length = self.fields["username"].widget.attrs["maxlength"] = 254

    def add_prefix(self, field_name):
        """The address is posted as `email`, as the page (and password managers) always had it."""
        return "email" if field_name == "username" else super().add_prefix(field_name)

    def clean(self):
        email = self.cleaned_data.get("username")
        if email and sign_in_locked(self.request, email):
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        return super().clean()


class AcceptInvitationForm(SetPasswordMixin, forms.Form):
    """A new member of staff chooses their password (Django's validators, checked against the invited email)."""

    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Choose a password"), label2=_("Password again")
    )
    error_messages = {"password_mismatch": _("The two passwords are different.")}

    def __init__(self, *args, email, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.help_text = ""  # as before: the validators speak through their error messages

    def clean(self):
        self.validate_passwords()
        self.validate_password_for_user(get_user_model()(username=self.email, email=self.email), "password1")
        return super().clean()


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.TEACHER)


class ClassroomForm(forms.ModelForm):
    class Meta:
        model = Classroom
        fields = ["school", "name", "grade"]

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["school"].empty_label = None


def split_names(text):
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


class AddPupilsForm(forms.Form):
    names = forms.CharField(
        label=_("First names or nicknames, one per line"),
        help_text=_("Only a first name or nickname: never a surname, email, birthday or photo."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, classroom, **kwargs):
        self.classroom = classroom
        super().__init__(*args, **kwargs)

    def clean_names(self):
        names = split_names(self.cleaned_data["names"])
        if not names:
            raise forms.ValidationError(_("Write at least one name."))
        if len(names) > MAX_PUPILS_PER_PASTE:
            raise forms.ValidationError(_("Add at most %(count)d pupils at a time.") % {"count": MAX_PUPILS_PER_PASTE})
        too_long = [name for name in names if len(name) > 40]
        if too_long:
            raise forms.ValidationError(
                _("These names are too long (40 characters at most): %(names)s") % {"names": ", ".join(too_long)}
            )
        existing = {name.casefold() for name in self.classroom.pupils.values_list("display_name", flat=True)}
        seen, repeated = set(), []
        for name in names:
            key = name.casefold()
            if key in existing or key in seen:
                repeated.append(name)
            seen.add(key)
        if repeated:
            raise forms.ValidationError(
                _(
                    "These names are already in the class or appear twice: %(names)s. "
                    "Add an initial or a nickname so every pupil can find their own name."
                )
                % {"names": ", ".join(dict.fromkeys(repeated))}
            )
        return names


class RenamePupilForm(forms.Form):
    name = forms.CharField(label=_("New name"), max_length=40)

    def __init__(self, *args, pupil, **kwargs):
        self.pupil = pupil
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        others = self.pupil.classroom.pupils.exclude(pk=self.pupil.pk).values_list("display_name", flat=True)
        if name.casefold() in {other.casefold() for other in others}:
            raise forms.ValidationError(_("Another pupil in this class already has that name."))
        return name


class ClassCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Class code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).upper()
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(_("A class code has %(count)d letters and numbers.") % {"count": CODE_LENGTH})
        return code


class PicturePasswordForm(forms.Form):
    pictures = forms.MultipleChoiceField(
        label=_("Tap your two pictures"), choices=list(passwords.PICTURES.items()), widget=forms.CheckboxSelectMultiple
    )

    def clean_pictures(self):
        chosen = self.cleaned_data["pictures"]
        if len(chosen) != 2:
            raise forms.ValidationError(_("Choose two pictures."))
        return chosen

    def answer(self):
        return passwords.answer_for(pictures=self.cleaned_data["pictures"])


class WordPasswordForm(forms.Form):
    word1 = forms.CharField(label=_("First word"), max_length=40, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    word2 = forms.CharField(
        label=_("Second word"), max_length=40, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )

    def answer(self):
        return passwords.answer_for(words=[self.cleaned_data["word1"], self.cleaned_data["word2"]])
