"""importing — data from spreadsheets and other directories into a registry.

May import: ``changes`` (the comment-keeping writer of ``lpps set`` and ``lpps new``),
``checking``, ``rules``, ``reading``, ``model``, ``i18n``, ``text`` and the top-level modules. It
sits beside ``portal``, above the writers it uses; never ``query`` or ``cli``.

``sheets`` reads CSV/XLSX/ODS into rows, ``columns`` recognises headers, ``values`` turns
cells into field values, ``matching`` finds the record a row is about, ``rows`` turns rows
into wanted field values per record, ``plan`` builds and checks the changes and writes
them, ``admission`` records pre-registry members' admission, ``hsds_read``/``hsds_map``
read Open Referral data, ``template`` writes an empty sheet to fill in.
"""
