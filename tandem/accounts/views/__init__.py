"""Views of accounts, one module per area: auth, me, organisations, invitations.

Each view: access helper (tandem.policy) → form → service (tandem.accounts.services) → redirect.
"""
