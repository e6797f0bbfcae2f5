"""changes — writing a registry: new records, set, scaffolding, semantic diff over git.

Owns comment-keeping edits (``edit``, ``fieldpath``), new records and new registries
(``newrecord``, ``scaffold``), the next meeting (``planning``), git access (``gitio``) and the
semantic diff with its renderings (``semdiff``, ``diffrender``).

May import: ``checking``, ``rules``, ``reading``, ``model``, ``i18n`` and the top-level modules;
never ``documents``, ``exporters``, ``reporters`` or ``portal``.
"""
