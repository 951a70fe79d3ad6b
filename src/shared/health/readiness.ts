/** What a role reports on `GET /health`; each root module binds its own implementation. */
export abstract class Readiness {
  /** Resolves to details when this process can serve; throws a DomainError (e.g. 503) when not. */
  abstract check(): Promise<Record<string, unknown>>;
}
