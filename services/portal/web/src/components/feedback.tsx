// How a page shows a failed call: 403/404 as "not available", a 409 or other refusal with the
// service's reason (in the user's language where the service names it by a code), a 422 next
// to each field of the form.
import { Alert, App as AntApp, Button, Result, Spin, type FormInstance } from "antd";
import type { i18n as I18n, TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/errors";

/** Where the portal has its words for a refusal's list values, by the value's name. */
const WORDS_OF: Record<string, string> = { activities: "kind" };

/** A failure in the user's words: a coded refusal translated by its code (refusal.<code>), a
 * list value's items by their own words where the portal has them; else the service's reason. */
export function reasonOf(error: unknown, t: TFunction, i18n: I18n): string {
  if (error instanceof ApiError && error.code && i18n.exists(`refusal.${error.code}`)) {
    const values = Object.fromEntries(
      Object.entries(error.params).map(([name, value]) => [
        name,
        Array.isArray(value)
          ? value.map((item) => (WORDS_OF[name] ? t(`${WORDS_OF[name]}.${item}`, { defaultValue: item }) : item)).join(t("refusal.listSeparator"))
          : value,
      ]),
    );
    return t(`refusal.${error.code}`, values);
  }
  return error instanceof Error ? error.message : String(error);
}

export function NotAvailable() {
  const { t } = useTranslation();
  return <Result status="403" title={t("app.notAvailable")} subTitle={t("app.notAvailableHint")} />;
}

export function Failure({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t, i18n } = useTranslation();
  if (error instanceof ApiError && error.notAvailable) return <NotAvailable />;
  return (
    <Result
      status="warning"
      title={t("app.error")}
      subTitle={reasonOf(error, t, i18n)}
      extra={retry ? <Button onClick={retry}>{t("app.retry")}</Button> : undefined}
    />
  );
}

/** The page's content once its query has data; loading and failure in between. */
export function Loaded<T>({
  query,
  children,
}: {
  query: { data?: T; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.error) return <Failure error={query.error} retry={() => void query.refetch()} />;
  if (query.isPending || query.data === undefined) return <Spin tip={t("app.loading")}><div style={{ minHeight: 80 }} /></Spin>;
  return <>{children(query.data)}</>;
}

/** Reports a failed command: field messages onto the form when there is one, otherwise the
 * service's reason (e.g. who claimed the lead first) as a message. */
export function useFailureReport() {
  const { message } = AntApp.useApp();
  const { t, i18n } = useTranslation();
  return (error: unknown, form?: FormInstance) => {
    if (error instanceof ApiError) {
      const fields = error.fieldErrors;
      if (form && fields.length > 0) {
        form.setFields(fields);
        return;
      }
      if (error.notAvailable) {
        void message.error(t("app.notAvailable"));
        return;
      }
      if (fields.length > 0) {
        void message.error(fields.map((f) => `${f.name.join(".")}: ${f.errors.join(", ")}`).join("; "));
        return;
      }
    }
    void message.error(reasonOf(error, t, i18n));
  };
}

/** The words of a list cut at the service's cap: how many are shown, and how to ask for the
 * rest (``hint``, in the user's words). */
export function listCutText(t: TFunction, shown: number, hint?: string): string {
  return `${t("app.listCut", { count: shown })}${hint ? ` — ${hint}` : ""}`;
}

/** Says a list was cut at the service's cap (its ``…_truncated`` flag); nothing when whole. */
export function ListCut({ cut, shown, hint }: { cut: boolean; shown: number; hint?: string }) {
  const { t } = useTranslation();
  if (!cut) return null;
  return <Alert type="info" showIcon role="status" message={listCutText(t, shown, hint)} style={{ marginBottom: 8 }} />;
}
