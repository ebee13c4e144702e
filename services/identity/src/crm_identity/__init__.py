"""Identity: org tree, users, roles, login, signing keys (JWKS), sharing agreements."""
