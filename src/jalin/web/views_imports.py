"""Pages for bringing history in: the import page, a job's progress, and the review queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalin.core import selectors
from jalin.core.errors import InvalidInput, NotFound
from jalin.core.models import Merge
from jalin.core.services import batches, dedupe, jobs
from jalin.importers import registry
from jalin.tasks import import_progress, run_import_job
from jalin.web.forms import ImportForm, add_service_error, translated


@login_required
def imports(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            job = jobs.import_job_create(
                owner=request.user,
                files=form.cleaned_data["files"],
                options=form.job_options(),
            )
        except InvalidInput as error:
            add_service_error(form, error)
        else:
            run_import_job(job.pk)
            return redirect("import_job", job_id=job.pk)
    context = {
        "form": form,
        "batches": batches.batches_list(request.user)[:50],
        "formats": [m for m in registry.importers() if m.NAME != "backup"],
        "to_review": dedupe.duplicates_list(request.user).count(),
    }
    return render(request, "jalin/imports.html", context)


@login_required
def import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    try:
        job = jobs.import_job_get(request.user, job_id)
    except NotFound:
        raise Http404("no such import") from None
    context = {
        "job": job,
        "progress": import_progress(job.pk) if job.status in ("queued", "running") else None,
        "to_review": dedupe.duplicates_list(request.user).count(),
    }
    if request.htmx:
        return render(request, "jalin/import_job.html#job-status", context)
    return render(request, "jalin/import_job.html", context)


@login_required
@require_POST
def import_undo(request: HttpRequest, batch_id: int) -> HttpResponse:
    try:
        counts = batches.import_batch_undo(owner=request.user, batch_id=batch_id)
    except NotFound:
        raise Http404("no such import") from None
    except InvalidInput as error:
        messages.error(request, translated(error))
    else:
        messages.success(
            request,
            _("Import undone: %(people)s people and %(interactions)s interactions removed.")
            % counts,
        )
    return redirect("imports")


@login_required
def review(request: HttpRequest) -> HttpResponse:
    pairs = dedupe.duplicates_list(request.user)[:100]
    recent = Merge.objects.filter(owner=request.user, undone_at__isnull=True).select_related(
        "kept", "merged"
    )[:10]
    return render(request, "jalin/review.html", {"pairs": pairs, "merges": recent})


@login_required
@require_POST
def review_decide(request: HttpRequest, a: int, b: int) -> HttpResponse:
    """Merge ``b`` into ``a`` (``decision=merge``) or keep them apart (``decision=skip``)."""
    try:
        first, second = selectors.person_get(request.user, a), selectors.person_get(request.user, b)
    except NotFound:
        raise Http404("no such person") from None
    decision = request.POST.get("decision")
    try:
        if decision == "merge":
            dedupe.person_merge(owner=request.user, keep=first, merge=second)
        elif decision == "skip":
            dedupe.duplicate_skip(owner=request.user, a=first, b=second)
        else:
            return HttpResponse(status=400)
    except InvalidInput as error:
        messages.error(request, translated(error))
    if request.htmx:
        return render(
            request,
            "jalin/review.html#pair-decided",
            {"decision": decision, "a": first, "b": second},
        )
    return redirect("review")


@login_required
@require_POST
def merge_undo(request: HttpRequest, merge_id: int) -> HttpResponse:
    try:
        dedupe.merge_undo(owner=request.user, merge_id=merge_id)
    except NotFound:
        raise Http404("no such merge") from None
    except InvalidInput as error:
        messages.error(request, translated(error))
    return redirect("review")
