"""The activity import kind: one row per participant of an activity, with attendance and hours.

- Reading: the kit's cells and parsers, plus the activity type by name, volunteer hours, and the
  member found by document number among the members the actor may see in the chosen unit and
  below (an unknown number and one out of scope read alike); then the rules across columns
  (a member's name, a guest's phone, attendance only at a held activity, hours only for
  attendees and within the activity's length), and the activity's columns against the activity
  already on file in the unit with that title and start (one lookup per activity), or else
  against the file's earlier rows of the same activity.
- Settling a batch: the same member (or guest) twice in one activity, in the file or on file.
- Writing, in the import's transaction: the new activities, the participants, pending volunteer
  hours (approval stays with the unit's administrator), and the step on the member's path of
  each attendee of a held activity. The runner audits the import as one event.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concentric.activities.choices import ActivityStatus, CheckInMethod, HoursStatus, ParticipantRole
from concentric.activities.importing.cells import TypeIndex, parse_hours
from concentric.activities.importing.columns import ACTIVITY_FIELDS, COLUMNS, DATA_SHEET, NOTES, YES
from concentric.activities.importing.grouping import (
    ActivitiesInFile,
    activity_key,
    disagreements_with_file,
    given_activity_values,
)
from concentric.activities.models import Activity, Participant, VolunteerHours
from concentric.activities.services.evidence import sync_evidence
from concentric.core.kit.importing.cells import CellError, checked_text
from concentric.core.kit.importing.kind import ImportHandler, ImportKind, RowOutcome
from concentric.core.scoping import Action
from concentric.people.selectors import member_by_id_number
from concentric.people.services.validation import clean_name
from concentric.rollups.services import tally_added


class ActivityImport(ImportHandler):
    def __init__(self, run):
        super().__init__(run)
        self.types = TypeIndex()
        self.in_file = ActivitiesInFile()
        self.on_file: dict[tuple, Activity | None] = {}  # key -> the unit's activity (None: new)
        self.ambiguous: set[tuple] = set()  # keys of which the unit has several activities
        self.taken: dict[tuple, tuple | None] = {}  # who is in an activity -> (sheet, row), None: on file
        self.written: dict[tuple, Activity] = {}  # key -> the activity rows are added to
        self.made: list[Activity] = []  # the activities the import made

    # --- reading -----------------------------------------------------------------------------

    def parsers(self) -> dict:
        return {
            "activity_type": self.types.parse,
            "hours": parse_hours,
            "participant_name": self._name,
            "member": self._member,
        }

    @staticmethod
    def _name(column, raw) -> str:
        return clean_name(checked_text(column, raw, limit=False))

    def _member(self, column, raw) -> tuple[int, str]:
        if isinstance(raw, float) and raw >= 1e15:
            raise CellError(_("The number was stored as a number and lost digits; enter it as text."))
        found = member_by_id_number(user=self.run.actor, unit=self.run.org_unit, id_number=checked_text(column, raw))
        if found is None:
            raise CellError(_("No member with this ID number in the chosen unit or its subunits."))
        return found

    def _header(self, row):
        return lambda field: self.run.header_of(field, row.sheet)

    def complete(self, row, values: dict) -> None:
        header = self._header(row)
        key = activity_key(values)
        if key is not None:
            self._check_activity(key, row, given_activity_values(row, values, header), header)
        self._check_times(row, values, header)
        participant = self._participant(row, values, header)
        if row.errors:
            return
        activity = {field: values.get(field, "") for field in ("title", "starts_at", *ACTIVITY_FIELDS)}
        row.values = {"activity": activity, "participant": participant, "hours": values.get("hours")}
        row.related = key

    def _check_activity(self, key, row, given: dict, header) -> None:
        """The row's activity columns against the activity on file in the unit, or else against
        the file's earlier rows of the same activity."""
        if key not in self.on_file:
            self._look_up_activity(key)
        if key in self.ambiguous:
            row.errors.append(
                {
                    "column": header("title"),
                    "reason": _(
                        "The unit has several activities with this title and start; "
                        "add these participants on the activity's page."
                    ),
                }
            )
        elif self.on_file[key] is not None:
            row.errors += disagreements_with_file(self.on_file[key], given, header)
        else:
            self.in_file.check(key, row, given, header)

    def _look_up_activity(self, key: tuple) -> None:
        """The unit's activity with this title and start, if any, and who already takes part in it."""
        title, starts_at = key
        found = list(
            Activity.objects.visible_to(self.run.actor, Action.CHANGE)
            .filter(org_unit=self.run.org_unit, title=title, starts_at=starts_at)
            .select_related("type")[:2]
        )
        self.on_file[key] = found[0] if len(found) == 1 else None
        if len(found) > 1:
            self.ambiguous.add(key)
        elif found:
            for participant in Participant.objects.filter(activity=found[0]):
                self.taken.setdefault(self._who(key, vars(participant)), None)

    @staticmethod
    def _check_times(row, values, header) -> None:
        starts_at, ends_at = values.get("starts_at"), values.get("ends_at")
        if starts_at and ends_at and ends_at < starts_at:
            row.errors.append({"column": header("ends_at"), "reason": _("The end is before the start.")})

    @staticmethod
    def _participant(row, values, header) -> dict:
        """The participant's fields, with the rules across columns checked."""
        member = values.get("member")
        name = values.get("name")
        if member is not None and name and member[1] != name:
            row.errors.append(
                {
                    "column": header("member"),
                    "reason": _("The member with this ID number has another name than the one on this row."),
                }
            )
        if member is not None and values.get("guest_phone"):
            row.errors.append(
                {
                    "column": header("guest_phone"),
                    "reason": _("A phone is given for guests only; a member's phone is kept on the member's record."),
                }
            )
        attended = values.get("attended") == YES
        status = values.get("status")
        if attended and status and status != ActivityStatus.HELD:
            row.errors.append(
                {
                    "column": header("attended"),
                    "reason": _("Only a held activity has attendees: set the status to Held."),
                }
            )
        hours = values.get("hours")
        attendance_refused = any(error["column"] == header("attended") for error in row.errors)
        if hours is not None and not attended and not attendance_refused:
            row.errors.append({"column": header("hours"), "reason": _("Hours are recorded for attendees only.")})
        elif hours is not None and values.get("starts_at") and values.get("ends_at"):
            lasted = (values["ends_at"] - values["starts_at"]).total_seconds() / 3600
            if hours > lasted and lasted >= 0:
                row.errors.append(
                    {
                        "column": header("hours"),
                        "reason": _("More hours than the activity lasted (%(hours)s hours).")
                        % {"hours": f"{lasted:.1f}".removesuffix(".0")},
                    }
                )
        return {
            "person_id": member[0] if member else None,
            "guest_name": "" if member else (name or ""),
            "guest_phone": values.get("guest_phone") or "",
            "role": values.get("role") or ParticipantRole.PARTICIPANT,
            "attended": attended,
            "check_in_method": CheckInMethod.IMPORT if attended else "",
        }

    # --- settling a batch --------------------------------------------------------------------

    def settle(self, batch: list) -> list:
        decided = []
        for row in batch:
            if row.errors:
                decided.append((RowOutcome.ERROR, None))
            elif self._is_duplicate(row):
                decided.append((RowOutcome.DUPLICATE, None))
            else:
                decided.append((RowOutcome.NEW, None))
        return decided

    @staticmethod
    def _who(key: tuple, participant: dict) -> tuple:
        """What makes a participant the same one twice: the member, or a guest's name and phone."""
        if participant["person_id"]:
            return (*key, "member", participant["person_id"])
        return (*key, "guest", participant["guest_name"], participant["guest_phone"] or "")

    def _is_duplicate(self, row) -> bool:
        participant = row.values["participant"]
        who = self._who(row.related, participant)
        if who not in self.taken:
            self.taken[who] = (row.sheet, row.row_number)
            return False
        column = self.run.header_of("member" if participant["person_id"] else "name", row.sheet)
        first = self.taken[who]
        if first is None:
            reason = _("This participant is already recorded for this activity.")
        else:
            reason = _("The same participant of the same activity is already on row %(row)d of sheet %(sheet)s.") % {
                "row": first[1],
                "sheet": first[0],
            }
        row.errors.append({"column": column, "reason": reason})
        return True

    # --- writing -----------------------------------------------------------------------------

    def insert(self, rows: list) -> None:
        made_before = {activity.pk for activity in self.made}
        participants = [Participant(activity=self._activity_for(row), **row.values["participant"]) for row in rows]
        Participant.objects.bulk_create(participants)
        note = _("Imported from %(file)s") % {"file": self.run.file_name}
        VolunteerHours.objects.bulk_create(
            [
                VolunteerHours(
                    participant=participant,
                    hours=row.values["hours"],
                    status=HoursStatus.PENDING,
                    recorded_by=self.run.actor,
                    note=note[:200],
                )
                for participant, row in zip(participants, rows, strict=True)
                if row.values["hours"] is not None
            ]
        )
        self._tally(made_before, participants)
        for participant in participants:
            if participant.person_id and participant.attended and participant.activity.status == ActivityStatus.HELD:
                sync_evidence(self.run.actor, participant)

    def _tally(self, made_before: set, participants: list) -> None:
        """Count the batch in the rollups: the activities it made, with everything on them, and the
        participants (with their hours) it added to activities that were there before it."""
        made_now = [activity.pk for activity in self.made if activity.pk not in made_before]
        tally_added(Activity._meta.label, made_now)
        made_now = set(made_now)
        tally_added(Participant._meta.label, [p.pk for p in participants if p.activity_id not in made_now])

    def _activity_for(self, row) -> Activity:
        """The activity the row's participant joins: the unit's own, or one made from the row."""
        key = row.related
        if key not in self.written:
            activity = self.on_file.get(key)
            if activity is None:
                activity = Activity(org_unit=self.run.org_unit, **row.values["activity"])
                activity.full_clean()  # the columns were read as the model checks them: a refusal here is a defect
                activity.save()
                self.made.append(activity)
            self.written[key] = activity
        return self.written[key]


ACTIVITY_IMPORT = ImportKind(
    name="activities",
    model=Activity,
    columns=COLUMNS,
    sheet=DATA_SHEET,
    title=gettext_lazy("Import activities and participants"),
    template_title="活动及参与人导入",
    handler=ActivityImport,
    unit_field="org_unit",
    label_field="name",
    notes=NOTES,
    list_url="activities:list",
    list_label=gettext_lazy("Activities"),
)
