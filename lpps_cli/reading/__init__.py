"""reading — from files on disk to a ``model.registry.Registry``, safely and fast.

Owns YAML parsing (the safe ruamel path ``yamlio`` and the rapidyaml fast path ``fastyaml``),
line and column location of problems (``fastlocate``), the hostile-input limits, the read cache
(``readcache``), bulk and parallel reading, JSON Schema compilation (``schemas``) and the loader.
Every file is read through ``fsio``'s containment rule.

May import: ``model``, ``i18n`` and the top-level modules.
"""
