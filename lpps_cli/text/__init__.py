"""text — record text made safe and well-formed for each place it goes.

Owns the output formats of lists (JSON, CSV with its formula guard, YAML) and the escaping of
record text for terminals, CI logs, GitHub Markdown, e-mail headers, vCard and iCalendar
(``formats``), and links and Markdown turned into HTML with limits and only safe schemes
(``markup``).

May import: ``errors`` and ``fsio`` only. Every output layer uses it; it knows nothing of records.
"""
