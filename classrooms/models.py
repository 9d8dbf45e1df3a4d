"""Schools, their staff, classes and pupils: children's data lives here (their progress lives in `progress`)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.grades import GRADE_CHOICES, is_early_reader

from . import passwords

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: easy to read aloud and to type.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6


def new_class_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_token():
    return secrets.token_urlsafe(32)


class School(models.Model):
    name = models.CharField(_("name"), max_length=120)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Set by a school admin: every member of staff of the school needs the second factor, not only its admins.
    requires_second_factor = models.BooleanField(_("two-step sign-in for all staff"), default=False, editable=False)
    # Where the school is, as the language of the help contacts that answer there: a pupil who reads the pages in
    # the other language sees these numbers as well (core.models.HelpContacts.for_reader).
    help_language = models.CharField(
        _("help contacts"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The help contacts that answer where the school is; pupils see them whatever language they read."),
    )

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    TEACHER = "teacher", _("teacher")
    ADMIN = "admin", _("school admin")


class MembershipQuerySet(models.QuerySet):
    def admin(self):
        return self.filter(role=Role.ADMIN)


class Membership(models.Model):
    """A member of staff in one school; a user may belong to several schools."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.TEACHER)
    # Named by the school admin; a teacher or school admin may also be one (see `safeguarding`).
    is_designated = models.BooleanField(_("designated safeguarding staff"), default=False)
    is_psychologist = models.BooleanField(_("school psychologist"), default=False)
    name_for_pupils = models.CharField(
        _("name pupils know you by"), max_length=40, blank=True, help_text=_("For example 王老师 or Ms Wang.")
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "school"], name="one_membership_per_school")]

    def __str__(self):
        return f"{self.user} · {self.school} · {self.get_role_display()}"


class Invitation(models.Model):
    """An emailed link that lets someone join a school as a teacher or school admin."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.TEACHER)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.school}"

    def get_absolute_url(self):
        return reverse("classrooms:accept_invitation", kwargs={"token": self.token})

    @property
    def is_usable(self):
        age = timezone.now() - self.created_at
        return self.accepted_at is None and age.days < settings.CLASSROOM_INVITATION_DAYS


class ClassroomQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def for_staff(self, user):
        """The classes a member of staff may see: all classes of schools they run, and the classes they teach."""
        if not user.is_authenticated:
            return self.none()
        admin_schools = Membership.objects.admin().filter(user=user).values("school")
        taught_schools = Membership.objects.filter(user=user).values("school")
        return self.filter(Q(school__in=admin_schools) | Q(teachers=user, school__in=taught_schools)).distinct()


class Classroom(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="classrooms", verbose_name=_("school"))
    name = models.CharField(_("name"), max_length=80)
    grade = models.PositiveSmallIntegerField(_("grade"), choices=GRADE_CHOICES)
    code = models.CharField(_("class code"), max_length=CODE_LENGTH, unique=True, default=new_class_code)
    teachers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="classrooms", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    # The class sign-in window: the teacher opens it in the room; names and passwords work only while it is
    # open, and only from the network it was opened from or from one of the class's devices.
    sign_in_until = models.DateTimeField(_("sign-in open until"), null=True, blank=True, editable=False)
    sign_in_address = models.CharField(max_length=45, blank=True, editable=False)
    home_sign_in = models.BooleanField(
        _("home sign-in"),
        default=False,
        help_text=_("Pupils of grades 4–9 may sign in with their two words when sign-in is closed."),
    )
    # Set when many wrong passwords arrive while sign-in is closed: home sign-in stops until the teacher looks.
    sign_in_alert_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The class list and picture/word passwords work only on the class's own devices, never from the room's
    # network alone. Switched on when the teacher marks the class's first device (services.signin).
    devices_only = models.BooleanField(_("sign-in only on class devices"), default=False, editable=False)
    # The sign-in number of the open window (6 random digits, shown on the teacher's screens): a browser that is
    # not a class device must give it before it sees the class list. Made when the window opens, kept when it is
    # extended, gone when it closes; `sign_in_number_at` tells one number's period from the next, and
    # `sign_in_number_closed_at` is set after too many wrong numbers (services.signin).
    sign_in_number = models.CharField(max_length=6, blank=True, editable=False)
    sign_in_number_at = models.DateTimeField(null=True, blank=True, editable=False)
    sign_in_number_closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ClassroomQuerySet.as_manager()

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["grade", "name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("progress:class_progress", kwargs={"pk": self.pk})

    @property
    def uses_pictures(self):
        return passwords.uses_pictures(self.grade)

    @property
    def sign_in_open(self):
        return self.sign_in_until is not None and self.sign_in_until > timezone.now()

    @property
    def sign_in_minutes_left(self):
        if not self.sign_in_open:
            return 0
        return max(1, round((self.sign_in_until - timezone.now()).total_seconds() / 60))

    @property
    def sign_in_number_shown(self):
        """The number as the teacher's screens show it, in two groups of three: "482 913"."""
        number = self.sign_in_number
        return f"{number[:3]} {number[3:]}" if number else ""

    @property
    def sign_in_number_usable(self):
        return bool(self.sign_in_number) and self.sign_in_number_closed_at is None

    @property
    def home_sign_in_allowed(self):
        """Two words from anywhere while sign-in is closed: only grades 4–9, only if the teacher allows it."""
        return self.home_sign_in and not is_early_reader(self.grade) and self.sign_in_alert_at is None


class ClassroomDevice(models.Model):
    """A school tablet or computer a teacher marked as a device of one class (a signed cookie holds its id)."""

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="devices")
    label = models.CharField(_("name"), max_length=60)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("classroom device")
        verbose_name_plural = _("classroom devices")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.label} · {self.classroom}"


class PupilQuerySet(models.QuerySet):
    def for_staff(self, user):
        return self.filter(classroom__in=Classroom.objects.for_staff(user))


class Pupil(models.Model):
    """A first name or nickname in a class, nothing else: no email, birthday, surname or photo."""

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="pupils")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pupil")
    display_name = models.CharField(_("name"), max_length=40)
    # The system-made password is printed on login cards, so it is kept; it only works with the
    # rate-limited pupil sign-in, never for staff sign-in (the user's own password is unusable).
    secret = models.CharField(max_length=40, editable=False)
    # For the youngest: a long random token printed as a QR code on the login card; revocable.
    login_token = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PupilQuerySet.as_manager()

    class Meta:
        verbose_name = _("pupil")
        verbose_name_plural = _("pupils")
        ordering = ["display_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "display_name"], name="unique_pupil_name_per_class")
        ]

    def __str__(self):
        return self.display_name

    @property
    def picture_keys(self):
        return passwords.picture_keys(self.secret)

    def words(self, language):
        return passwords.word_pair(self.secret, language)
