"""Activities and the people in them, volunteer hours and their certificates, pairing projects
(结对帮扶) and donations.

An activity belongs to its organising unit and is shared with its co-organising units, which see
and count it (``share_field``) but do not change it. Participants, hours and files are kept on
the activity and scoped through it. Money is yuan in Decimal (two places); goods are an item, a
quantity and a unit, and the two are never added together.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.activities import choices
from concentric.core.fields import EncryptedTextField
from concentric.core.models import AttachedFile, VersionedModel
from concentric.core.policies import UNIT_ADMINS, dictionary, unit_records
from concentric.core.scoping import Action, ScopedManager


class ActivityType(VersionedModel):
    """公益服务, 座谈交流, 文化展览 …: an editable dictionary; ``path_evidence`` says what attending
    stands for on a member's path, ``is_volunteering`` that its sessions count as volunteer service."""

    name = models.CharField(_("name"), max_length=30, unique=True)
    path_evidence = models.CharField(
        _("on the member's path"), max_length=12, choices=choices.PathEvidence.choices, blank=True
    )
    is_volunteering = models.BooleanField(_("volunteer service"), default=False)
    sort = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ScopedManager()
    scope = dictionary()

    class Meta:
        ordering = ["sort", "id"]
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")

    def __str__(self):
        return self.name


class PairingProject(VersionedModel):
    """结对帮扶: a partner (恩施鹤峰), a period, and the activities and donations that belong to it."""

    org_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="pairing_projects"
    )
    name = models.CharField(_("name"), max_length=100)
    partner = models.CharField(_("partner"), max_length=100)
    start_on = models.DateField(_("from"))
    end_on = models.DateField(_("until"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = ScopedManager()
    # The units below see (and count) their subdistrict's pairing, as they see its venues.
    scope = unit_records("org_unit", upward_actions=frozenset({Action.VIEW}))

    class Meta:
        ordering = ["-start_on", "-id"]
        verbose_name = _("pairing project")
        verbose_name_plural = _("pairing projects")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("donations:pairing_detail", args=[self.pk])


class Activity(VersionedModel):
    org_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("organising unit"), on_delete=models.PROTECT, related_name="activities"
    )
    co_units = models.ManyToManyField(
        "org.OrgUnit", verbose_name=_("co-organising units"), blank=True, related_name="co_organised_activities"
    )
    title = models.CharField(_("title"), max_length=120)
    type = models.ForeignKey(
        ActivityType,
        verbose_name=pgettext_lazy("activity", "type"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.ForeignKey(
        "venues.Venue", verbose_name=_("venue"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    room = models.ForeignKey(
        "venues.Room", verbose_name=_("room"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(pgettext_lazy("activity", "address"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=choices.ActivityStatus.choices, default=choices.ActivityStatus.PLANNED
    )
    pairing = models.ForeignKey(
        PairingProject,
        verbose_name=_("pairing project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )

    objects = ScopedManager()
    scope = unit_records("org_unit", share_field="co_units")

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["org_unit", "-starts_at"], name="activity_unit_start")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="activity_ends_after_start"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:detail", args=[self.pk])


class ActivityFile(AttachedFile):
    """An activity's photos and attachments (the type checked by content)."""

    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="files")

    objects = ScopedManager()
    scope = unit_records("activity__org_unit", share_field="activity__co_units")

    class Meta(AttachedFile.Meta):
        verbose_name = _("activity file")
        verbose_name_plural = _("activity files")


class Participant(VersionedModel):
    """A registered member (``person``) or a guest by name, in a role, and whether they attended."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("member"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    guest_name = models.CharField(_("guest's name"), max_length=50, blank=True)
    guest_phone = EncryptedTextField(_("guest's phone"), mask="phone")
    role = models.CharField(
        _("role"), max_length=12, choices=choices.ParticipantRole.choices, default=choices.ParticipantRole.PARTICIPANT
    )
    attended = models.BooleanField(_("attended"), default=False)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True, editable=False)
    check_in_method = models.CharField(
        _("check-in"), max_length=8, choices=choices.CheckInMethod.choices, blank=True, editable=False
    )

    objects = ScopedManager()
    scope = unit_records("activity__org_unit", share_field="activity__co_units")
    SENSITIVE_FIELDS = frozenset({"guest_phone"})

    class Meta:
        ordering = ["activity", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "person"], condition=Q(person__isnull=False), name="unique_member_per_activity"
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(guest_name=""), name="participant_member_or_guest"
            ),
        ]

    def __str__(self):
        return self.person.name if self.person_id else self.guest_name


class VolunteerHours(models.Model):
    """Hours one participant served at one activity (actual time, travel excluded), recorded by
    the organising unit and approved by its administrator (谁记录谁证明). An approved entry is never
    edited: a correction is a new entry that ``replaces`` it, and only the entry no approved
    correction replaces (``is_current``) counts."""

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.PROTECT, related_name="hours"
    )
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    status = models.CharField(
        _("status"), max_length=10, choices=choices.HoursStatus.choices, default=choices.HoursStatus.PENDING
    )
    replaces = models.ForeignKey(
        "self", verbose_name=_("corrects"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_current = models.BooleanField(_("current"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    approved_by = models.ForeignKey(
        "accounts.User", verbose_name=_("approved by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    objects = ScopedManager()
    scope = unit_records(
        "participant__activity__org_unit",
        share_field="participant__activity__co_units",
        # approving is changing; an entry is deleted only before it is approved (the service says so)
        overrides={Action.CHANGE: UNIT_ADMINS, Action.UNMASK: frozenset()},
    )

    class Meta:
        ordering = ["participant", "id"]
        verbose_name = _("volunteer hours")
        verbose_name_plural = _("volunteer hours")
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="volunteer_hours_positive"),
        ]

    def __str__(self):
        return f"{self.participant} {self.hours}"


class Certificate(models.Model):
    """志愿服务记录证明: a person's approved hours over a period, as issued (the lines are kept as
    they were on the day), with a unique number anyone may check; revoking is recorded, not deleted."""

    number = models.CharField(_("number"), max_length=30, unique=True)
    org_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="certificates"
    )
    person = models.ForeignKey("people.Person", verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    total_hours = models.DecimalField(_("total hours"), max_digits=8, decimal_places=1)
    lines = models.JSONField(_("activities"), default=list)
    issued_by = models.ForeignKey(
        "accounts.User", verbose_name=_("issued by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(pgettext_lazy("certificate", "issued at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        "accounts.User", verbose_name=_("revoked by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoke_reason = models.CharField(_("reason for revoking"), max_length=200, blank=True)

    objects = ScopedManager()
    scope = unit_records(  # revoking is changing; a certificate is never deleted
        overrides={Action.CHANGE: UNIT_ADMINS, Action.DELETE: frozenset(), Action.UNMASK: frozenset()}
    )

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("volunteer service certificate")
        verbose_name_plural = _("volunteer service certificates")

    def __str__(self):
        return self.number


class Donation(VersionedModel):
    """From a member, an enterprise or a group; to a pairing project, an activity or a named
    recipient; money (yuan, two decimals) or goods (item, quantity, unit)."""

    org_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("recording unit"), on_delete=models.PROTECT, related_name="donations"
    )
    donated_on = models.DateField(_("date"))
    donor_kind = models.CharField(_("donor"), max_length=12, choices=choices.DonorKind.choices)
    donor_person = models.ForeignKey(
        "people.Person", verbose_name=_("member"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    donor_name = models.CharField(_("donor's name"), max_length=100, blank=True)
    recipient_kind = models.CharField(_("to"), max_length=12, choices=choices.RecipientKind.choices)
    pairing = models.ForeignKey(
        PairingProject,
        verbose_name=_("pairing project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="donations",
    )
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), null=True, blank=True, on_delete=models.PROTECT, related_name="donations"
    )
    recipient_name = models.CharField(_("recipient"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=8, choices=choices.DonationKind.choices)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)
    item = models.CharField(_("item"), max_length=60, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=2, null=True, blank=True)
    quantity_unit = models.CharField(_("unit of measure"), max_length=10, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)

    objects = ScopedManager()
    scope = unit_records("org_unit")

    class Meta:
        ordering = ["-donated_on", "-id"]
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        constraints = [
            # Money has an amount and no goods; goods have an item and a quantity and no amount.
            models.CheckConstraint(
                condition=(
                    Q(kind=choices.DonationKind.MONEY, amount__gt=0, quantity__isnull=True, item="")
                    | (Q(kind=choices.DonationKind.GOODS, amount__isnull=True, quantity__gt=0) & ~Q(item=""))
                ),
                name="donation_money_or_goods",
            ),
        ]

    def __str__(self):
        donor = self.donor_person.name if self.donor_person_id else self.donor_name
        return f"{self.donated_on} {donor} → {self.recipient}"

    @property
    def recipient(self) -> str:
        """Whom the donation went to: the pairing project, the activity or the named recipient."""
        if self.recipient_kind == choices.RecipientKind.PAIRING and self.pairing_id:
            return self.pairing.name
        if self.recipient_kind == choices.RecipientKind.ACTIVITY and self.activity_id:
            return self.activity.title
        return self.recipient_name

    def get_absolute_url(self):
        return reverse("donations:detail", args=[self.pk])


class DonationReceipt(AttachedFile):
    donation = models.ForeignKey(
        Donation, verbose_name=_("donation"), on_delete=models.CASCADE, related_name="receipts"
    )

    objects = ScopedManager()
    scope = unit_records("donation__org_unit")

    class Meta(AttachedFile.Meta):
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
