"""Uploaded workbooks are never in clear at rest and are deleted once no job needs them: after a
refused or failed dry run, after any commit, and after the keep time at the latest, by the sweep
the task worker runs."""

import io
import os
import stat
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from concentric.core import registry
from concentric.core.management.commands import worker
from concentric.core.periodic import run_due
from concentric.imports import jobs
from concentric.imports.jobs import execute_job, import_job_commit, import_job_create
from concentric.imports.models import ImportJob, ImportStatus
from concentric.imports.uploads import import_dir, path_of, read_upload, store_bytes, store_upload, sweep_uploads
from concentric.people.importing.kind import PEOPLE_IMPORT
from concentric.people.models import Person
from concentric.people.tests.conftest import id_number
from concentric.people.tests.import_helpers import row, workbook

TWO_DAYS_AGO = time.time() - 2 * 24 * 3600


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"


def uncompressed(path: Path) -> bytes:
    """The workbook with its parts stored, not deflated: its text is readable in its bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
    return buffer.getvalue()


def stored(tmp_path, rows, name="u.xlsx") -> str:
    return store_bytes(workbook(tmp_path / name, rows).read_bytes())


def job_for(users, tree, upload, **options) -> ImportJob:
    return import_job_create(
        kind=PEOPLE_IMPORT,
        actor=users["c1_staff"],
        org_unit=tree["C1"],
        upload=upload,
        file_name="成员.xlsx",
        enqueue=False,
        **options,
    )


def test_a_dry_run_keeps_the_file_for_its_commit_which_deletes_it(tmp_path, users, tree, categories):
    upload = stored(tmp_path, [row()])
    dry_run = execute_job(job_for(users, tree, upload))
    assert dry_run.status == ImportStatus.DONE and path_of(upload).exists()
    commit = execute_job(import_job_commit(actor=users["c1_staff"], dry_run_job=dry_run, allow_partial=False))
    assert commit.status == ImportStatus.DONE and Person.objects.count() == 1
    assert not path_of(upload).exists()
    with pytest.raises(jobs.UploadGone):
        import_job_commit(actor=users["c1_staff"], dry_run_job=dry_run, allow_partial=False)


def test_a_rejected_commit_deletes_the_file(tmp_path, users, tree, categories):
    upload = stored(tmp_path, [row(), row(姓名="李四", 证件号码="", 出生日期="1980-02-30")])
    commit = execute_job(job_for(users, tree, upload, dry_run=False))
    assert commit.status == ImportStatus.REJECTED and Person.objects.count() == 0
    assert not path_of(upload).exists()


def test_a_refused_dry_run_deletes_the_file(users, tree):
    upload = store_bytes(b"not a workbook")
    job = execute_job(job_for(users, tree, upload))
    assert job.status == ImportStatus.REJECTED and not path_of(upload).exists()
    assert job.message == "该文件不是 Excel 工作簿（.xlsx）。请另存为 .xlsx 格式后重新上传。"


def test_a_failed_job_deletes_the_file(tmp_path, users, tree, categories, monkeypatch):
    upload = stored(tmp_path, [row()])

    def crash(self):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(jobs.ImportRun, "run", crash)
    job = job_for(users, tree, upload)
    with pytest.raises(RuntimeError):
        execute_job(job)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and not path_of(upload).exists()


def test_a_job_whose_file_is_gone_is_rejected_with_a_message(users, tree):
    job = execute_job(job_for(users, tree, "0" * 32 + ".sm4"))
    assert job.status == ImportStatus.REJECTED
    assert job.message == "上传的文件已不再保留：它已导入过，或已上传超过一天。请重新上传。"


def test_an_altered_upload_is_not_read(tmp_path, users, tree, categories):
    upload = stored(tmp_path, [row()])
    blob = bytearray(path_of(upload).read_bytes())
    blob[20] ^= 1
    path_of(upload).write_bytes(bytes(blob))
    job = execute_job(job_for(users, tree, upload))
    assert job.status == ImportStatus.REJECTED and Person.objects.count() == 0


def test_the_sweep_deletes_expired_uploads_unless_a_job_waits_for_them(tmp_path, users, tree, categories):
    old = stored(tmp_path, [row()], "old.xlsx")
    waiting = stored(tmp_path, [row()], "waiting.xlsx")
    fresh = stored(tmp_path, [row()], "fresh.xlsx")
    for name in (old, waiting):
        os.utime(path_of(name), (TWO_DAYS_AGO, TWO_DAYS_AGO))
    job_for(users, tree, waiting)  # queued, not run yet
    assert sweep_uploads() == 1
    assert (path_of(old).exists(), path_of(waiting).exists(), path_of(fresh).exists()) == (False, True, True)


def test_the_keep_time_is_a_setting(tmp_path, settings, db):
    settings.CONCENTRIC_IMPORT_KEEP_HOURS = 72
    kept = stored(tmp_path, [row()])
    os.utime(path_of(kept), (TWO_DAYS_AGO, TWO_DAYS_AGO))
    assert sweep_uploads() == 0 and path_of(kept).exists()
    settings.CONCENTRIC_IMPORT_KEEP_HOURS = 24
    assert sweep_uploads() == 1 and not path_of(kept).exists()


def test_every_job_start_sweeps(tmp_path, users, tree, categories):
    old = stored(tmp_path, [row()], "old.xlsx")
    os.utime(path_of(old), (TWO_DAYS_AGO, TWO_DAYS_AGO))
    execute_job(job_for(users, tree, stored(tmp_path, [row()])))
    assert not path_of(old).exists()


def test_an_upload_is_encrypted_and_private_at_rest(tmp_path, settings, users, tree, categories):
    number = id_number("19800102", "123")
    content = uncompressed(workbook(tmp_path / "clear.xlsx", [row(证件号码=number)]))
    assert number.encode() in content  # the number is there in clear for anyone reading the file
    upload = store_upload(SimpleUploadedFile("成员.xlsx", content))
    execute_job(job_for(users, tree, upload))  # a dry run: the upload waits for its commit
    assert path_of(upload).exists()
    assert stat.S_IMODE(path_of(upload).stat().st_mode) == 0o600
    assert stat.S_IMODE(import_dir().stat().st_mode) == 0o700
    assert read_upload(upload) == content
    files = [path for path in Path(settings.DATA_DIR).rglob("*") if path.is_file()]
    assert files == [path_of(upload)]
    for path in files:
        data = path.read_bytes()
        assert number.encode() not in data and b"PK\x03\x04" not in data, path


def test_the_worker_sweeps_expired_uploads_on_its_schedule(tmp_path, users, tree, categories, client_for, monkeypatch):
    """The abandoned dry run's upload is swept by the task worker's periodic housekeeping; its
    page then asks for the file again."""
    upload = stored(tmp_path, [row()])
    dry_run = execute_job(job_for(users, tree, upload))
    os.utime(path_of(upload), (TWO_DAYS_AGO, TWO_DAYS_AGO))
    # The queue itself is django-tasks-db's loop (it manages its own connections): not run here.
    monkeypatch.setattr(worker.Command, "_work", lambda self, *args: None)
    call_command("worker", "--batch")
    assert not path_of(upload).exists()
    page = client_for("c1_staff").get(f"/people/import/{dry_run.pk}/").content.decode()
    assert 'data-testid="import-upload-gone"' in page and "请重新上传" in page
    assert 'data-testid="import-commit"' not in page


def test_the_sweep_runs_again_only_when_its_interval_has_passed(tmp_path, db):
    sweep = next(task for task in registry.periodic() if task.name == "import uploads sweep")
    assert sweep.every_seconds == 600
    last_run = {}
    assert run_due(last_run, now=1000.0)[sweep.name] == 0
    expired = stored(tmp_path, [row()])
    os.utime(path_of(expired), (TWO_DAYS_AGO, TWO_DAYS_AGO))
    assert sweep.name not in run_due(last_run, now=1000.0 + 599)
    assert path_of(expired).exists()
    assert run_due(last_run, now=1000.0 + 600)[sweep.name] == 1
    assert not path_of(expired).exists()
