from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RollupsConfig(AppConfig):
    name = "concentric.rollups"
    label = "rollups"
    verbose_name = _("Rollups")

    def ready(self):
        from concentric.core.measures import install_insert_counter
        from concentric.rollups.services import tally_added

        install_insert_counter(tally_added)
        post_migrate.connect(count_new_measures, sender=self)


def count_new_measures(using, **kwargs) -> None:
    """After ``migrate``: count the measures that have no tallies yet from their records (an
    installation upgraded to the rollups, or an app added with measures of its own)."""
    from concentric.rollups.services import rollups_count_missing

    rollups_count_missing(using=using)
