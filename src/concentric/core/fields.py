"""Model fields for sensitive values.

``EncryptedTextField`` keeps SM4-GCM ciphertext in the database and plaintext in Python;
it supports no lookups but ``isnull`` (search goes through a blind index). ``BlindIndexField``
derives its value from another field at save time, so it can never disagree with it.
"""

from django.core.exceptions import FieldError
from django.db import models

from concentric.core import crypto
from concentric.core.masking import MASKS


class EncryptedTextField(models.TextField):
    def __init__(self, *args, mask: str = "generic", **kwargs):
        if mask not in MASKS:
            raise ValueError(f"unknown mask {mask!r}")
        self.mask = mask
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["mask"] = self.mask
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return crypto.encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            raise FieldError(f"{self.name} is encrypted: search it through its blind index")
        return super().get_lookup(lookup_name)


class BlindIndexField(models.BinaryField):
    """The blind index of ``source``: ``crypto.blind_index`` of its value, 16 bytes; NULL when the
    source is empty, so empty values share no index value and stay out of the index.

    ``purpose`` names the kind of value (default: the source field's name); fields of the same
    purpose in different models share index values, so an ID number can be matched across tables.

    Its model declares the field's index in ``Meta.indexes``, partial on ``IS NOT NULL``
    (core/tests/test_indexes.py checks that every one has one): lookups are by equality, which
    implies it, and the many empty values of a rarely filled field are not written to the index.
    """

    def __init__(self, *args, source: str, purpose: str = "", **kwargs):
        self.source = source
        self.purpose = purpose or source
        kwargs.setdefault("max_length", crypto.BLIND_INDEX_BYTES)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        kwargs["purpose"] = self.purpose
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        digest = self.digest(getattr(model_instance, self.source) or "")
        setattr(model_instance, self.attname, digest)
        return digest

    def digest(self, plaintext: str) -> bytes | None:
        """The index value of a plaintext: what to store, and what to filter on when searching
        (None for an empty one, which no filter should look for: it would match every NULL)."""
        return crypto.blind_index(plaintext, purpose=self.purpose) if plaintext else None
