"""Imports started from the web: files saved, imported in the background, progress reported.

The upload is saved under the data directory, a job row is queued, and a background task
(``jalin.tasks.run_import_job``) imports each file with the same ``import_file`` the command
line uses. Progress is written to the task queue's own store, outside the import's database
transaction, so the page can show it while the import is still running.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from jalin.core.errors import InvalidInput, NotFound
from jalin.core.models import ImportJob
from jalin.core.selectors import profile_for
from jalin.domain.errors import _
from jalin.importers.base import FormatError, ImportOptions


def import_job_create(
    *, owner: AbstractBaseUser, files: Iterable[UploadedFile], options: dict
) -> ImportJob:
    """Save the uploaded files and queue a job to import them; return the job."""
    files = list(files)
    if not files:
        raise InvalidInput(_("choose at least one file to import"), field="files")
    folder = Path(settings.UPLOAD_DIR) / uuid.uuid4().hex
    folder.mkdir(parents=True)
    saved = []
    for number, upload in enumerate(files, start=1):
        name = Path(upload.name).name or "upload"
        path = folder / f"{number:03d}-{name}"  # two uploads may share a name (_chat.txt)
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        saved.append({"name": name, "path": str(path)})
    return ImportJob.objects.create(owner=owner, files=saved, options=options)


def import_job_get(owner: AbstractBaseUser, job_id: int) -> ImportJob:
    try:
        return ImportJob.objects.get(owner=owner, pk=job_id)
    except ImportJob.DoesNotExist:
        raise NotFound(f"no import job {job_id}") from None


def import_job_run(job_id: int, *, progress: Callable[[int, str], None]) -> ImportJob:
    """Import every file of a job in turn; each file is one batch, atomic on its own."""
    from jalin.core.services.accounts import profile_remember_me
    from jalin.core.services.imports import import_paths

    job = ImportJob.objects.select_related("owner").get(pk=job_id)
    job.status = "running"
    job.save(update_fields=["status"])
    owner, chosen = job.owner, job.options
    profile = profile_for(owner)
    options = ImportOptions(
        me_names=tuple(dict.fromkeys([*chosen.get("me", []), *profile.own_names])),
        me_emails=tuple(dict.fromkeys([*chosen.get("me_email", []), *profile.own_emails])),
        date_order=chosen.get("date_order") or None,
        zone=timezone.get_current_timezone(),
        now=timezone.now(),
        keep_text=bool(chosen.get("keep_text")),
        phone_region=settings.PHONE_REGION,
    )
    results = []
    outcomes = import_paths(
        owner=owner,
        files=[(Path(item["path"]), item["name"]) for item in job.files],
        options=options,
        dry_run=bool(chosen.get("dry_run")),
        progress=lambda name: lambda done: progress(done, name),
    )
    for name, outcome in outcomes:
        if isinstance(outcome, FormatError):
            where = f"{name}:{outcome.line}" if outcome.line else name
            results.append({"file": name, "error": f"{where}: {outcome.reason}"})
        elif isinstance(outcome, Exception):
            results.append({"file": name, "error": f"{name}: {outcome}"})
        else:
            results.append(outcome)
    if chosen.get("me") or chosen.get("me_email"):
        profile_remember_me(
            owner=owner, names=chosen.get("me", []), emails=chosen.get("me_email", [])
        )
    job.results = results
    job.status = "failed" if all("error" in r for r in results) else "done"
    job.finished_at = timezone.now()
    job.save(update_fields=["results", "status", "finished_at"])
    shutil.rmtree(Path(job.files[0]["path"]).parent, ignore_errors=True)
    return job
