"""A raw look at the database must show no ID number or phone number in clear."""

import pytest
from django.db import connection

from concentric.accounts.models import User
from conftest import make_user

PHONE = "13912345678"
ID_NUMBER = "330102195001011237"


def _raw_row(user_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_user WHERE id = %s", [user_id])
        return " ".join(str(value) for value in cursor.fetchone())


def test_sensitive_fields_are_ciphertext_in_the_table(tree):
    user = make_user("enc", tree["C1"], phone=PHONE, id_number=ID_NUMBER)
    raw = _raw_row(user.pk)
    assert PHONE not in raw and ID_NUMBER not in raw
    reloaded = User.objects.get(pk=user.pk)
    assert (reloaded.phone, reloaded.id_number) == (PHONE, ID_NUMBER)


def test_search_goes_through_the_blind_index(tree):
    user = make_user("enc", tree["C1"], phone=PHONE)
    digest = User._meta.get_field("phone_index").digest("139 1234 5678")
    assert list(User.objects.filter(phone_index=digest)) == [user]
    assert list(
        User.objects.filter(phone_index=User._meta.get_field("phone_index").digest("１３９１２３４５６７８"))
    ) == [user]
    with pytest.raises(Exception, match="blind index"):
        User.objects.filter(phone=PHONE).exists()


@pytest.mark.django_db(transaction=True)
def test_the_sqlite_file_holds_no_clear_values(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("file check applies to the embedded SQLite database")
    from concentric.org.models import OrgUnit

    unit = OrgUnit.objects.create(code="X", name="X", kind="community", path="/x/")
    make_user("enc", unit, phone=PHONE, id_number=ID_NUMBER)
    copy = tmp_path / "copy.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(copy)])
    content = copy.read_bytes()
    assert copy.stat().st_size > 0
    for clear in (PHONE, ID_NUMBER):
        assert clear.encode() not in content
        assert clear.encode("utf-16-le") not in content
