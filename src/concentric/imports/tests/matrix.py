"""The import jobs' declarations for the route sweeps (tests/routes.py)."""

from concentric.core.scoping import Action
from concentric.imports.models import ImportJob
from tests.routes import Spec


def _import_job(unit, key):
    job = ImportJob.objects.create(kind="people", org_unit=unit, file_name=f"矩阵{key}.xlsx")
    return job, job.file_name


FACTORIES = {ImportJob: _import_job}

ROUTE_SPECS = {
    # An upload of an import kind: writes are multipart forms; its records are the kind's model.
    "api:import": Spec(None, Action.ADD, api=True, multipart=True),
}
