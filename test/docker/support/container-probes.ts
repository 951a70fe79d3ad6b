/**
 * Scripts run with `docker exec -i <container> node - <args>` (script on stdin), because only the
 * frontend's port is published: they call the container's own PORT with its own INTERNAL_TOKEN.
 */

/** Prints `{"status":…,"body":…}` for GET <path> (process.argv[2]). */
export const READ_ROUTE = `
const url = 'http://127.0.0.1:' + process.env.PORT + process.argv[2];
fetch(url, { headers: { 'x-internal-token': process.env.INTERNAL_TOKEN } })
  .then(async (res) => console.log(JSON.stringify({ status: res.status, body: await res.json() })))
  .catch((error) => {
    console.error(url + ': ' + error);
    process.exit(1);
  });
`;

/**
 * Polls /health every 20 ms until it answers 200, then at once reads the replica's status and whole
 * log: what the replica holds at the moment it first says it can serve. Prints
 * `{"refused":n,"unready":n,"status":…,"entries":[…]}`.
 */
export const FIRST_HEALTHY_STATE = `
const base = 'http://127.0.0.1:' + process.env.PORT;
const headers = { 'x-internal-token': process.env.INTERNAL_TOKEN };
const data = (path) => fetch(base + path, { headers }).then((res) => res.json()).then((body) => body.data);
(async () => {
  let refused = 0;
  let unready = 0;
  for (;;) {
    const status = await fetch(base + '/health').then((res) => res.status, () => 0);
    if (status === 200) break;
    if (status === 0) refused += 1;
    else unready += 1;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const status = await data('/internal/replica/status');
  const entries = await data('/internal/replica/entries?after=-1&limit=5000');
  console.log(JSON.stringify({ refused, unready, status, entries }));
})();
`;
