"""Development and test tokens, signed with identity's key from settings (the first key of its
key store: tokens verify until a rotation has retired it, 30 days by default).

``python -m crm_common.auth.devtoken --tenant oem-1 --org dealer-sh-01 --role sales_consultant``
Refused outside development and test: real tokens come from identity's login.
"""

from __future__ import annotations

import argparse
import sys

from crm_common.auth.principal import DataScope, Principal
from crm_common.auth.tokens import sign_access_token
from crm_common.settings import Environment, Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--user", default="dev-user")
    parser.add_argument("--tenant", required=True)
    parser.add_argument("--org", required=True)
    parser.add_argument("--role", action="append", default=[])
    parser.add_argument("--scope", choices=[s.value for s in DataScope], default="dealer")
    # Services refuse tokens older than CRM_JWT_MAX_AGE_SECONDS (an hour by default).
    parser.add_argument("--ttl", type=int, default=3600)
    args = parser.parse_args()
    settings = Settings(service_name="identity")
    if settings.env is Environment.PRODUCTION:
        sys.exit("devtoken is for development and test only")
    if settings.signing_key_pem is None:
        sys.exit("CRM_SIGNING_KEY_PEM is not set")
    principal = Principal(
        user_id=args.user,
        tenant=args.tenant,
        org_node=args.org,
        roles=frozenset(args.role),
        data_scope=DataScope(args.scope),
    )
    token = sign_access_token(
        settings.signing_key_pem.get_secret_value(),
        principal,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        ttl_seconds=args.ttl,
    )
    sys.stdout.write(token + "\n")


if __name__ == "__main__":
    main()
