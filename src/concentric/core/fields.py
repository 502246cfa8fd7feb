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


class BlindIndexField(models.CharField):
    """HMAC-SM3 of the normalised value of ``source``; empty when the source is empty.

    ``purpose`` names the kind of value (default: the source field's name); fields of the same
    purpose in different models share index values, so an ID number can be matched across tables.

    Its model declares the field's index in ``Meta.indexes`` (core/tests/test_indexes.py checks
    that every one has one). ``db_index`` would add, on PostgreSQL, a second ``varchar_pattern_ops``
    index for LIKE, which a digest is never searched with, to be written on every insert.
    """

    def __init__(self, *args, source: str, purpose: str = "", **kwargs):
        self.source = source
        self.purpose = purpose or source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("editable", False)
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

    def digest(self, plaintext: str) -> str:
        """The index value of a plaintext: what to store, and what to filter on when searching."""
        return crypto.blind_index(plaintext, purpose=self.purpose) if plaintext else ""
