// What a failed call means to the person in front of the screen.

export type FieldErrors = { name: (string | number)[]; errors: string[] }[];

type ValidationItem = { loc?: (string | number)[]; msg?: string };

export class ApiError extends Error {
  readonly status: number;
  readonly detail: unknown;

  constructor(status: number, body: unknown) {
    const detail = (body as { detail?: unknown } | undefined)?.detail ?? body;
    super(typeof detail === "string" ? detail : `HTTP ${status}`);
    this.status = status;
    this.detail = detail;
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
