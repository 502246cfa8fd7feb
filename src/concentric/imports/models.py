"""Import jobs of every kind and their per-row results."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from concentric.core.roles import Role
from concentric.core.scoping import Action, ScopedManager, ScopePolicy

_IMPORTERS = frozenset({Role.UNIT_ADMIN, Role.STAFF})


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    REJECTED = "rejected", _("Rejected")
    FAILED = "failed", _("Failed")


class ImportMode(models.TextChoices):
    DRY_RUN = "dry_run", _("Check only")
    COMMIT = "commit", _("Import")


class RowOutcome(models.TextChoices):  # core.kit.importing.kind.RowOutcome, with labels
    NEW = "new", _("New")
    UPDATE = "update", _("Update")
    DUPLICATE = "duplicate", _("Duplicate")
    ERROR = "error", _("Error")


class ImportJob(models.Model):
    kind = models.CharField(_("kind"), max_length=40)  # the name an import kind is registered under
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    org_unit = models.ForeignKey("org.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(_("file"), max_length=200)
    # The encrypted upload's file name under DATA_DIR/imports ("" once deleted or for none)
    upload = models.CharField(max_length=64, blank=True, editable=False)
    mode = models.CharField(_("mode"), max_length=10, choices=ImportMode.choices, default=ImportMode.DRY_RUN)
    allow_partial = models.BooleanField(_("import the valid rows only"), default=False)
    update_existing = models.BooleanField(_("update existing records"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows processed"), default=0)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ScopedManager()
    scope = ScopePolicy(
        unit_field="org_unit",
        grants={Action.VIEW: _IMPORTERS, Action.ADD: _IMPORTERS, Action.CHANGE: _IMPORTERS},
    )

    class Meta:
        ordering = ["-id"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self):
        return f"{self.file_name} ({self.get_mode_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.REJECTED, ImportStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        return int(self.rows_done * 100 / self.rows_total) if self.rows_total else 0


class ImportRowResult(models.Model):
    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="rows")
    sheet = models.CharField(_("sheet"), max_length=40)
    row_number = models.PositiveIntegerField(_("row"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=RowOutcome.choices)
    name = models.CharField(_("name"), max_length=50, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)  # [{"column", "reason"}]

    class Meta:
        ordering = ["job", "row_number"]
        indexes = [models.Index(fields=["job", "outcome", "row_number"], name="imports_row_outcome")]

    def __str__(self):
        return f"{self.sheet} row {self.row_number}: {self.outcome}"
