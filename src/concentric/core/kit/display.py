"""How a record's fields read on its pages: masked sensitive values, labels, clear values after
an audited unmask. One place for every app."""

from datetime import date

from django.utils.formats import date_format

from concentric.core.masking import mask_field


def field_label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def masked_text(obj, name: str) -> str:
    """A stored sensitive value as pages show it: masked, choices masked whole."""
    return mask_field(type(obj)._meta.get_field(name), getattr(obj, name))


def clear_text(model, name: str, value) -> str:
    """A clear value as a person reads it: choice labels instead of codes, dates in full."""
    field = model._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    return value


def sensitive_entries(obj, names) -> list[dict]:
    """The sensitive fields of ``obj`` for its page: field, label, masked value."""
    model = type(obj)
    return [{"field": name, "label": field_label(model, name), "masked": masked_text(obj, name)} for name in names]
