"""Uploaded workbooks are deleted once no job needs them: after a refused or failed dry run,
after any commit, and a day after upload at the latest."""

import os
import time
from pathlib import Path

import pytest

from concentric.people.importing import jobs
from concentric.people.importing.jobs import execute_job, import_dir, import_job_commit, import_job_create, sweep_uploads
from concentric.people.importing.models import ImportJob, ImportStatus
from concentric.people.models import Person
from concentric.people.tests.import_helpers import row, workbook


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"


def stored(tmp_path, rows, name="u.xlsx") -> Path:
    source = workbook(tmp_path / name, rows)
    target = import_dir() / f"{name}.xlsx"
    target.write_bytes(source.read_bytes())
    return target


def job_for(users, tree, path, **options) -> ImportJob:
    return import_job_create(
        actor=users["c1_staff"], org_unit=tree["C1"], stored_path=path, file_name="成员.xlsx", enqueue=False, **options
    )


def test_a_dry_run_keeps_the_file_for_its_commit_which_deletes_it(tmp_path, users, tree, categories):
    path = stored(tmp_path, [row()])
    dry_run = execute_job(job_for(users, tree, path))
    assert dry_run.status == ImportStatus.DONE and path.exists()
    commit = execute_job(import_job_commit(actor=users["c1_staff"], dry_run_job=dry_run, allow_partial=False))
    assert commit.status == ImportStatus.DONE and Person.objects.count() == 1
    assert not path.exists()
    with pytest.raises(jobs.UploadGone):
        import_job_commit(actor=users["c1_staff"], dry_run_job=dry_run, allow_partial=False)


def test_a_rejected_commit_deletes_the_file(tmp_path, users, tree, categories):
    path = stored(tmp_path, [row(), row(姓名="李四", 证件号码="", 出生日期="1980-02-30")])
    commit = execute_job(job_for(users, tree, path, dry_run=False))
    assert commit.status == ImportStatus.REJECTED and Person.objects.count() == 0
    assert not path.exists()


def test_a_refused_dry_run_deletes_the_file(users, tree):
    path = import_dir() / "bad.xlsx"
    path.write_bytes(b"not a workbook")
    job = execute_job(job_for(users, tree, path))
    assert job.status == ImportStatus.REJECTED and not path.exists()


def test_a_failed_job_deletes_the_file(tmp_path, users, tree, categories, monkeypatch):
    path = stored(tmp_path, [row()])

    def crash(self):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(jobs.ImportRun, "run", crash)
    job = job_for(users, tree, path)
    with pytest.raises(RuntimeError):
        execute_job(job)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and not path.exists()


def test_a_job_whose_file_is_gone_is_rejected_with_a_message(users, tree):
    job = execute_job(job_for(users, tree, import_dir() / "gone.xlsx"))
    assert job.status == ImportStatus.REJECTED
    assert job.message == "上传的文件已不再保留：它已导入过，或已上传超过一天。请重新上传。"


def test_the_sweep_deletes_day_old_uploads_unless_a_job_waits_for_them(tmp_path, users, tree, categories):
    old = stored(tmp_path, [row()], "old.xlsx")
    waiting = stored(tmp_path, [row()], "waiting.xlsx")
    fresh = stored(tmp_path, [row()], "fresh.xlsx")
    two_days_ago = time.time() - 2 * 24 * 3600
    for path in (old, waiting):
        os.utime(path, (two_days_ago, two_days_ago))
    job_for(users, tree, waiting)  # queued, not run yet
    assert sweep_uploads() == 1
    assert (old.exists(), waiting.exists(), fresh.exists()) == (False, True, True)


def test_every_job_start_sweeps(tmp_path, users, tree, categories):
    old = stored(tmp_path, [row()], "old.xlsx")
    os.utime(old, (time.time() - 2 * 24 * 3600,) * 2)
    execute_job(job_for(users, tree, stored(tmp_path, [row()])))
    assert not old.exists()
