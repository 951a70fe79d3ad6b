/**
 * The values of the first `count` promises to fulfil, by index — as soon as that many have, without
 * waiting for the rest (a frozen peer must not hold up a majority). If fewer than `count` can
 * fulfil, it resolves with those that did once every promise has settled.
 */
export function firstFulfilled<T>(promises: readonly Promise<T>[], count: number): Promise<Map<number, T>> {
  const values = new Map<number, T>();
  if (count <= 0 || promises.length === 0) return Promise.resolve(values);
  return new Promise((resolve) => {
    let settled = 0;
    const settle = (): void => {
      settled += 1;
      if (values.size >= count || settled === promises.length) resolve(new Map(values));
    };
    for (const [index, promise] of promises.entries()) {
      void promise.then((value) => {
        values.set(index, value);
        settle();
      }, settle);
    }
  });
}
