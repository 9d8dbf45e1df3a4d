"""The pupil's "I want to talk to someone". Never a chat: the pupil sees only "sent" and "seen"."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from core.grades import is_early_reader

from .. import queries, services
from ..access import pupil_only
from ..forms import TalkForm
from ..models import Concern, Source, Topic


def _context(pupil, form):
    return {
        "pupil": pupil,
        "form": form,
        "topics": [(value, label, form["topic"].value() == value) for value, label in Topic.choices],
        "early_reader": is_early_reader(pupil.classroom.grade),
    }


@pupil_only
def talk(request):
    pupil = request.pupil
    form = TalkForm(request.POST or None, pupil=pupil, named_adults=queries.named_adults(pupil.classroom.school_id))
    if request.method == "POST":
        if form.has_error("who", "invalid_choice"):
            raise Http404  # an unknown adult, or one of another school
        if form.is_valid():
            concern, created = services.submit_pupil_request(
                pupil=pupil,
                key=form.cleaned_data["key"],
                wants=form.cleaned_data["who"],
                named=form.named_adult(),
                topic=form.cleaned_data["topic"],
                text=form.cleaned_data.get("text", ""),
            )
            if created:
                services.notify_new_concern(concern=concern, base_url=request.build_absolute_uri("/"))
            return redirect("safeguarding:talk_sent", key=concern.submission_key)
    return render(request, "safeguarding/talk.html", _context(pupil, form))


@pupil_only
def talk_sent(request, key):
    """The confirmation: an adult will find a quiet moment; in danger now, 110; the help contacts. Never secrecy."""
    pupil = request.pupil
    concern = get_object_or_404(Concern, source=Source.PUPIL, created_by=pupil.user, submission_key=key)
    return render(
        request,
        "safeguarding/talk_sent.html",
        {"pupil": pupil, "concern": concern, "early_reader": is_early_reader(pupil.classroom.grade)},
    )
