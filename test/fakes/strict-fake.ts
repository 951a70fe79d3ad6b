/**
 * A stand-in for a dependency the code under test must not use: touching any of its members
 * fails the test loudly, naming the member.
 */
export function strictFake<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get(_target, member) {
      if (member === 'then') return undefined; // not a promise
      throw new Error(`${name}.${String(member)} was not expected to be used`);
    },
  });
}
