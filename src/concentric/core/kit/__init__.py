"""The app kit: a line of work is mostly declarations.

- ``Table`` and ``Column``: one column declaration for the list page and the export;
- ``Crud``: a model's pages (list, detail, create, edit, delete, unmask, export) from its
  FilterSet, Table, form and services, with permission and scope checked by the base pages;
- ``KitForm``: the form base (actor and record given, edit forms filled, versions carried);
- ``ChildRecords``: records kept on a parent record (a member's honours, trainings …);
- ``CrudViewSet``: the API resource of a Crud declaration (core.kit.api).

docs/adding-a-line-of-work.md walks through a new app.
"""
