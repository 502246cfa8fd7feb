"""The writes of information publishing: columns, items, their review workflow, featured members
and body images. Each is keyword-only, atomic, checks the actor's right and audits itself."""
