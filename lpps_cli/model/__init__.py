"""model — the registry in memory and what it means.

Owns the records and the registry (``registry``), the taxonomy and its labels, term matching,
capacity arithmetic, the audience filter that decides what is public (``audience``), the reverse
index, ids (``slug``), and findings (``problems``, ``suggest``: "did you mean").

May import: ``i18n`` and the top-level modules. Never reads files: that is ``reading``.
"""
