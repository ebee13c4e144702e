// The services' APIs through the BFF (`/api/<service>/…`): typed by the generated documents.
// The browser never sees a token: the session cookie goes along, and every state-changing call
// carries the session's CSRF token, kept in memory only.
import createClient, { type Middleware } from "openapi-fetch";
import type { paths as CallCenterPaths } from "./generated/call-center";
import type { paths as IdentityPaths } from "./generated/identity";
import type { paths as KpiPaths } from "./generated/kpi";
import type { paths as LeadsPaths } from "./generated/leads";
import type { paths as NotificationsPaths } from "./generated/notifications";
import type { paths as OpportunitiesPaths } from "./generated/opportunities";
import type { paths as ServiceDeskPaths } from "./generated/service-desk";
import { ApiError } from "./errors";

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function csrfHeaders(method: string): Record<string, string> {
  return csrfToken && !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase())
    ? { "X-CSRF-Token": csrfToken }
    : {};
}

const csrf: Middleware = {
  onRequest({ request }) {
    for (const [name, value] of Object.entries(csrfHeaders(request.method))) {
      request.headers.set(name, value);
    }
    return request;
  },
};

function client<Paths extends {}>(service: string) {
  const c = createClient<Paths>({ baseUrl: `/api/${service}`, credentials: "same-origin" });
  c.use(csrf);
  return c;
}

export const identity = client<IdentityPaths>("identity");
export const leads = client<LeadsPaths>("leads");
export const opportunities = client<OpportunitiesPaths>("opportunities");
export const kpi = client<KpiPaths>("kpi");
export const callCenter = client<CallCenterPaths>("call-center");
export const serviceDesk = client<ServiceDeskPaths>("service-desk");
export const notifications = client<NotificationsPaths>("notifications");

/** The data of a call, or an ApiError carrying the status and the service's detail. */
export async function data<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data: body, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error);
  return body as T;
}

/** A file from a service (CSV, XLSX, PDF): downloaded by the browser, through the BFF. */
export function fileUrl(service: string, path: string, query: Record<string, string>): string {
  return `/api/${service}${path}?${new URLSearchParams(query).toString()}`;
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The format and media type a spreadsheet import (leads, call lists) is sent as, from the
 * file's name: a workbook as XLSX, anything else as CSV. */
export function spreadsheetFormat(fileName: string): { format: "csv" | "xlsx"; mediaType: string } {
  return fileName.toLowerCase().endsWith(".xlsx") ? { format: "xlsx", mediaType: XLSX } : { format: "csv", mediaType: "text/csv" };
}

/** A file sent as the raw body (`Content-Type` its media type), as the service desk takes a
 * ticket's attachment; the BFF passes it on as it arrives. */
export async function uploadFile<T>(service: string, path: string, query: Record<string, string>, file: Blob, mediaType: string): Promise<T> {
  const response = await fetch(fileUrl(service, path, query), {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": mediaType, ...csrfHeaders("POST") },
    body: file,
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body as T;
}

/** The largest offset the services take (their lists refuse deeper pages). */
export const MAX_OFFSET = 100_000;

/** Every row of a list the service answers a page at a time (limit/offset), page after page
 * until a short one: for a screen that needs the whole list (a tree, a picker of people). */
export async function allPages<T>(
  fetchPage: (limit: number, offset: number) => Promise<T[]>,
  pageSize: number,
): Promise<T[]> {
  const rows: T[] = [];
  for (let offset = 0; offset <= MAX_OFFSET; offset += pageSize) {
    const page = await fetchPage(pageSize, offset);
    rows.push(...page);
    if (page.length < pageSize) return rows;
  }
  throw new Error(`more than ${MAX_OFFSET} rows: too many to show at once`);
}
