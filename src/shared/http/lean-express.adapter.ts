import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { createServer, IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { writeJson } from './json-reply';

/** An express application: a request listener, with the prototypes it gives requests and responses. */
type ExpressApplication = RequestListener & {
  readonly request: object;
  readonly response: object;
};

/**
 * node:http's own constructors are plain functions (Node 20), so they can initialise an object
 * created with another prototype. `Reflect.construct` with a different new.target would do the same
 * for a class, but V8 takes a slow path for it on every call: measured slower than not doing this.
 */
type ConstructorFunction = (this: object, ...args: unknown[]) => void;

/** False for a `class`, which cannot be called on an object made elsewhere. */
function callable(constructor: object): boolean {
  return !Function.prototype.toString.call(constructor).startsWith('class');
}

/** A constructor for node:http whose instances are initialised by `base` and start out with `prototype`. */
function bornWith<C>(base: C, prototype: object): C {
  const initialise = base as unknown as ConstructorFunction;
  function Born(this: object, ...args: unknown[]): void {
    initialise.apply(this, args);
  }
  Born.prototype = prototype;
  return Born as unknown as C;
}

/**
 * Nest's ExpressAdapter with two costs of every request taken out (docs/PERFORMANCE.md, fifth and
 * eighth rounds):
 *
 * - Its server creates each request and response with express's own prototypes (`app.request`,
 *   `app.response`) already in place. Express gives every request and response those prototypes
 *   with `Object.setPrototypeOf` as it starts handling them. Changing a live object's prototype
 *   costs V8 a new map for every one, and leaves the property loads on them megamorphic; a plain
 *   express app answered 2.7× the requests on one core once the objects were born with the
 *   prototype (setting the same prototype again is a no-op).
 * - A handler's plain JSON result is written directly (writeJson), not through `res.json`.
 */
export class LeanExpressAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    const plain = !options?.httpsOptions && !options?.forceCloseConnections;
    if (!plain || !callable(IncomingMessage) || !callable(ServerResponse)) return super.initHttpServer(options);
    const app = this.getInstance<ExpressApplication>();
    this.httpServer = createServer(
      {
        IncomingMessage: bornWith<typeof IncomingMessage>(IncomingMessage, app.request),
        ServerResponse: bornWith<typeof ServerResponse>(ServerResponse, app.response),
      },
      app,
    );
  }

  override reply(response: ServerResponse, body: unknown, statusCode?: number): unknown {
    return writeJson(response, body, statusCode) ? response : super.reply(response, body, statusCode);
  }
}
