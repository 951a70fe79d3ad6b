import { JsonResponse } from './json-http';
import { isRetryable, retryDelayMs, RetryPolicy, sendWithRetry } from './retry-policy';

const policy: RetryPolicy = { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 500 };

function answer(status: number, headers: JsonResponse['headers'] = {}): JsonResponse {
  return { status, body: undefined, headers, latencyMs: 1 };
}

describe(isRetryable.name, () => {
  it('retries 503 and no answer, nothing else', () => {
    expect([0, 503].every(isRetryable)).toBe(true);
    expect([200, 400, 404, 409, 422, 500].some(isRetryable)).toBe(false);
  });
});

describe(retryDelayMs.name, () => {
  it('doubles from the base delay up to the cap', () => {
    expect([1, 2, 3, 4, 7].map((retry) => retryDelayMs(retry, undefined, policy))).toEqual([10, 20, 40, 80, 500]);
  });

  it("follows the server's Retry-After in seconds, capped", () => {
    expect(retryDelayMs(1, '0.2', policy)).toBe(200);
    expect(retryDelayMs(1, '30', policy)).toBe(500);
    expect(retryDelayMs(2, 'soon', policy)).toBe(20);
  });
});

describe(sendWithRetry.name, () => {
  const noPause = (): Promise<void> => Promise.resolve();

  it('sends once when the first answer is final', async () => {
    const send = jest.fn(() => Promise.resolve(answer(409)));
    const sut = await sendWithRetry(send, policy, noPause);
    expect(sut.retries).toBe(0);
    expect(sut.response.status).toBe(409);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('retries through 503 and lost connections until it succeeds, counting the retries', async () => {
    const answers = [answer(503, { 'retry-after': '1' }), answer(0), answer(200)];
    const pauses: number[] = [];
    const sut = await sendWithRetry(
      () => Promise.resolve(answers.shift() ?? answer(500)),
      policy,
      (ms) => Promise.resolve(pauses.push(ms)),
    );
    expect(sut.response.status).toBe(200);
    expect(sut.retries).toBe(2);
    expect(pauses).toEqual([500, 20]);
  });

  it('gives up after maxRetries with the last answer', async () => {
    const send = jest.fn(() => Promise.resolve(answer(503)));
    const sut = await sendWithRetry(send, policy, noPause);
    expect(sut.response.status).toBe(503);
    expect(sut.retries).toBe(3);
    expect(send).toHaveBeenCalledTimes(4);
  });
});
