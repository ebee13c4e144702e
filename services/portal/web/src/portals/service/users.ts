// Who a ticket's owner is, by name where the caller may read the users of their scope
// (identity's user.read); otherwise "me" or the user's id.
import { useTranslation } from "react-i18next";
import { can, useSession } from "../../session";
import { useUsers } from "../shared/directory";

export function useStaff() {
  const session = useSession();
  return useUsers({ enabled: can(session, "user.read") });
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
