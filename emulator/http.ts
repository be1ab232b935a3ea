/** The emulator's transport-neutral request and response (the app is a pure function of these). */

export interface EmuRequest {
  method: string;
  /** Raw (still percent-encoded) path, without the query string. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

export interface EmuResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
  /** Destroy the connection instead of (or after computing) the response: injected network faults. */
  destroy?: boolean;
}

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): EmuResponse {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(value) };
}

/** `true`/`True`/`TRUE` (Adobe's Python client sends `True`, reference §3.1). */
export function parseBool(value: string | null, fallback: boolean): boolean {
  if (value === null || value === "") return fallback;
  const v = value.toLowerCase();
  if (v === "true") return true;
  if (v === "false") return false;
  return fallback;
}

/** Form fields from an urlencoded body, with query-string fields as fallback (IMS accepts both). */
export function formParams(req: EmuRequest): URLSearchParams {
  const params = new URLSearchParams(req.query);
  const contentType = req.headers["content-type"] ?? "";
  if (req.body && !contentType.includes("json")) {
    for (const [k, v] of new URLSearchParams(req.body)) params.set(k, v);
  }
  return params;
}
