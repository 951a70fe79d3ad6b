import type { IncomingMessage, ServerResponse } from 'node:http';

type Next = (error?: unknown) => void;

/** The only content types read here; any other (another charset, a `+json` type…) is body-parser's. */
const PLAIN_JSON_TYPES = new Set([
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=utf-8',
]);

const FIRST_CHARACTER = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d])/;

/** An error as body-parser passes it on: create-http-app turns `entity.parse.failed` into our 400. */
function bodyError(type: 'entity.parse.failed' | 'request.aborted', message: string): Error {
  return Object.assign(new Error(message), { status: 400, statusCode: 400, expose: true, type });
}

/** body-parser's strict JSON: an object or an array (an empty body reads as `{}`), a UTF-8 BOM ignored. */
function parseStrict(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.length === 0) return {};
  const first = body[0] === '{' || body[0] === '[' ? body[0] : FIRST_CHARACTER.exec(body)?.[1];
  if (first !== '{' && first !== '[') throw bodyError('entity.parse.failed', 'JSON body must be an object or an array');
  try {
    return JSON.parse(body);
  } catch (error) {
    throw bodyError('entity.parse.failed', (error as Error).message);
  }
}

/**
 * Reads the common body, a UTF-8 `application/json` one with its length declared, not encoded and
 * within `limitBytes`, into `request.body` as body-parser's `json({ limit })` would, without the
 * content-type parsing, charset and type matching, and stream plumbing it runs for each. Everything
 * else is left untouched to body-parser, which runs next and skips a request whose body is read.
 */
export function plainJsonBody(limitBytes: number) {
  return (request: IncomingMessage & { body?: unknown }, _response: ServerResponse, next: Next): void => {
    const { headers } = request;
    const length = Number(headers['content-length']);
    const encoding = headers['content-encoding'];
    const plain =
      length > 0 &&
      length <= limitBytes &&
      headers['transfer-encoding'] === undefined &&
      (encoding === undefined || encoding === 'identity') &&
      PLAIN_JSON_TYPES.has(headers['content-type']?.toLowerCase() ?? '');
    if (!plain) return next();
    const chunks: Buffer[] = [];
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      next(error);
    };
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A client gone before the end: 'error' on most aborts; 'close' comes last either way.
    const aborted = () => {
      if (!settled) settle(bodyError('request.aborted', 'request aborted'));
    };
    request.once('error', aborted);
    request.once('close', aborted);
    request.once('end', () => {
      // Every request closes once answered: an Error built then, with its stack, was 3.5 % of a
      // frontend's CPU per trade (docs/PERFORMANCE.md, ninth round).
      request.off('close', aborted);
      try {
        request.body = parseStrict(Buffer.concat(chunks).toString('utf8'));
        settle();
      } catch (error) {
        settle(error);
      }
    });
  };
}
