"""The one place every service asks "which rows may this principal see?"."""

from crm_common.policy.visibility import PolicyNotAvailable, visible_to

__all__ = ["PolicyNotAvailable", "visible_to"]
