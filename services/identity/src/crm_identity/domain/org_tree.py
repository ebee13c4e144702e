"""The org tree of a tenant: HQ → regions → dealer groups → dealers → teams; partners beside."""

from __future__ import annotations

from enum import StrEnum

from crm_common.errors import InvalidInput


class OrgKind(StrEnum):
    HQ = "hq"
    REGION = "region"
    DEALER_GROUP = "dealer_group"
    DEALER = "dealer"
    TEAM = "team"
    DEPARTMENT = "department"
    PARTNER = "partner"


class PartnerType(StrEnum):
    FINANCE = "finance"
    INSURANCE = "insurance"
    PARTS = "parts"
    SERVICE = "service"


# Which kinds may hang below which: a dealer under a region or a dealer group, a team under a
# dealer, a partner under HQ or a dealer.
ALLOWED_PARENTS: dict[OrgKind, frozenset[OrgKind]] = {
    OrgKind.HQ: frozenset(),
    OrgKind.REGION: frozenset({OrgKind.HQ, OrgKind.REGION}),
    OrgKind.DEALER_GROUP: frozenset({OrgKind.HQ, OrgKind.REGION}),
    OrgKind.DEALER: frozenset({OrgKind.REGION, OrgKind.DEALER_GROUP}),
    OrgKind.TEAM: frozenset({OrgKind.DEALER, OrgKind.TEAM}),
    OrgKind.DEPARTMENT: frozenset({OrgKind.HQ, OrgKind.REGION, OrgKind.DEALER}),
    OrgKind.PARTNER: frozenset({OrgKind.HQ, OrgKind.DEALER}),
}


class InvalidPlacement(InvalidInput):
    def __init__(self, message: str) -> None:
        super().__init__("parent_id", message)


def child_path(parent_path: str, node_id: str) -> str:
    """Materialised path ``/hq/east/dealer-sh-01/``: a subtree is a prefix match."""
    return f"{parent_path}{node_id}/"


def paths_above(path: str) -> list[str]:
    """The paths of the nodes above a node, root first: ``/hq/east/dealer-sh-01/`` →
    ``/hq/``, ``/hq/east/``."""
    ids = path.strip("/").split("/")[:-1]
    return ["/" + "".join(f"{node_id}/" for node_id in ids[: n + 1]) for n in range(len(ids))]


def check_placement(kind: OrgKind, parent_kind: OrgKind | None) -> None:
    allowed = ALLOWED_PARENTS[kind]
    if parent_kind is None and allowed:
        raise InvalidPlacement(f"a {kind} needs a parent")
    if parent_kind is not None and parent_kind not in allowed:
        raise InvalidPlacement(f"a {kind} cannot be placed under a {parent_kind}")


def check_move(kind: OrgKind, path: str, parent_kind: OrgKind, parent_path: str) -> None:
    """A node moves below a parent its kind may hang under, never into its own subtree."""
    check_placement(kind, parent_kind)
    if within(parent_path, path):
        raise InvalidPlacement("a node cannot be moved below itself")


def within(path: str, ancestor_path: str) -> bool:
    return path.startswith(ancestor_path)
