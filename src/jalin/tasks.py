"""Background work, run by huey's workers (started by ``jalin serve``, or ``jalin worker``)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

PROGRESS_EVERY = 250


def progress_key(job_id: int) -> str:
    return f"import-progress:{job_id}"


def import_progress(job_id: int) -> dict | None:
    """Return ``{"records": n, "file": name}`` for a running import job, if it reported any."""
    return HUEY.get(progress_key(job_id), peek=True)


@db_task()
def run_import_job(job_id: int) -> None:
    from jalin.core.services.jobs import import_job_run

    def progress(done: int, name: str) -> None:
        if done % PROGRESS_EVERY == 0:
            HUEY.put(progress_key(job_id), {"records": done, "file": name})

    try:
        import_job_run(job_id, progress=progress)
    except Exception as error:
        from jalin.core.models import ImportJob

        ImportJob.objects.filter(pk=job_id).update(
            status="failed", results=[{"error": f"the import stopped: {error}"}]
        )
        raise
    finally:
        HUEY.get(progress_key(job_id))  # reading without peek removes the key


@db_periodic_task(crontab(hour="3", minute="30"))
def rescore_every_network() -> None:
    """Rescore every owner's network each night: a status changes as days pass silently."""
    from jalin.core.services.maintenance import query_statistics_refresh
    from jalin.core.services.scores import rescore_stale

    rescore_stale()
    query_statistics_refresh()


@db_task()
def refresh_query_statistics() -> None:
    """Refresh the database's statistics for its query planner (when the server starts)."""
    from jalin.core.services.maintenance import query_statistics_refresh

    query_statistics_refresh()


@db_periodic_task(crontab(minute="*/15"))
def deliver_reminders() -> None:
    """Make the day's reminders and send the digests that are due, every quarter hour (a
    digest waits at most that long past its hour; a machine that slept catches up)."""
    from jalin.core.services.digest import reminders_deliver

    reminders_deliver()
