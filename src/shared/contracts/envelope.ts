/** Every successful response body has this shape. */
export interface DataEnvelope<T> {
  data: T;
}

export function envelope<T>(data: T): DataEnvelope<T> {
  return { data };
}
