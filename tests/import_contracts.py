"""A contract type of our own for import-linter (pyproject.toml, [tool.importlinter]).

``public_modules``: an app reaches another app only through that app's public modules (by
default ``selectors`` for reads, ``services`` for writes, ``choices`` for its vocabulary), never
through its models, views, forms or other internals. Importers listed in ``exempt`` (the shell,
the bench, tests) may reach anywhere: they compose the apps rather than being one.
"""

from importlinter import Contract, ContractCheck, fields, output


class PublicModulesContract(Contract):
    type_name = "public_modules"

    apps = fields.ListField(subfield=fields.StringField())
    public = fields.ListField(subfield=fields.StringField(), required=False)
    exempt = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph, verbose: bool) -> ContractCheck:
        apps = [str(app) for app in self.apps]
        public = {str(name) for name in (self.public or ["selectors", "services", "choices"])}
        exempt = [str(name) for name in (self.exempt or [])]
        illegal = []
        for app in apps:
            for importer in sorted({app} | graph.find_descendants(app)):
                if _inside(importer, exempt) or ".tests" in importer:
                    continue
                for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                    other = next((candidate for candidate in apps if _inside(imported, [candidate])), None)
                    if other is None or other == app or _is_public(imported, other, public):
                        continue
                    lines = [
                        detail["line_number"]
                        for detail in graph.get_import_details(importer=importer, imported=imported)
                    ]
                    illegal.append({"importer": importer, "imported": imported, "lines": lines})
        return ContractCheck(kept=not illegal, metadata={"illegal": illegal, "public": sorted(public)})

    def render_broken_contract(self, check: ContractCheck) -> None:
        public = ", ".join(check.metadata["public"])
        for item in check.metadata["illegal"]:
            lines = ", ".join(str(line) for line in item["lines"])
            output.print_error(f"{item['importer']} -> {item['imported']} (l. {lines})", bold=False)
        output.new_line()
        output.print(f"Reach another app through its public modules ({public}).")


def _inside(module: str, packages: list[str]) -> bool:
    return any(module == package or module.startswith(package + ".") for package in packages)


def _is_public(module: str, app: str, public: set[str]) -> bool:
    """``app.selectors`` or anything below it (``app.selectors.people``)."""
    relative = module[len(app) + 1 :] if module != app else ""
    return relative.split(".")[0] in public
