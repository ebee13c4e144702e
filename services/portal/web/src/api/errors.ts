// What a failed call means to the person in front of the screen.

export type FieldErrors = { name: (string | number)[]; errors: string[] }[];

type ValidationItem = { loc?: (string | number)[]; msg?: string };

/** A refusal's values, each a word or a list of words (crm_common.errors.CodedRefusal). */
export type RefusalParams = Record<string, string | string[]>;

export class ApiError extends Error {
  readonly status: number;
  readonly detail: unknown;
  /** The refusal's stable name, when the service gives one: what the portal words it by. */
  readonly code?: string;
  readonly params: RefusalParams;

  constructor(status: number, body: unknown) {
    const answer = body as { detail?: unknown; code?: unknown; params?: unknown } | undefined;
    const detail = answer?.detail ?? body;
    super(typeof detail === "string" ? detail : `HTTP ${status}`);
    this.status = status;
    this.detail = detail;
    this.code = typeof answer?.code === "string" ? answer.code : undefined;
    this.params = typeof answer?.params === "object" && answer.params !== null ? (answer.params as RefusalParams) : {};
  }

  /** 403 and 404 both mean: this is not yours to see or do. */
  get notAvailable(): boolean {
    return this.status === 403 || this.status === 404;
  }

  /** A 422's messages by field, as Ant Design's form.setFields takes them (the location's
   * first part, body/query/path, dropped). */
  get fieldErrors(): FieldErrors {
    if (this.status !== 422 || !Array.isArray(this.detail)) return [];
    const byField = new Map<string, FieldErrors[number]>();
    for (const item of this.detail as ValidationItem[]) {
      const name = (item.loc ?? []).slice(1);
      if (name.length === 0) continue;
      const key = JSON.stringify(name);
      const entry = byField.get(key) ?? { name, errors: [] };
      entry.errors.push(item.msg ?? "invalid");
      byField.set(key, entry);
    }
    return [...byField.values()];
  }
}
