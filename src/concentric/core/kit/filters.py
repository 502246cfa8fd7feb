"""Binding a FilterSet the same way on the list page, its export, the API and the command line:
an invalid or out-of-scope value is an error everywhere, never silently dropped."""

from django.http import QueryDict


class FiltersInvalid(Exception):
    """A filter value is invalid or outside the user's scope: ``errors`` maps field names to
    messages (the API's error body), ``labelled`` labels to messages (pages, the command line)."""

    def __init__(self, filterset):
        form = filterset.form
        self.errors = {name: [str(message) for message in messages] for name, messages in form.errors.items()}
        self.labelled = {
            (str(form.fields[name].label) if name in form.fields else ""): messages for name, messages in self.errors.items()
        }
        super().__init__(self.errors)


def bind_filters(filterset_class, data, queryset, request):
    """The FilterSet bound to ``data`` (a QueryDict or a dict; empty values ignored)."""
    if not isinstance(data, QueryDict):
        query = QueryDict(mutable=True)
        for key, value in data.items():
            if isinstance(value, (list, tuple)):
                query.setlist(key, [str(item) for item in value])
            elif value is not None:
                query[key] = str(value)
        data = query
    return filterset_class(data, queryset=queryset, request=request)


def describe_filters(filterset) -> str:
    """The filters in use, for the audit event of an export: "filter: q=社区; kind=community"."""
    used = [
        f"{name}={','.join(filterset.data.getlist(name))}"
        for name in filterset.form.fields
        if filterset.form.cleaned_data.get(name) not in (None, "", [])
    ]
    return "filter: " + ("; ".join(used) if used else "none")


def filtered(filterset_class, data, queryset, request):
    """(the filtered queryset, the audit description of the filters) or FiltersInvalid."""
    filterset = bind_filters(filterset_class, data, queryset, request)
    if not filterset.is_valid():
        raise FiltersInvalid(filterset)
    return filterset.qs, describe_filters(filterset)
