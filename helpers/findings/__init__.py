"""The claims each notebook's text makes, one module per notebook (``nb03.py`` for 03), one function per
section: it takes the section's measurements and returns the section's :class:`helpers.claims.Claim`\\ s.

A notebook shows them with ``check.section("name", **measurements)`` (``helpers/claims.py``), so the
learner reads one line and one compact table instead of the checking code. Claim ids are the ledger's
keys (``results/claims.json``): keep them stable, and run ``make claims NB=NN`` after changing a claim.
"""
