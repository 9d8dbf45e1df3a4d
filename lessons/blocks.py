"""Blocks of a lesson: the pupil-facing steps (one screen each) and the teacher notes."""

import hashlib

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

PUPIL_FEATURES = ["bold", "italic", "ol", "ul"]
NOTE_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class RenditionImageChooserBlock(ImageChooserBlock):
    """An image chooser that fetches all images of a stream and their renditions in two queries."""

    def bulk_to_python(self, values):
        images = get_image_model().objects.prefetch_renditions().in_bulk([v for v in values if v])
        return [images.get(value) for value in values]


class TextBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False, label=_("Heading"))
    body = blocks.RichTextBlock(features=PUPIL_FEATURES, label=_("Text"))

    class Meta:
        icon = "doc-full"
        label = _("Text")
        template = "lessons/blocks/text.html"
        preview_value = {"heading": _("My body belongs to me"), "body": _("<p>You can say no.</p>")}


class ImageBlock(blocks.StructBlock):
    image = RenditionImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        max_length=250,
        label=_("Alt text"),
        help_text=_("Say what the picture shows, for pupils who cannot see it."),
    )
    caption = blocks.CharBlock(max_length=250, required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "lessons/blocks/image.html"


class StoryBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Title"))
    body = blocks.RichTextBlock(features=PUPIL_FEATURES, label=_("Story"))

    class Meta:
        icon = "openquote"
        label = _("Story or scenario")
        template = "lessons/blocks/story.html"
        preview_value = {
            "title": _("Sam's game"),
            "body": _("<p>Sam plays a game. Someone offers free skins if Sam moves to a private chat.</p>"),
        }


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, label=_("Option"))
    feedback = blocks.TextBlock(label=_("Feedback"), help_text=_("Kind words that explain why. Never blame."))
    safe = blocks.BooleanBlock(required=False, label=_("This is a safe choice"))


def _digest(*parts):
    return hashlib.sha256(":".join(str(part) for part in parts).encode()).hexdigest()


class WhatWouldYouDoValue(blocks.StructValue):
    """The options of a "what would you do?" step as one viewer sees them.

    `step_key` names the step (LessonPage.step_key); `viewer` names who looks at it ("" for everyone who is
    not signed in, so a shared cache stores one order per step). Nothing here depends on which option is
    safe: neither the order nor the keys the form sends back."""

    def keyed_options(self, step_key):
        """(key, option) pairs in the editor's order. A key names one option of this step without telling
        its place in the editor's order or whether it is safe, so the page can send it back."""
        return [(_digest(step_key, index)[:12], option) for index, option in enumerate(self["options"])]

    def shuffled(self, step_key, viewer=""):
        """The keyed options in this viewer's order: the same each time they open the step, another for
        another viewer or step, so the safe option is not always first."""
        return sorted(self.keyed_options(step_key), key=lambda pair: _digest(step_key, viewer, pair[0]))

    def for_class_vote(self, step_key):
        """(letter, option) pairs for a class vote on one shared screen, in the order visitors who are not
        signed in see: A, B, C, D to call out or hold up."""
        return [(letter, option) for letter, (_key, option) in zip("ABCD", self.shuffled(step_key), strict=False)]

    def chosen(self, step_key, key):
        """The option a submitted key names, or None for anything that is not one of this step's keys."""
        return next((option for option_key, option in self.keyed_options(step_key) if option_key == key), None)


class WhatWouldYouDoBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(max_length=200, label=_("Question"))
    options = blocks.ListBlock(OptionBlock(), min_num=2, max_num=4, label=_("Options"))

    def get_context(self, value, parent_context=None):
        """The options in the viewer's order and the one they chose, from the step view's `step_key`,
        `viewer` and `chosen` (a submitted key); elsewhere (the editor's preview) in a fixed order."""
        context = super().get_context(value, parent_context=parent_context)
        step_key = context.get("step_key", "")
        context["options"] = value.shuffled(step_key, context.get("viewer", ""))
        context["picked"] = value.chosen(step_key, context.get("chosen"))
        return context

    class Meta:
        icon = "list-ul"
        label = _("What would you do?")
        template = "lessons/blocks/what_would_you_do.html"
        value_class = WhatWouldYouDoValue
        preview_value = {
            "prompt": _("What would you do?"),
            "options": [
                {"text": _("Tell a trusted adult"), "feedback": _("Yes. They can help you."), "safe": True},
                {
                    "text": _("Keep it a secret"),
                    "feedback": _("Secrets like this should be told."),
                    "safe": False,
                },
            ],
        }


class DiscussionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200, label=_("Question"))
    hint = blocks.CharBlock(max_length=300, required=False, label=_("Hint"))

    class Meta:
        icon = "group"
        label = _("Discussion question")
        template = "lessons/blocks/discussion.html"
        preview_value = {"question": _("Which secrets should we never keep?")}


class ActivityBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Title"))
    body = blocks.RichTextBlock(features=PUPIL_FEATURES, label=_("What to do"))

    class Meta:
        icon = "pick"
        label = _("Activity")
        template = "lessons/blocks/activity.html"
        preview_value = {"title": _("My helping hand"), "body": _("<p>Draw round your hand.</p>")}


class KeyMessageBlock(blocks.StructBlock):
    message = blocks.CharBlock(max_length=200, label=_("Key message"))

    class Meta:
        icon = "success"
        label = _("Key message")
        template = "lessons/blocks/key_message.html"
        preview_value = {"message": _("It is never your fault. Tell an adult you trust.")}


class WhoCanHelpBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    body = blocks.RichTextBlock(features=PUPIL_FEATURES, label=_("Who can help and how to report"))

    class Meta:
        icon = "help"
        label = _("Who can help")
        template = "lessons/blocks/who_can_help.html"
        preview_value = {"heading": _("Who can help?"), "body": _("<p>A parent, a teacher, a helpline.</p>")}


class LessonStepsBlock(blocks.StreamBlock):
    """Each block is one screen for the pupil."""

    text = TextBlock()
    image = ImageBlock()
    story = StoryBlock()
    choice = WhatWouldYouDoBlock()
    discussion = DiscussionBlock()
    activity = ActivityBlock()
    key_message = KeyMessageBlock()
    who_can_help = WhoCanHelpBlock()

    class Meta:
        min_num = 1


class NoteBlock(blocks.StructBlock):
    body = blocks.RichTextBlock(features=NOTE_FEATURES, label=_("Text"))

    class Meta:
        icon = "doc-full"
        template = "lessons/blocks/note.html"


class TimingRowBlock(blocks.StructBlock):
    stage = blocks.CharBlock(max_length=120, label=_("Stage"))
    minutes = blocks.IntegerBlock(min_value=1, max_value=60, label=_("Minutes"))


class TimingBlock(blocks.StructBlock):
    items = blocks.ListBlock(TimingRowBlock(), label=_("Stages"))

    class Meta:
        icon = "time"
        label = _("Timing")
        template = "lessons/blocks/timing.html"
        preview_value = {"items": [{"stage": _("Warm-up"), "minutes": 5}, {"stage": _("Story"), "minutes": 10}]}


class TeacherNotesBlock(blocks.StreamBlock):
    objectives = NoteBlock(label=_("Objectives"), icon="tasks")
    preparation = NoteBlock(label=_("Preparation"), icon="clipboard-list")
    timing = TimingBlock()
    plan = NoteBlock(label=_("Lesson plan"), icon="list-ol")
    discussion = NoteBlock(label=_("Discussion guidance"), icon="group")
    differentiation = NoteBlock(label=_("Differentiation"), icon="resubmit")
    disclosure = NoteBlock(label=_("If a child tells you something"), icon="warning")
