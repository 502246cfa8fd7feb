"""Import jobs: storing the upload, queueing the background task, running it with progress.

An upload is kept only while it may still be imported: it is deleted when its dry run is refused
or fails, when a commit of it finishes (whatever the outcome), and otherwise after a day (the
sweep at the start of every job), so a workbook of members never lingers on disk.
"""

import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from concentric.core.scoping import Action
from concentric.core.services import require
from concentric.people.importing.guard import ImportRefused, check_upload_size
from concentric.people.importing.models import ImportJob, ImportMode, ImportRowResult, ImportStatus
from concentric.people.importing.runner import ImportRun
from concentric.people.models import Person

RESULT_BATCH = 5000
KEEP_UPLOADS_SECONDS = 24 * 3600


def import_dir() -> Path:
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store_upload(upload) -> Path:
    """Write an uploaded file under DATA_DIR/imports with a random name; refuse an oversized one."""
    check_upload_size(upload.size)
    target = import_dir() / f"{uuid.uuid4().hex}.xlsx"
    with target.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return target


@transaction.atomic
def import_job_create(*, actor, org_unit, stored_path: Path, file_name: str, dry_run: bool = True,
                      allow_partial: bool = False, update_existing: bool = False, enqueue: bool = True) -> ImportJob:
    """A queued job for a stored file; the task starts once this transaction commits."""
    require(actor, Action.ADD, Person, org_unit)
    job = ImportJob.objects.create(
        created_by=actor, org_unit=org_unit, file_name=file_name[:200], stored_path=str(stored_path),
        mode=ImportMode.DRY_RUN if dry_run else ImportMode.COMMIT, allow_partial=allow_partial,
        update_existing=update_existing,
    )
    if enqueue:
        transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
    return job


class UploadGone(Exception):
    """The dry-run file was already imported or removed: it must be uploaded again."""


def upload_present(job: ImportJob) -> bool:
    return Path(job.stored_path).is_file()


def import_job_commit(*, actor, dry_run_job: ImportJob, allow_partial: bool) -> ImportJob:
    """Queue the commit of a file that was dry-run (by this user, on a unit they may add to)."""
    if dry_run_job.mode != ImportMode.DRY_RUN or dry_run_job.status != ImportStatus.DONE:
        raise PermissionDenied
    if not upload_present(dry_run_job):
        raise UploadGone
    return import_job_create(
        actor=actor, org_unit=dry_run_job.org_unit, stored_path=Path(dry_run_job.stored_path),
        file_name=dry_run_job.file_name, dry_run=False, allow_partial=allow_partial,
        update_existing=dry_run_job.update_existing,
    )


def sweep_uploads(max_age: float = KEEP_UPLOADS_SECONDS) -> int:
    """Delete uploads older than ``max_age`` seconds that no queued or running job still needs."""
    in_use = set(
        ImportJob.objects.filter(status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING]).values_list("stored_path", flat=True)
    )
    cutoff = time.time() - max_age
    removed = 0
    for path in import_dir().iterdir():
        try:
            if path.is_file() and str(path) not in in_use and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            pass  # removed meanwhile by another job
    return removed


def _finish_upload(job: ImportJob) -> None:
    """Delete the job's upload unless a successful dry run leaves it waiting for its commit."""
    if job.mode == ImportMode.DRY_RUN and job.status == ImportStatus.DONE:
        return
    Path(job.stored_path).unlink(missing_ok=True)


def execute_job(job: ImportJob) -> ImportJob:
    """Run a job now, in this process: the task's body, also used by the command."""
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    sweep_uploads()
    try:
        return _execute(job)
    finally:
        _finish_upload(job)


def _execute(job: ImportJob) -> ImportJob:
    if not upload_present(job):
        with translation.override("zh-hans"):
            job.status = ImportStatus.REJECTED
            job.message = _(
                "The uploaded file is no longer kept: it was imported already or is more than a day old. "
                "Upload it again."
            )
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "message", "finished_at"])
        return job

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(rows_done=done, rows_total=total)

    run = ImportRun(
        actor=job.created_by, org_unit=job.org_unit, path=job.stored_path, file_name=job.file_name,
        dry_run=job.mode == ImportMode.DRY_RUN, allow_partial=job.allow_partial,
        update_existing=job.update_existing, progress=progress,
    )
    try:
        report = run.run()
    except ImportRefused as refusal:
        job.status, job.message = ImportStatus.REJECTED, refusal.message
    except PermissionDenied:
        with translation.override("zh-hans"):
            job.status, job.message = ImportStatus.REJECTED, _("You may not add members to this unit.")
    except Exception:
        with translation.override("zh-hans"):
            job.status, job.message = ImportStatus.FAILED, _("The import failed; nothing was changed.")
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "message", "finished_at"])
        raise
    else:
        _save_results(job, report.results)
        job.summary = report.summary()
        job.rows_total = job.rows_done = report.rows_total
        job.message = report.message
        job.status = ImportStatus.DONE if (report.committed or job.mode == ImportMode.DRY_RUN) else ImportStatus.REJECTED
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "summary", "rows_total", "rows_done", "finished_at"])
    return job


def _save_results(job: ImportJob, results: list) -> None:
    ImportRowResult.objects.filter(job=job).delete()
    for start in range(0, len(results), RESULT_BATCH):
        ImportRowResult.objects.bulk_create(
            ImportRowResult(job=job, sheet=sheet[:40], row_number=row, outcome=outcome, name=name, errors=errors)
            for sheet, row, outcome, name, errors in results[start : start + RESULT_BATCH]
        )


@task()
def run_import_job(job_id: int) -> str:
    job = ImportJob.objects.select_related("created_by", "org_unit").get(pk=job_id)
    return execute_job(job).status
