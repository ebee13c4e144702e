import { Tag } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { duration, slaClass, type SlaClock } from "./sla";

/** The time now, again every `everyMs`: countdowns move on their own. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function SlaTag({ clock, withTarget = true }: { clock: SlaClock; withTarget?: boolean }) {
  const { t } = useTranslation();
  const { state, remainingMs } = clock;
  const text =
    state === "on_track" || state === "due_soon"
      ? t("sla.left", { time: duration(remainingMs ?? 0) })
      : state === "breached"
        ? t("sla.overdue", { time: duration(remainingMs ?? 0) })
        : t(`sla.${state}`);
  return (
    <Tag className={slaClass(state)} data-sla={state}>
      {withTarget ? `${t(`sla.${clock.target}`)} · ${text}` : text}
    </Tag>
  );
}
