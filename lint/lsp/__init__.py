"""The language server (``cliniclint lsp``): cliniclint's findings where writers draft.

It needs the ``lsp`` extra (pygls). The server converts; it never lints on its
own: ``projects`` runs the library per configuration, ``positions`` converts
offsets to the client's UTF-16 positions, ``diagnostics`` turns findings into
diagnostics and hovers, ``actions`` into fixes and suppression comments, and
``server`` wires them to the protocol.
"""
