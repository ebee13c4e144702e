"""Who is calling: RS256 access tokens verified against the issuer's JWKS, as a Principal."""

from crm_common.auth.principal import DataScope, Principal

__all__ = ["DataScope", "Principal"]
