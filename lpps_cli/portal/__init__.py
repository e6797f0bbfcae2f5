"""portal — the static web portal (``lpps site build``).

Owns the page tree per language, the client-side search data and the atomic swap of the built
site. It publishes the open-data files too, so it sits above ``exporters``.

May import: ``exporters``, ``documents``, ``rules``, ``reading``, ``model``, ``i18n`` and the
top-level modules.
"""
