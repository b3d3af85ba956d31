"""Single sign-on with the council's OpenID provider (Microsoft Entra ID), through
mozilla-django-oidc. docs/sso.md says how to set it up; docs/architecture.md where it sits.

- roles.py: the provider's role claim turned into the tracker's roles (plain functions)
- provider.py: the provider's discovery document and signing keys, cached in memory
- refusals.py: why a sign-in was refused, in words for the person
- backends.py: password sign-in (OIDC_ONLY) and the sign-in through the provider
- people.py: who the person is (subject, verified e-mail), and the account kept in step
- views.py: start, callback, no-access page and sign-out
"""
