from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordMixin
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts import mfa
from accounts.backends import sign_in_locked
from core.grades import GRADE_CHOICES

from . import passwords, tasks
from .models import CODE_LENGTH, Classroom, Pupil, Role
from .services import signin
from .services.audit import ACCESS_RECORD_ACTIONS

MAX_PUPILS_PER_PASTE = 60
NAME_MAX_LENGTH = Classroom._meta.get_field("name").max_length
PUPIL_NAME_MAX_LENGTH = Pupil._meta.get_field("display_name").max_length


class StaffPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the email is the task worker's job: the answer comes as fast for an address with
    an account as for one without, and the queue holds the account's id, never the link (the worker makes the
    token)."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        tasks.send_password_reset.enqueue(
            user_id=context["user"].pk,
            domain=context["domain"],
            site_name=context["site_name"],
            protocol=context["protocol"],
            language=get_language() or settings.LANGUAGE_CODE,
        )


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


class ConfirmIdentityForm(forms.Form):
    """The signed-in member of staff types their password again (throttled like every sign-in)."""

    password = forms.CharField(
        label=_("Your password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)
        if not mfa.enrolled(request.user):
            del self.fields["code"]

    def clean(self):
        cleaned = super().clean()
        if "code" in self.fields and not self.errors and not mfa.verify(self.request, cleaned.get("code")):
            self.add_error("code", _("That code does not match. Try the newest one from your app."))
        return cleaned

    def clean_password(self):
        user, password = self.request.user, self.cleaned_data["password"]
        identifier = user.email or user.username
        if sign_in_locked(self.request, identifier):
            raise forms.ValidationError(StaffAuthenticationForm.error_messages["locked"], code="locked")
        if authenticate(self.request, username=identifier, password=password) != user:
            raise forms.ValidationError(_("That is not your password."), code="invalid")
        return password


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


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


class SignInWindowForm(forms.Form):
    minutes = forms.TypedChoiceField(
        label=_("Open for"),
        coerce=int,
        choices=[(30, _("30 minutes")), (60, _("1 hour")), (120, _("2 hours")), (240, _("4 hours"))],
        initial=60,
        required=False,
        empty_value=60,
    )


class DeviceForm(forms.Form):
    label = forms.CharField(label=_("Name of this device"), max_length=60, initial=_("Class tablet"))


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.TEACHER)


class AccessRecordFilterForm(forms.Form):
    """The school admin's filters on the access record: action, person, pupil and dates."""

    action = forms.ChoiceField(label=_("What"), required=False)
    person = forms.ChoiceField(label=_("Who"), required=False)
    pupil = forms.IntegerField(label=_("Pupil number"), required=False, min_value=1)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Everything"))] + [
            (name, label) for name, (label, _message) in ACCESS_RECORD_ACTIONS.items()
        ]
        members = school.memberships.select_related("user").order_by("user__email")
        self.fields["person"].choices = [("", _("Everybody"))] + [(m.user_id, m.user.email) for m in members]

    def filters(self):
        if not self.is_bound or not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class ClassroomForm(forms.ModelForm):
    class Meta:
        model = Classroom
        fields = ["school", "name", "grade"]

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["school"].empty_label = None
        # Django's own "- Select an option -" has no Chinese translation yet.
        self.fields["grade"].choices = [("", _("Choose a grade"))] + list(GRADE_CHOICES)


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
        too_long = [name for name in names if len(name) > PUPIL_NAME_MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("These names are too long (%(max)d characters at most): %(names)s")
                % {"max": PUPIL_NAME_MAX_LENGTH, "names": ", ".join(too_long)}
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
    name = forms.CharField(label=_("New name"), max_length=PUPIL_NAME_MAX_LENGTH)

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
        error_messages={
            "required": _("Write the class code from your card."),
            "max_length": _("That is too long for a class code. Look at your card."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).upper()
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(_("A class code has %(count)d letters and numbers.") % {"count": CODE_LENGTH})
        return code


class SignInNumberForm(forms.Form):
    """The sign-in number the teacher shows on the board: six digits, spaces and dashes allowed ("482 913")."""

    number = forms.CharField(
        label=_("Sign-in number"),
        max_length=20,
        error_messages={
            "required": _("Type the number from the board."),
            "max_length": _("That is too long. The number has 6 digits."),
            "null_characters_not_allowed": _("Type only numbers, like the ones on the board."),
        },
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "autocapitalize": "off",
                "spellcheck": "false",
                "enterkeyhint": "go",
                "class": "number-input",
            }
        ),
    )

    def clean_number(self):
        typed = self.cleaned_data["number"]
        number = signin.clean_number(typed)
        if number is not None:
            return number
        if any(character.isalpha() for character in typed):
            raise forms.ValidationError(_("Type only numbers, like the ones on the board."))
        raise forms.ValidationError(_("The number has 6 digits. Look at the board again."))


TAP_TWO_PICTURES = _("Tap two pictures, the two on your card.")


class PicturePasswordForm(forms.Form):
    pictures = forms.MultipleChoiceField(
        label=_("Tap your two pictures"),
        choices=list(passwords.PICTURES.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": TAP_TWO_PICTURES, "invalid_choice": TAP_TWO_PICTURES},
    )

    def clean_pictures(self):
        chosen = self.cleaned_data["pictures"]
        if len(set(chosen)) != 2 or len(chosen) != 2:
            raise forms.ValidationError(TAP_TWO_PICTURES)
        return chosen

    def answer(self):
        return passwords.answer_for(pictures=self.cleaned_data["pictures"])


def _word_field(label, missing):
    return forms.CharField(
        label=label,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": missing, "max_length": _("That word is too long. Look at your card.")},
    )


class WordPasswordForm(forms.Form):
    word1 = _word_field(_("First word"), _("Write the first word from your card."))
    word2 = _word_field(_("Second word"), _("Write the second word from your card."))

    def answer(self):
        return passwords.answer_for(words=[self.cleaned_data["word1"], self.cleaned_data["word2"]])


class HomeSignInForm(WordPasswordForm):
    """Home sign-in (grades 4–9, if the teacher allows it): the name is typed, the class list is never shown."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Write your name as your teacher wrote it.")},
    )
    field_order = ["name", "word1", "word2"]
