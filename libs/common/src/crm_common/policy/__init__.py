"""The one place every service asks "which rows and which fields may this principal see?"."""

from crm_common.policy.fields import personal_data_level
from crm_common.policy.masking import mask_address, mask_id_number, mask_name, mask_phone
from crm_common.policy.sharing import DataType, SharingLevel
from crm_common.policy.visibility import visible_to

__all__ = [
    "DataType",
    "SharingLevel",
    "mask_address",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "personal_data_level",
    "visible_to",
]
