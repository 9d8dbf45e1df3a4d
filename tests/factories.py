"""Factories for the objects tests build beyond the starter pack."""

import io

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from lessons.models import LessonPage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def groups(self, create, names):
        for name in names or []:
            self.groups.add(Group.objects.get(name=name))


def _png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (11, 110, 105)).save(buffer, format="PNG")
    return ImageFile(buffer, name="picture.png")


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Picture {n}")
    file = factory.LazyFunction(_png)


def lesson_steps(count, *, images=()):
    """`count` pupil steps of every kind, using the given images in turn, ending with the key message and help."""
    kinds = [
        ("text", {"heading": "Heading", "body": "<p>Some text.</p>"}),
        ("story", {"title": "A story", "body": "<p>Mia plays a game.</p>"}),
        (
            "choice",
            {
                "prompt": "What would you do?",
                "options": [
                    {"text": "Tell an adult", "feedback": "Yes, that helps.", "safe": True},
                    {"text": "Keep it secret", "feedback": "Secrets like this should be told.", "safe": False},
                ],
            },
        ),
        ("discussion", {"question": "Why?", "hint": "Think."}),
        ("activity", {"title": "Draw", "body": "<p>Draw your hand.</p>"}),
    ]
    steps = []
    for number in range(count - 2):
        if images and number % 3 == 0:
            image = images[number % len(images)]
            steps.append({"type": "image", "value": {"image": image.pk, "alt_text": "A picture", "caption": ""}})
        else:
            kind, value = kinds[number % len(kinds)]
            steps.append({"type": kind, "value": value})
    steps.append({"type": "key_message", "value": {"message": "It is never your fault."}})
    steps.append({"type": "who_can_help", "value": {"heading": "Who can help", "body": "<p>A trusted adult.</p>"}})
    return steps


def make_lesson(parent, *, steps=7, images=(), grade=None, **fields):
    """A published lesson under an age band page, with `steps` pupil steps."""
    lesson = LessonPage(
        title=fields.pop("title", f"Lesson with {steps} steps"),
        grade=grade or parent.specific.band.first_grade,
        summary="A lesson made by a test.",
        steps=lesson_steps(steps, images=images),
        teacher_notes=[{"type": "disclosure", "value": {"body": "<p>SECRET-TEACHER-NOTE: listen calmly.</p>"}}],
        take_home_note="<p>Dear families.</p>",
        **fields,
    )
    parent.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def make_school(name="Test School", *, teacher=None, admin=None):
    """A school with its staff; `teacher` and `admin` are users given the matching membership."""
    from classrooms.models import Membership, Role, School

    school = School.objects.create(name=name)
    if teacher is not None:
        Membership.objects.create(user=teacher, school=school, role=Role.TEACHER)
    if admin is not None:
        Membership.objects.create(user=admin, school=school, role=Role.ADMIN)
    return school


def make_classroom(school, *, teacher=None, grade=2, pupils=0, name="Class 2A"):
    """A class taught by `teacher`, with `pupils` pupils named Pupil 1, Pupil 2…"""
    from classrooms import services

    classroom = services.create_classroom(school=school, name=name, grade=grade, teacher=teacher or UserFactory())
    if pupils:
        services.add_pupils(classroom=classroom, names=[f"Pupil {n}" for n in range(1, pupils + 1)])
    return classroom


def edit_yaml(path, change):
    """Load a content-pack file, let `change` edit the data in place, write it back."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
