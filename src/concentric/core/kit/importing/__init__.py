"""The import kit: an app declares an ImportKind (its columns and a handler for what is its
own) and registers it with core.registry.add_import_kind; the template, the file guard, the
reader, the row checks and the runner here, and the jobs, pages, API and command of the imports
app, work for every registered kind."""
