"""checking — ``lpps validate`` as a library: schema and rule problems of a registry.

Owns running the schemas and every rule over a loaded registry (``validate``) and checking a
registry with one file's new text in memory before a write (``precheck``).

May import: ``rules``, ``reading``, ``model``, ``i18n`` and the top-level modules.
"""
