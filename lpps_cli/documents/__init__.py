"""documents — what people read on paper or in mail: brochure, agendas, minutes, invitations.

Owns the sandboxed template environment (``render``), document bodies and shared document data
(``bodies``), the brochure, meeting documents, invitations (.eml with .ics), charts and PDF.

May import: ``rules``, ``reading``, ``model``, ``i18n`` and the top-level modules; never
``exporters``, ``reporters``, ``changes`` or ``portal``.
"""
