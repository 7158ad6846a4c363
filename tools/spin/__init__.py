"""Build scripts for the spin model (thesaurus, counts, simulator, training); not installed with cliniclint."""
