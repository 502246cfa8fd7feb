"""Suspected duplicates queued by an import: same name with the same birth date or a shared
phone (either phone, crosswise), against the registry and within the file; never on the name alone."""

from datetime import date

from django.db import connection

from concentric.core.kit.importing.runner import ImportRun
from concentric.people.bulk_write import NewPerson, PersonWriter
from concentric.people.importing.kind import PEOPLE_IMPORT
from concentric.people.importing.lookups import lookup_any, people_with_name_and_birth
from concentric.people.models import DuplicateCase, Person
from concentric.people.tests.import_helpers import row, workbook


def commit(tmp_path, users, tree, rows):
    path = workbook(tmp_path / "p.xlsx", rows)
    report = ImportRun(PEOPLE_IMPORT, actor=users["c1_staff"], org_unit=tree["C1"], source=path, dry_run=False).run()
    assert report.committed, report.results
    return report


def cases() -> set:
    return {
        (Person.objects.get(pk=case.person_a_id).name, Person.objects.get(pk=case.person_b_id).name, case.reason)
        for case in DuplicateCase.objects.all()
    }


def test_same_name_and_a_shared_phone_is_queued_crosswise(tmp_path, users, tree, categories, register):
    register("李四", phone="13900000001", birth_date=date(1970, 1, 1))
    register("王五", phone="13700000002", phone2="13900000003")
    register("赵六", phone="13600000004")  # same phone as a row below, another name: not a case
    commit(
        tmp_path,
        users,
        tree,
        [
            row(姓名="李四", 证件号码="", 出生日期="1980-05-05", 手机号码="13800000009", 其他电话="13900000001"),
            row(姓名="王五", 证件号码="", 手机号码="13900000003"),
            row(姓名="孙七", 证件号码="", 手机号码="13600000004"),
        ],
    )
    assert cases() == {("李四", "李四", "name_phone"), ("王五", "王五", "name_phone")}


def test_rows_of_the_same_file_are_compared_with_each_other(tmp_path, users, tree, categories):
    commit(
        tmp_path,
        users,
        tree,
        [
            row(姓名="周八", 证件号码="", 出生日期="1985-03-04", 手机号码="13811110000"),
            row(姓名="周八", 证件号码="", 出生日期="1985-03-04", 手机号码="13822220000"),
            row(姓名="吴九", 证件号码="", 出生日期="1990-01-01", 手机号码="13833330000"),
            row(姓名="吴九", 证件号码="", 出生日期="1991-01-01", 手机号码="13844440000"),
        ],
    )
    assert cases() == {("周八", "周八", "name_birth")}
    case = DuplicateCase.objects.get()
    assert case.person_a_id < case.person_b_id


def test_lookups_stay_index_lookups_when_statistics_say_phone2_is_one_value(tree, categories):
    PersonWriter().write(
        [
            NewPerson(
                {
                    "org_unit_id": tree["C1"].pk,
                    "main_category_id": categories["non-party"].pk,
                    "name": f"张{n}",
                    "phone": f"1390000{n:04d}",
                    "birth_date": date(1980, 1, 1 + n % 28),
                }
            )
            for n in range(3000)
        ]
    )
    statements = []

    def capture(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    with connection.execute_wrapper(capture):
        digest = Person._meta.get_field("phone_index").digest
        assert len(lookup_any(("id", "name"), ("phone_index", "phone2_index"), [digest("13900000001")])) == 1
        assert len(people_with_name_and_birth({("张2", date(1980, 1, 3))})) == 1
    sqlite = connection.vendor == "sqlite"
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN ") + sql, params)
            plan = [str(row[-1]) for row in cursor.fetchall()]
            scans = [line for line in plan if line.startswith("SCAN p") or "Seq Scan on people_person" in line]
            assert not scans, plan
