/**
 * Reads alerts from the ve-lens API (`GET /api/v1/alerts`), following `pageInfo.endCursor`.
 */
import type { Alert } from "../src/alerts/types";

export interface AlertPageJson {
  alerts: Alert[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every alert with `ts >= since`, in (ts, id) order. */
export async function fetchAlerts(apiUrl: string, since: number, timeoutMs: number, signal?: AbortSignal): Promise<Alert[]> {
  const out: Alert[] = [];
  let after: string | null = null;
  for (;;) {
    const params = new URLSearchParams({ since: String(since), first: "1000" });
    if (after) params.set("after", after);
    const timeout = AbortSignal.timeout(timeoutMs);
    const response = await fetch(`${apiUrl}/api/v1/alerts?${params}`, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    if (!response.ok) throw new Error(`alerts API answered HTTP ${response.status}`);
    const page = (await response.json()) as AlertPageJson;
    out.push(...page.alerts);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return out;
    after = page.pageInfo.endCursor;
  }
}
