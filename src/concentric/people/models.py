"""The member registry: people, their categories, the member's path and related records.

Sensitive values (ID numbers, phones, addresses, political affiliation, religion, relatives'
phones) are SM4-GCM ciphertext at rest; equality search and filtering go through blind indexes.
Search tokens and the derived stage are written by the services only.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from concentric.core.fields import BlindIndexField, EncryptedTextField
from concentric.core.models import VersionedModel
from concentric.core.policies import WRITERS, dictionary, unit_records
from concentric.core.roles import BUSINESS_ROLES
from concentric.core.scoping import Action, ScopedManager, ScopePolicy
from concentric.people import choices


def check_period(start, end) -> None:
    """A period that ends before it starts is refused (on its end)."""
    if start and end and end < start:
        raise ValidationError({"end_on": _("The end date is before the start date.")})


def check_not_future(**dates) -> None:
    """Something that happened cannot have happened after today (Asia/Shanghai)."""
    today = timezone.localdate()
    errors = {name: _("This date is in the future.") for name, value in dates.items() if value and value > today}
    if errors:
        raise ValidationError(errors)


class Category(VersionedModel):
    """A category of united-front member: the official twelve, their sub-groups, and local ones."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subgroups",
    )
    is_official = models.BooleanField(_("official category"), default=False)
    sort = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ScopedManager()
    scope = dictionary()

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return f"{self.parent.name} / {self.name}" if self.parent_id else self.name

    def clean(self):
        # One level of sub-groups only (the four groups of 新的社会阶层人士).
        if self.parent_id and (self.parent.parent_id or self.parent_id == self.pk):
            raise ValidationError({"parent": _("A sub-group belongs directly to a top-level category.")})


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=30, unique=True)

    objects = ScopedManager()
    scope = ScopePolicy(unit_field=None, grants={Action.VIEW: BUSINESS_ROLES, Action.ADD: WRITERS})

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name


class Person(VersionedModel):
    # Both foreign keys lead the composite indexes of Meta (unit or category, newest first),
    # which serve their lookups too: an index of their own would only be written on every insert.
    org_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="people", db_index=False
    )
    name = models.CharField(_("name"), max_length=50)
    name_pinyin = models.CharField(_("pinyin"), max_length=200, blank=True, editable=False)
    former_names = models.CharField(_("former names"), max_length=100, blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=choices.Gender.choices, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=8, choices=choices.ETHNICITY_CHOICES, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    id_type = models.CharField(
        _("ID document"), max_length=20, choices=choices.IdType.choices, default=choices.IdType.RESIDENT_ID
    )
    id_number = EncryptedTextField(_("ID document number"), mask="id_number")
    id_number_index = BlindIndexField(source="id_number", purpose="id_number")
    phone = EncryptedTextField(_("mobile phone"), mask="phone")
    phone_index = BlindIndexField(source="phone", purpose="phone")
    phone2 = EncryptedTextField(_("other phone"), mask="phone")
    phone2_index = BlindIndexField(source="phone2", purpose="phone")
    household_address = EncryptedTextField(_("household registration address"))
    residence_address = EncryptedTextField(_("residence address"))
    work_address = EncryptedTextField(_("work address"))
    education = models.CharField(_("education"), max_length=12, choices=choices.Education.choices, blank=True)
    occupation = models.CharField(_("occupation"), max_length=60, blank=True)
    work_unit = models.CharField(_("work unit"), max_length=100, blank=True)
    post = models.CharField(_("post"), max_length=60, blank=True)
    title = models.CharField(_("professional title"), max_length=60, blank=True)
    political_affiliation = EncryptedTextField(_("political affiliation"), choices=choices.PoliticalAffiliation.choices)
    political_affiliation_index = BlindIndexField(source="political_affiliation")
    party_joined_on = models.DateField(_("joined on"), null=True, blank=True)
    second_party = EncryptedTextField(_("second party"), choices=choices.PoliticalAffiliation.choices)
    second_party_index = BlindIndexField(source="second_party", purpose="political_affiliation")
    second_party_joined_on = models.DateField(_("second party joined on"), null=True, blank=True)
    religion = EncryptedTextField(_("religion"), choices=choices.Religion.choices)
    religion_index = BlindIndexField(source="religion")
    overseas_status = models.CharField(
        _("overseas status"), max_length=20, choices=choices.OverseasStatus.choices, blank=True
    )
    overseas_country = models.CharField(_("country or region"), max_length=60, blank=True)
    photo = models.FileField(_("photo"), upload_to="photos/%Y/", blank=True)
    remarks = models.TextField(_("remarks"), blank=True)
    tier = models.CharField(_("tier"), max_length=16, choices=choices.Tier.choices, blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="people")
    main_category = models.ForeignKey(
        Category,
        verbose_name=_("main category"),
        on_delete=models.PROTECT,
        related_name="main_people",
        db_index=False,
    )
    categories = models.ManyToManyField(Category, verbose_name=_("categories"), related_name="people")
    stage = models.CharField(
        _("stage"), max_length=12, choices=choices.Stage.choices, blank=True, default="", editable=False
    )
    stage_since = models.DateField(_("in stage since"), null=True, blank=True, editable=False)

    objects = ScopedManager()
    scope = unit_records("org_unit")
    # Masked on pages, in the API and in exports; unmasking is audited. The birth date is stored
    # in clear (age filters, duplicate checks) but masked with the rest: it is the part of the ID
    # number that the ID number's mask hides.
    SENSITIVE_FIELDS = frozenset(
        {
            "id_number",
            "birth_date",
            "phone",
            "phone2",
            "household_address",
            "residence_address",
            "work_address",
            "political_affiliation",
            "second_party",
            "religion",
        }
    )

    class Meta:
        ordering = ["-id"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        indexes = [
            models.Index(fields=["org_unit", "-id"], name="person_unit_id"),
            models.Index(fields=["main_category", "-id"], name="person_category_id"),
            models.Index(fields=["birth_date"], name="person_birth_date"),
            models.Index(fields=["name", "birth_date"], name="person_name_birth"),
            # Blind indexes: equality lookups only, partial on IS NOT NULL (see BlindIndexField).
            # id_number_index's is the unique constraint's below.
            models.Index(fields=["phone_index"], condition=Q(phone_index__isnull=False), name="person_phone_index"),
            models.Index(fields=["phone2_index"], condition=Q(phone2_index__isnull=False), name="person_phone2_index"),
            models.Index(
                fields=["political_affiliation_index"],
                condition=Q(political_affiliation_index__isnull=False),
                name="person_party_index",
            ),
            models.Index(
                fields=["second_party_index"],
                condition=Q(second_party_index__isnull=False),
                name="person_second_party_index",
            ),
            models.Index(
                fields=["religion_index"], condition=Q(religion_index__isnull=False), name="person_religion_index"
            ),
            models.Index(fields=["overseas_status"], name="person_overseas_status"),
            models.Index(fields=["tier"], name="person_tier"),
            models.Index(fields=["stage"], name="person_stage"),
        ]
        constraints = [
            # The service refuses duplicates with a helpful message; this closes the race. Its
            # index is the blind index's: every lookup by ID number goes through it.
            models.UniqueConstraint(
                fields=["id_number_index"], condition=Q(id_number_index__isnull=False), name="unique_person_id_number"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:detail", args=[self.pk])


class PersonSearchToken(models.Model):
    """Search keys of a person, one row each (see people.search): name characters and pairs,
    pinyin and initials, phone last four. Equality and prefix-range lookups use the index."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="search_tokens")
    token = models.CharField(max_length=48)

    class Meta:
        indexes = [models.Index(fields=["token", "person"], name="person_token")]

    def __str__(self):
        return f"{self.person_id}: {self.token}"


class PathEvent(models.Model):
    """One dated step on the member's path, with its evidence."""

    person = models.ForeignKey(Person, verbose_name=_("member"), on_delete=models.CASCADE, related_name="path_events")
    stage = models.CharField(_("stage"), max_length=12, choices=choices.Stage.choices[1:])
    kind = models.CharField(_("kind"), max_length=16, choices=choices.PathEventKind.choices)
    occurred_on = models.DateField(_("date"))
    source = models.CharField(_("by whom / from where"), max_length=100, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # Evidence another line of work keeps up to date (an activity attended: "activity-participant:12");
    # empty for steps entered by hand.
    origin = models.CharField(_("recorded from"), max_length=60, blank=True, editable=False, db_default="")

    objects = ScopedManager()
    scope = unit_records("person__org_unit")

    class Meta:
        ordering = ["occurred_on", "id"]
        verbose_name = _("path record")
        verbose_name_plural = _("path records")
        constraints = [
            models.UniqueConstraint(fields=["origin"], condition=~Q(origin=""), name="unique_path_event_origin"),
        ]

    def __str__(self):
        return f"{self.occurred_on} {self.get_stage_display()} {self.get_kind_display()}"

    def clean(self):
        if self.stage and self.kind and self.kind not in choices.STAGE_EVENT_KINDS.get(self.stage, ()):
            raise ValidationError({"kind": _("This kind of record does not belong to the chosen stage.")})
        check_not_future(occurred_on=self.occurred_on)


class PersonRecord(VersionedModel):
    """Base of the records kept on a person; scoped through the person's unit."""

    person = models.ForeignKey(Person, verbose_name=_("member"), on_delete=models.CASCADE, related_name="+")

    objects = ScopedManager()
    scope = unit_records("person__org_unit")

    class Meta:
        abstract = True


class Arrangement(PersonRecord):
    """人大代表/政协委员 with level, 届次, 界别; posts in associations (新联会, 侨联, 工商联, 新乡贤联谊会 …)."""

    person = models.ForeignKey(Person, verbose_name=_("member"), on_delete=models.CASCADE, related_name="arrangements")
    kind = models.CharField(_("kind"), max_length=20, choices=choices.ArrangementKind.choices)
    level = models.CharField(_("level"), max_length=12, choices=choices.Level.choices, blank=True)
    organisation = models.CharField(_("organisation"), max_length=100, blank=True)
    term = models.CharField(_("term"), max_length=30, blank=True)
    sector = models.CharField(_("sector"), max_length=60, blank=True)
    post = models.CharField(_("post"), max_length=60, blank=True)
    start_on = models.DateField(_("from"), null=True, blank=True)
    end_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-start_on", "-id"]
        verbose_name = _("arrangement or post")
        verbose_name_plural = _("arrangements and posts")

    def __str__(self):
        return " ".join(filter(None, [self.organisation, self.term, self.post])) or self.get_kind_display()

    def clean(self):
        check_period(self.start_on, self.end_on)


class Honour(PersonRecord):
    person = models.ForeignKey(Person, verbose_name=_("member"), on_delete=models.CASCADE, related_name="honours")
    name = models.CharField(_("honour"), max_length=100)
    level = models.CharField(_("level"), max_length=12, choices=choices.Level.choices, blank=True)
    issuer = models.CharField(_("awarded by"), max_length=100, blank=True)
    awarded_on = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        ordering = ["-awarded_on", "-id"]
        verbose_name = _("honour")
        verbose_name_plural = _("honours")

    def __str__(self):
        return self.name

    def clean(self):
        check_not_future(awarded_on=self.awarded_on)


class Training(PersonRecord):
    person = models.ForeignKey(Person, verbose_name=_("member"), on_delete=models.CASCADE, related_name="trainings")
    name = models.CharField(_("training"), max_length=100)
    organiser = models.CharField(_("organiser"), max_length=100, blank=True)
    start_on = models.DateField(_("from"), null=True, blank=True)
    end_on = models.DateField(_("until"), null=True, blank=True)
    hours = models.DecimalField(
        pgettext_lazy("training", "hours"), max_digits=6, decimal_places=1, null=True, blank=True
    )

    class Meta:
        ordering = ["-start_on", "-id"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def __str__(self):
        return self.name

    def clean(self):
        check_period(self.start_on, self.end_on)
        if self.hours is not None and self.hours < 0:
            raise ValidationError({"hours": _("Hours cannot be negative.")})


class FamilyMember(PersonRecord):
    """Family members and important social relations, including relatives abroad."""

    person = models.ForeignKey(Person, verbose_name=_("member"), on_delete=models.CASCADE, related_name="relatives")
    relation = models.CharField(_("relation"), max_length=30)
    name = models.CharField(_("name"), max_length=50)
    work_unit = models.CharField(_("work unit and post"), max_length=100, blank=True)
    is_abroad = models.BooleanField(_("lives abroad"), default=False)
    country = models.CharField(_("country or region"), max_length=60, blank=True)
    phone = EncryptedTextField(_("phone"), mask="phone")
    remarks = models.CharField(_("remarks"), max_length=200, blank=True)

    SENSITIVE_FIELDS = frozenset({"phone"})

    class Meta:
        ordering = ["id"]
        verbose_name = _("family member or relation")
        verbose_name_plural = _("family members and relations")

    def __str__(self):
        return f"{self.relation} {self.name}"


class ContactRecord(PersonRecord):
    """走访: a contact or visit, with its follow-up."""

    person = models.ForeignKey(Person, verbose_name=_("member"), on_delete=models.CASCADE, related_name="contacts")
    contacted_on = models.DateField(_("date"))
    staff = models.CharField(_("by"), max_length=100)
    method = models.CharField(_("how"), max_length=10, choices=choices.ContactMethod.choices)
    summary = models.TextField(_("summary"))
    follow_up = models.TextField(_("follow-up"), blank=True)

    class Meta:
        ordering = ["-contacted_on", "-id"]
        verbose_name = _("contact record")
        verbose_name_plural = _("contact records")

    def __str__(self):
        return f"{self.contacted_on} {self.get_method_display()}"

    def clean(self):
        check_not_future(contacted_on=self.contacted_on)


class DuplicateStatus(models.TextChoices):
    OPEN = "open", _("Awaiting review")
    MERGED = "merged", _("Merged")
    DISMISSED = "dismissed", _("Not a duplicate")


class DuplicateReason(models.TextChoices):
    NAME_BIRTH = "name_birth", _("Same name and birth date")
    NAME_PHONE = "name_phone", _("Same name and phone")
    PHONE = "phone", _("Same phone")


class DuplicateCase(models.Model):
    """A suspected duplicate, queued for a person to review; never merged silently."""

    # A merged case keeps the surviving record in person_a; the removed one becomes null.
    person_a = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    person_b = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(_("reason"), max_length=16, choices=DuplicateReason.choices)
    status = models.CharField(_("status"), max_length=10, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN)
    found_at = models.DateTimeField(_("found at"), auto_now_add=True)
    resolved_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    objects = ScopedManager()
    # Visible when the first record is; the review page also checks the second one.
    scope = unit_records("person_a__org_unit")

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="unique_duplicate_pair"),
            models.CheckConstraint(condition=Q(person_a__lt=F("person_b")), name="duplicate_pair_ordered"),
        ]
        verbose_name = _("suspected duplicate")
        verbose_name_plural = _("suspected duplicates")

    def __str__(self):
        return f"{self.person_a_id} / {self.person_b_id} ({self.get_reason_display()})"


class Departure(models.Model):
    """A member taken off the register: the person's record is deleted, this line stays, so a
    month's net increase counts the departure (registered and removed in the same month: no
    increase). A merged duplicate leaves none: it was never a second member. Written only by
    ``person_delete``."""

    org_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("owning unit"), on_delete=models.PROTECT, related_name="+"
    )
    person_id = models.PositiveIntegerField(_("member's record number"))
    name = models.CharField(_("name"), max_length=50)
    main_category = models.ForeignKey(
        Category, verbose_name=_("main category"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_on = models.DateField(_("registered on"))
    removed_on = models.DateField(_("removed on"))
    removed_by = models.ForeignKey(
        "accounts.User", verbose_name=_("removed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedManager()
    scope = unit_records(
        "org_unit",
        overrides={action: frozenset() for action in (Action.ADD, Action.CHANGE, Action.DELETE, Action.UNMASK)},
    )

    class Meta:
        ordering = ["-removed_on", "-id"]
        verbose_name = _("departure from the register")
        verbose_name_plural = _("departures from the register")
        indexes = [models.Index(fields=["org_unit", "removed_on"], name="people_departure_unit_day")]

    def __str__(self):
        return f"{self.name} ({self.removed_on})"
