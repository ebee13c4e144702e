"""The one place every service asks "which rows and which fields may this principal see?"."""

from crm_common.policy.fields import personal_data_level, reads_in_full
from crm_common.policy.masking import (
    id_number_seen_at,
    mask_address,
    mask_id_number,
    mask_name,
    mask_phone,
    mask_plate,
    mask_vin,
    name_seen_at,
    phone_seen_at,
    plate_seen_at,
    vin_seen_at,
)
from crm_common.policy.partners import partner_level, visible_to_partner
from crm_common.policy.sharing import DataType, Direction, SharingLevel
from crm_common.policy.visibility import (
    books_of,
    changeable_by,
    level_shared_with,
    owners_of,
    visible_to,
)

__all__ = [
    "DataType",
    "Direction",
    "SharingLevel",
    "books_of",
    "changeable_by",
    "id_number_seen_at",
    "level_shared_with",
    "mask_address",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "mask_plate",
    "mask_vin",
    "name_seen_at",
    "owners_of",
    "partner_level",
    "personal_data_level",
    "phone_seen_at",
    "plate_seen_at",
    "reads_in_full",
    "vin_seen_at",
    "visible_to",
    "visible_to_partner",
]
