"""Factories for the objects tests build beyond the starter pack."""

import io

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from classrooms.models import Classroom, Membership, Role, School
from classrooms.services import roster as classroom_services
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


class LessonPageFactory(wagtail_factories.PageFactory):
    """A published lesson under an age band page (`parent=`), with `step_count` pupil steps of every kind.

    `images` are used in turn for the image steps; `published=False` leaves it a draft.
    """

    class Meta:
        model = LessonPage
        skip_postgeneration_save = True

    class Params:
        step_count = 7
        images = ()

    title = factory.LazyAttribute(lambda lesson: f"Lesson with {lesson.step_count} steps")
    slug = factory.Sequence(lambda n: f"test-lesson-{n}")
    grade = factory.LazyAttribute(lambda lesson: lesson.parent.specific.band.first_grade)
    summary = "A lesson made by a test."
    steps = factory.LazyAttribute(lambda lesson: lesson_steps(lesson.step_count, images=lesson.images))
    teacher_notes = factory.LazyFunction(
        lambda: [{"type": "disclosure", "value": {"body": "<p>SECRET-TEACHER-NOTE: listen calmly.</p>"}}]
    )
    take_home_note = "<p>Dear families.</p>"

    @factory.post_generation
    def published(lesson, create, extracted, **kwargs):
        if create and extracted is not False:
            lesson.save_revision().publish()


class SchoolFactory(factory.django.DjangoModelFactory):
    """A school; `teacher=` and `admin=` users are given the matching membership."""

    class Meta:
        model = School
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test School {n}")

    @factory.post_generation
    def teacher(school, create, user, **kwargs):
        if create and user is not None:
            Membership.objects.create(user=user, school=school, role=Role.TEACHER)

    @factory.post_generation
    def admin(school, create, user, **kwargs):
        if create and user is not None:
            Membership.objects.create(user=user, school=school, role=Role.ADMIN)


class ClassroomFactory(factory.django.DjangoModelFactory):
    """A class made as a teacher makes one (`roster.create_classroom`), with `pupils=n` pupils named
    Pupil 1, Pupil 2…"""

    class Meta:
        model = Classroom
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    teacher = factory.SubFactory(UserFactory)
    name = "Class 2A"
    grade = 2

    @classmethod
    def _create(cls, model_class, *, school, teacher, name, grade):
        return classroom_services.create_classroom(school=school, name=name, grade=grade, teacher=teacher)

    @factory.post_generation
    def pupils(classroom, create, count, **kwargs):
        if create and count:
            classroom_services.add_pupils(classroom=classroom, names=[f"Pupil {n}" for n in range(1, count + 1)])


def edit_yaml(path, change):
    """Load a content-pack file, let `change` edit the data in place, write it back."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
