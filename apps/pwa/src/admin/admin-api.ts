import type { ErrorParams, FieldError } from '@wms/protocol';

/** A refusal from the admin API: the server's message and, for bad input, the fields at fault. */
export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fields: FieldError[] = [],
    /** The error's code and params (docs/errors.md), to word it in the user's language. */
    readonly code = '',
    readonly params: ErrorParams = {},
  ) {
    super(message);
  }
}

/**
 * Calls the admin API with the signed-in admin's token. Admin screens are online-only (they edit
 * the server's master data directly); a network failure is an `AdminApiError` with status 0.
 */
export async function adminCall<T>(
  token: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  contentType: string = 'application/json',
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      cache: 'no-store',
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      ...(body === undefined
        ? {}
        : {
            body: typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body),
          }),
    });
  } catch (error) {
    throw new AdminApiError(error instanceof Error ? error.message : String(error), 0);
  }
  const json = (await response.json().catch(() => null)) as {
    error?: { message?: string; fields?: FieldError[]; code?: string; params?: ErrorParams };
  } | null;
  if (!response.ok)
    throw new AdminApiError(
      json?.error?.message ?? `HTTP ${response.status}`,
      response.status,
      json?.error?.fields ?? [],
      json?.error?.code ?? '',
      json?.error?.params ?? {},
    );
  return json as T;
}

/**
 * Fetches a file of the API (a label, a CSV export) with the token in the header, never in a
 * URL, where server and proxy logs and the browser's history would keep it.
 */
export async function fetchFile(token: string, path: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      cache: 'no-store',
      headers: { authorization: `Bearer ${token}` },
    });
  } catch (error) {
    throw new AdminApiError(error instanceof Error ? error.message : String(error), 0);
  }
  if (!response.ok) {
    const json = (await response.json().catch(() => null)) as {
      error?: { message?: string; fields?: FieldError[]; code?: string; params?: ErrorParams };
    } | null;
    throw new AdminApiError(
      json?.error?.message ?? `HTTP ${response.status}`,
      response.status,
      json?.error?.fields ?? [],
      json?.error?.code ?? '',
      json?.error?.params ?? {},
    );
  }
  return response.blob();
}
