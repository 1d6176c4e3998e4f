import assert from 'node:assert/strict';

/** A REST or GraphQL answer as the tests see it. */
export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** An HTTP call to the platform with exactly `headers` (nothing added); JSON bodies are serialised. */
export async function exactCall<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult<T>> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${baseUrl}${path}`, init);
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/** The REST contract for every answer: never a 5xx; failures are `{error: CRM.EXCEPTIONS.X, message}` without a stack trace. */
export function assertRestAnswer(r: HttpResult<unknown>, what: string): void {
  const label = `${what} → ${r.status} ${r.text}`;
  assert.ok(r.status < 500, label);
  if (r.status >= 400) {
    const err = r.body as { error?: unknown; message?: unknown } | undefined;
    assert.match(String(err?.error), /^CRM\.EXCEPTIONS\.[A-Z]+$/, label);
    assert.equal(typeof err?.message, 'string', label);
    assert.ok(!r.text.includes('    at '), `${label}: stack trace leaked`);
  }
}
