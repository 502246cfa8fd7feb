"""Normalising and checking a person's values before full_clean."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from concentric.core.crypto import normalise
from concentric.core.identity import birth_date_of, is_male_number, validate_id_number
from concentric.core.validation import has_control_characters
from concentric.people.choices import Gender, IdType

_DOCUMENT = re.compile(r"^[A-Z0-9]{5,30}$")
NAME_MAX = 50


def clean_name(value: str, *, field: str = "name", required: bool = True) -> str:
    name = " ".join((value or "").split())
    if required and not name:
        raise ValidationError({field: _("Enter the name.")})
    if len(name) > NAME_MAX:
        raise ValidationError({field: _("A name has at most %(max)d characters.") % {"max": NAME_MAX}})
    if has_control_characters(value or ""):
        raise ValidationError({field: _("The name contains invisible control characters.")})
    return name


def clean_identity(person, *, today=None) -> None:
    """Check the document number; a resident ID fills an empty birth date and gender, and
    refuses a gender its 17th digit contradicts (on the gender field)."""
    raw = person.id_number or ""
    if not raw.strip():
        person.id_number = ""
        return
    if person.id_type == IdType.RESIDENT_ID:
        try:
            number = validate_id_number(raw, birth_date=person.birth_date, today=today)
        except ValidationError as error:
            raise ValidationError({"id_number": error.messages}) from None
        derived = Gender.MALE if is_male_number(number) else Gender.FEMALE
        if person.gender and person.gender != derived:
            raise ValidationError(
                {
                    "gender": _(
                        "The ID number's 17th digit stands for the gender “%(gender)s”, which differs from the gender "
                        "given; correct the one that is wrong."
                    )
                    % {"gender": derived.label},
                }
            )
        person.id_number = number
        if person.birth_date is None:
            person.birth_date = birth_date_of(number)
        person.gender = derived
        return
    number = normalise(raw)
    if not _DOCUMENT.match(number):
        raise ValidationError({"id_number": _("A document number has 5 to 30 letters and digits.")})
    person.id_number = number
