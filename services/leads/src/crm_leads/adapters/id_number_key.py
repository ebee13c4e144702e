"""The key resident ID numbers are digested with before anything stores or compares them:
``personal_data_hash_key`` (CRM_PERSONAL_DATA_HASH_KEY), narrowed to this purpose with an
HMAC label, so a digest made here means nothing elsewhere. Changing the key changes every
digest (stored ID numbers stop matching until re-submitted); a deployment without it accepts no
ID numbers."""

from __future__ import annotations

import hashlib
import hmac

from crm_common.settings import Settings

_PURPOSE = b"crm-leads/customer-identifiers/id_number/v1"


def id_number_key(settings: Settings) -> bytes | None:
    secret = settings.personal_data_hash_key
    if secret is None:
        return None
    return hmac.new(secret.get_secret_value().encode(), _PURPOSE, hashlib.sha256).digest()
