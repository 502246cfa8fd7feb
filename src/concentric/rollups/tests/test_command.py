"""``concentric rollups check`` notices tallies that differ from the records; ``rebuild`` puts
them right, audited."""

import pytest
from django.core.management import CommandError, call_command

from concentric.audit.models import AuditEvent
from concentric.people.models import Category
from concentric.people.services import person_create
from concentric.rollups.models import Tally
from concentric.rollups.selectors import figure


def test_check_finds_a_drifted_tally_and_rebuild_puts_it_right(users, tree, capsys):
    category = Category.objects.get(code="non-party")
    for name in ("张三", "李四"):
        person_create(actor=users["c1_staff"], org_unit=tree["C1"], name=name, main_category=category)
    call_command("rollups", "check")
    assert "equal the records" in capsys.readouterr().out

    Tally.objects.filter(measure="members").update(hundredths=500)  # as a manual SQL fix would leave it
    with pytest.raises(CommandError, match="differ"):
        call_command("rollups", "check")
    assert "members: 1 cell(s) differ" in capsys.readouterr().out

    call_command("rollups", "rebuild", "--measure", "members")
    assert figure("members", units=[tree["C1"].pk]) == 2
    call_command("rollups", "check")
    event = AuditEvent.objects.filter(action="rebuild").get()
    assert (event.object_type, event.object_repr) == ("rollups.tally", "members")


def test_an_unknown_measure_is_named(db):
    with pytest.raises(CommandError, match=r"unknown measure.*nonsense"):
        call_command("rollups", "rebuild", "--measure", "nonsense")


def test_migrate_counts_the_measures_that_have_no_tallies_yet(users, tree):
    """An installation upgraded to the rollups: the records are there, the tallies not yet."""
    category = Category.objects.get(code="non-party")
    person_create(actor=users["c1_staff"], org_unit=tree["C1"], name="张三", main_category=category)
    Tally.objects.all().delete()
    call_command("migrate", "rollups", verbosity=0)
    assert figure("members", units=[tree["C1"].pk]) == 1
