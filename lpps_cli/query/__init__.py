"""query — the coordinator's questions: lists, ``show``, ``refer``, mailing lists, reports.

Owns the rows behind every list, the ranking of ``refer``, member and service views for
``show``, recipients for mailing lists and the figures (and charts) of reports.

May import: every core layer below it (``portal`` and below); never ``cli``.
"""
