"""The demo season: written through the services, co-organised in part, with members and guests,
held where past (the members' paths show it); loading twice adds nothing."""

from datetime import date

from concentric.activities.demo import SEASON
from concentric.activities.models import Activity, Participant
from concentric.core.demo import season_year
from concentric.people.models import PathEvent
from concentric.shell.demo import load_demo


def test_the_demo_season_is_alive_and_loaded_once(db):
    result = load_demo()
    assert result.created["活动"] == len(SEASON) == Activity.objects.count()
    assert Activity.objects.filter(co_units__isnull=False).distinct().count() >= 4
    assert Participant.objects.filter(person__isnull=True).exists()
    held = Activity.objects.filter(status="held")
    assert held.exists()
    attended = Participant.objects.filter(activity__in=held, person__isnull=False, attended=True)
    assert PathEvent.objects.filter(origin__startswith="activity-participant:").count() == attended.count() - (
        attended.filter(activity__type__path_evidence="", role__in=["participant", "organiser"]).count()
    )
    assert load_demo().created["活动"] == 0


def test_the_season_is_the_latest_autumn():
    assert season_year(date(2026, 12, 7)) == 2026
    assert season_year(date(2027, 3, 1)) == 2026
