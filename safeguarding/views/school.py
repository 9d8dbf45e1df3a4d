"""The school admin's safeguarding page: name the designated staff, set the retention period, read the access record."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from classrooms.models import Membership, Role, School

from .. import queries, services
from ..access import staff_only
from ..forms import DesignationFormSet, RetentionForm
from ..models import SchoolSafeguarding


@staff_only
def school_safeguarding(request, pk):
    school = get_object_or_404(School, pk=pk, memberships__user=request.user, memberships__role=Role.ADMIN)
    members = Membership.objects.filter(school=school).select_related("user").order_by("user__email", "pk")
    settings_row = SchoolSafeguarding.objects.filter(school=school).first() or SchoolSafeguarding(school=school)
    data = request.POST or None
    formset = DesignationFormSet(data, queryset=members, prefix="staff")
    retention = RetentionForm(data, instance=settings_row, prefix="retention")
    if request.method == "POST" and formset.is_valid() and retention.is_valid():
        formset.save()
        retention.save()
        designated = [form.instance.user_id for form in formset.forms if form.instance.is_designated]
        services.audit(
            user=request.user,
            request=request,
            instance=school,
            action="designate",
            school_id=school.pk,
            designated=designated,
            retention_years=retention.instance.retention_years,
        )
        messages.success(request, _("Saved."))
        return redirect("safeguarding:school", pk=school.pk)
    services.audit(
        user=request.user, request=request, instance=school, action="view_access_record", school_id=school.pk
    )
    context = {
        "school": school,
        "formset": formset,
        "retention": retention,
        "log": queries.access_record(school),
        "deletions": queries.deletions(school),
    }
    return render(request, "safeguarding/school.html", context)
