"""Import jobs: queueing the background task for a stored upload, running it with progress,
committing a dry run, the results kept per row."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from concentric.core import registry
from concentric.core.crypto import DecryptionFailed
from concentric.core.kit.importing.guard import ImportRefused
from concentric.core.kit.importing.runner import ImportRun
from concentric.core.scoping import Action
from concentric.core.services import require
from concentric.imports.models import ImportJob, ImportMode, ImportRowResult, ImportStatus
from concentric.imports.uploads import delete_upload, read_upload, sweep_uploads, upload_exists

RESULT_BATCH = 5000


class UploadGone(Exception):
    """The dry-run file was already imported or removed: it must be uploaded again."""


def upload_gone_message() -> str:
    return _("The uploaded file is no longer kept: it was imported already or is more than a day old. Upload it again.")


def kind_of(job: ImportJob):
    return registry.import_kinds()[job.kind]


@transaction.atomic
def import_job_create(
    *,
    kind,
    actor,
    org_unit,
    upload: str,
    file_name: str,
    dry_run: bool = True,
    allow_partial: bool = False,
    update_existing: bool = False,
    enqueue: bool = True,
) -> ImportJob:
    """A queued job for a stored upload; the task starts once this transaction commits."""
    require(actor, Action.ADD, kind.model, org_unit)
    job = ImportJob.objects.create(
        kind=kind.name,
        created_by=actor,
        org_unit=org_unit,
        file_name=file_name[:200],
        upload=upload,
        mode=ImportMode.DRY_RUN if dry_run else ImportMode.COMMIT,
        allow_partial=allow_partial,
        update_existing=update_existing and kind.updates,
    )
    if enqueue:
        transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
    return job


def upload_present(job: ImportJob) -> bool:
    return upload_exists(job.upload)


def import_job_commit(*, actor, dry_run_job: ImportJob, allow_partial: bool) -> ImportJob:
    """Queue the commit of a file that was dry-run (by this user, on a unit they may add to)."""
    if dry_run_job.mode != ImportMode.DRY_RUN or dry_run_job.status != ImportStatus.DONE:
        raise PermissionDenied
    if not upload_present(dry_run_job):
        raise UploadGone
    return import_job_create(
        kind=kind_of(dry_run_job),
        actor=actor,
        org_unit=dry_run_job.org_unit,
        upload=dry_run_job.upload,
        file_name=dry_run_job.file_name,
        dry_run=False,
        allow_partial=allow_partial,
        update_existing=dry_run_job.update_existing,
    )


def _finish_upload(job: ImportJob) -> None:
    """Delete the job's upload unless a successful dry run leaves it waiting for its commit."""
    if job.mode == ImportMode.DRY_RUN and job.status == ImportStatus.DONE:
        return
    delete_upload(job.upload)


def execute_job(job: ImportJob) -> ImportJob:
    """Run a job now, in this process: the task's body."""
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    job.status = ImportStatus.RUNNING
    sweep_uploads()
    try:
        return _execute(job)
    finally:
        _finish_upload(job)


def _refuse(job: ImportJob, message: str) -> ImportJob:
    job.status, job.message, job.finished_at = ImportStatus.REJECTED, message, timezone.now()
    job.save(update_fields=["status", "message", "finished_at"])
    return job


def _execute(job: ImportJob) -> ImportJob:
    with translation.override("zh-hans"):
        try:
            data = read_upload(job.upload)
        except (FileNotFoundError, ValueError, DecryptionFailed):
            return _refuse(job, upload_gone_message())
        if job.kind not in registry.import_kinds():
            return _refuse(job, _("This kind of import is no longer offered."))

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(rows_done=done, rows_total=total)

    run = ImportRun(
        kind_of(job),
        actor=job.created_by,
        org_unit=job.org_unit,
        source=data,
        file_name=job.file_name,
        dry_run=job.mode == ImportMode.DRY_RUN,
        allow_partial=job.allow_partial,
        update_existing=job.update_existing,
        progress=progress,
    )
    try:
        report = run.run()
    except ImportRefused as refusal:
        job.status, job.message = ImportStatus.REJECTED, refusal.message
    except PermissionDenied:
        with translation.override("zh-hans"):
            job.status, job.message = ImportStatus.REJECTED, _("You may not add these records to this unit.")
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
        job.status = (
            ImportStatus.DONE if (report.committed or job.mode == ImportMode.DRY_RUN) else ImportStatus.REJECTED
        )
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
