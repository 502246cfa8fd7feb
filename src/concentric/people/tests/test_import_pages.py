"""The import pages and API: upload, dry run as a background task, progress, commit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from concentric.imports.models import ImportJob, ImportRowResult
from concentric.people.models import Person
from concentric.people.tests.import_helpers import row, table_hashes, workbook

pytestmark = pytest.mark.usefixtures("immediate_tasks")


@pytest.fixture
def immediate_tasks(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.DATA_DIR = tmp_path


def upload(tmp_path, rows, name="成员.xlsx"):
    return SimpleUploadedFile(name, workbook(tmp_path / "u.xlsx", rows).read_bytes())


def test_upload_dry_runs_then_commit_all_or_valid_only(
    tmp_path, client_for, tree, categories, django_capture_on_commit_callbacks
):
    client = client_for("c1_staff")
    page = client.get("/people/import/")
    assert page.status_code == 200
    rows = [row(证件号码=""), row(姓名="李四", 证件号码="", 出生日期="1980-02-30")]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/people/import/", {"file": upload(tmp_path, rows), "unit": tree["C1"].pk})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/people/import/{job.pk}/"
    assert (job.status, job.mode, job.rows_total, job.rows_done) == ("done", "dry_run", 2, 2)
    assert Person.objects.count() == 0
    page = client.get(f"/people/import/{job.pk}/")
    text = page.content.decode()
    assert (
        '<td>人员信息</td><td>3</td><td>李四</td><td class="d-none d-sm-table-cell">错误</td><td>出生日期</td><td>日期不存在。</td>'
        in text
    )
    assert 'name="allow_partial" value="1"' in text  # only "valid rows only" is offered while a row is bad
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/people/import/{job.pk}/", {"allow_partial": "0"})
    commit = ImportJob.objects.exclude(pk=job.pk).get()
    assert (commit.status, commit.summary["committed"]) == ("rejected", False)
    assert Person.objects.count() == 0
    # The finished commit deleted the upload: the dry run's page asks for it again.
    assert "allow_partial" not in client.get(f"/people/import/{job.pk}/").content.decode()
    assert client.post(f"/people/import/{job.pk}/", {"allow_partial": "1"})["Location"] == "/people/import/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/people/import/", {"file": upload(tmp_path, rows), "unit": tree["C1"].pk})
    dry_run = ImportJob.objects.order_by("-pk").first()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/people/import/{dry_run.pk}/", {"allow_partial": "1"})
    last = ImportJob.objects.order_by("-pk").first()
    assert (last.status, last.summary["counts"]["new"]) == ("done", 1)
    assert list(Person.objects.values_list("name", flat=True)) == ["张三"]


def test_the_results_show_the_bad_rows_first_and_every_row_of_a_clean_file(
    tmp_path, client_for, tree, categories, django_capture_on_commit_callbacks
):
    client = client_for("c1_staff")
    for rows in ([row(证件号码=""), row(姓名="李四", 证件号码="", 出生日期="1980-02-30")], [row(证件号码="")]):
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/people/import/", {"file": upload(tmp_path, rows), "unit": tree["C1"].pk})
    with_errors, clean = ImportJob.objects.order_by("pk")
    text = client.get(f"/people/import/{with_errors.pk}/").content.decode()
    assert "<strong>有错误的行</strong>" in text and "<td>李四</td>" in text and "<td>张三</td>" not in text
    text = client.get(f"/people/import/{with_errors.pk}/?show=all").content.decode()
    assert "<strong>全部行</strong>" in text and "<td>李四</td>" in text and "<td>张三</td>" in text
    text = client.get(f"/people/import/{clean.pk}/").content.decode()  # nothing bad: every row, not "no rows"
    assert "<strong>全部行</strong>" in text and "<td>张三</td>" in text


def test_progress_partial_for_htmx(tmp_path, client_for, users, tree):
    job = ImportJob.objects.create(
        kind="people",
        created_by=users["c1_staff"],
        org_unit=tree["C1"],
        file_name="a.xlsx",
        status="running",
        rows_total=200,
        rows_done=50,
    )
    response = client_for("c1_staff").get(f"/people/import/{job.pk}/", HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert '<progress class="w-100" max="100" value="25"' in text and "<html" not in text
    assert 'hx-trigger="every 1s"' in text
    job.status = "done"
    job.save()
    assert client_for("c1_staff").get(f"/people/import/{job.pk}/", HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"


def test_jobs_of_other_units_answer_404(client_for, users, tree):
    job = ImportJob.objects.create(kind="people", created_by=users["c2_staff"], org_unit=tree["C2"], file_name="a.xlsx")
    assert client_for("c1_staff").get(f"/people/import/{job.pk}/").status_code == 404
    assert client_for("c1_staff").get(f"/api/v1/people/import/{job.pk}/").status_code == 404
    assert client_for("c2_staff").get(f"/people/import/{job.pk}/").status_code == 200


def test_a_hostile_upload_is_refused_on_the_page(tmp_path, client_for, tree, django_capture_on_commit_callbacks):
    bad = SimpleUploadedFile("a.xlsx", b"not a workbook at all")
    before = table_hashes()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("c1_staff").post("/people/import/", {"file": bad, "unit": tree["C1"].pk})
    job = ImportJob.objects.get()
    assert job.status == "rejected"
    assert job.message == "该文件不是 Excel 工作簿（.xlsx）。请另存为 .xlsx 格式后重新上传。"
    assert response.status_code == 302
    assert table_hashes() == before


def test_leaders_and_other_units_cannot_import(tmp_path, client_for, tree, categories):
    assert client_for("leader").get("/people/import/").status_code == 403
    response = client_for("c1_staff").post(
        "/people/import/", {"file": upload(tmp_path, [row()]), "unit": tree["C2"].pk}
    )
    assert response.status_code == 200 and ImportJob.objects.count() == 0


def test_an_inactive_unit_takes_no_imports_as_it_takes_no_registrations(tmp_path, client_for, tree, categories):
    tree["C2"].is_active = False
    tree["C2"].save(update_fields=["is_active"])
    client = client_for("sub_staff")
    offered = client.get("/people/import/").context["form"].fields["unit"].queryset
    assert tree["C1"] in offered and tree["C2"] not in offered
    page = client.post("/people/import/", {"file": upload(tmp_path, [row()]), "unit": tree["C2"].pk})
    api = client.post("/api/v1/people/import/", {"file": upload(tmp_path, [row()]), "unit": tree["C2"].pk})
    assert page.status_code == 200 and api.status_code == 400
    assert ImportJob.objects.count() == 0


def test_the_template_downloads(client_for, categories):
    response = client_for("c1_staff").get("/people/import/template/")
    assert response.status_code == 200
    assert response.content[:4] == b"PK\x03\x04"
    assert "attachment" in response["Content-Disposition"]


def test_the_api_queues_and_reports(tmp_path, client_for, tree, categories, django_capture_on_commit_callbacks):
    client = client_for("c1_staff")
    rows = [row(证件号码=""), row(姓名="李四", 证件号码="", 手机号码="12345")]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/people/import/", {"file": upload(tmp_path, rows), "unit": tree["C1"].pk, "dry_run": "true"}
        )
    assert response.status_code == 202, response.content
    job_id = response.json()["id"]
    detail = client.get(f"/api/v1/people/import/{job_id}/").json()
    assert detail["status"] == "done" and detail["summary"]["counts"] == {
        "new": 1,
        "update": 0,
        "duplicate": 0,
        "error": 1,
    }
    assert detail["rows"] == [
        {
            "sheet": "人员信息",
            "row_number": 3,
            "outcome": "error",
            "name": "李四",
            "errors": [{"column": "手机号码", "reason": "请输入以 1 开头的 11 位手机号码，或带区号的固定电话号码。"}],
        }
    ]
    assert Person.objects.count() == 0
    refused = client.post("/api/v1/people/import/", {"file": upload(tmp_path, rows), "unit": tree["C2"].pk})
    assert refused.status_code == 400 and set(refused.json()) == {"code", "message", "fields"}
    assert client_for("leader").post("/api/v1/people/import/", {"unit": tree["C1"].pk}).status_code == 403
    assert ImportRowResult.objects.filter(job_id=job_id).count() == 2
