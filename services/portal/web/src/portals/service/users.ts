// Who a ticket's owner is, by name where the caller may read the users of their scope
// (identity's user.read); otherwise "me" or the user's id.
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { data, identity } from "../../api/client";
import { can, useSession } from "../../session";

const USERS_PAGE = 500;

export function useStaff() {
  const session = useSession();
  return useQuery({
    queryKey: ["users", "staff"],
    queryFn: () => data(identity.GET("/users", { params: { query: { limit: USERS_PAGE } } })),
    enabled: can(session, "user.read"),
    staleTime: 5 * 60_000,
  });
}

export function useOwnerName(): (userId: string | null | undefined) => string {
  const { t } = useTranslation();
  const session = useSession();
  const staff = useStaff();
  const names = new Map((staff.data ?? []).map((u) => [u.id, u.username]));
  return (userId) => {
    if (!userId) return t("ticket.unassigned");
    if (userId === session.user_id) return t("ticket.me");
    return names.get(userId) ?? userId;
  };
}
