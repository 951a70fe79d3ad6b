import type { ServerResponse } from 'node:http';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Statuses whose responses carry no body: express's own rules apply to them. */
const BODILESS = new Set([204, 205, 304]);

/** What express adds to every response (through its prototype). */
interface ExpressResponse extends ServerResponse {
  readonly app: { readonly settings: Readonly<Record<string, unknown>> };
}

function plain(body: unknown): body is object {
  if (typeof body !== 'object' || body === null) return false;
  const prototype: unknown = Object.getPrototypeOf(body);
  return prototype === Object.prototype || prototype === null || Array.isArray(body);
}

/**
 * Whether `res.json(body)` would write exactly `JSON.stringify(body)` with the default JSON
 * headers: a plain object or array, a status with a body, no type chosen, no validator a
 * conditional request could match (express answers those 304), and none of the app settings that
 * change the output (our roles set none: create-http-app turns ETags off).
 */
function writtenAsIs(res: ExpressResponse, body: unknown, status: number): body is object {
  if (!plain(body) || BODILESS.has(status)) return false;
  if (res.hasHeader('content-type') || res.hasHeader('etag') || res.hasHeader('last-modified')) return false;
  const { settings } = res.app;
  return !(settings['json replacer'] || settings['json spaces'] || settings['json escape'] || settings['etag fn']);
}

/**
 * Writes `body` as express's `res.json` would (same status, headers and bytes), without the
 * content-type parsing, mime lookups and freshness check it runs for every response. Returns
 * false, having written nothing, when express must answer itself (see writtenAsIs).
 */
export function writeJson(response: ServerResponse, body: unknown, status?: number): boolean {
  const res = response as unknown as ExpressResponse;
  if (!writtenAsIs(res, body, status ?? res.statusCode)) return false;
  const json: string | undefined = JSON.stringify(body);
  if (json === undefined) return false; // a toJSON() that returns nothing
  if (status) res.statusCode = status;
  res.setHeader('Content-Type', JSON_CONTENT_TYPE);
  res.setHeader('Content-Length', Buffer.byteLength(json));
  if (res.req.method === 'HEAD') res.end();
  else res.end(json);
  return true;
}
