import { errorFromReply } from './error-from-reply';
import { NoQuorumError } from './no-quorum.error';
import { NotLeaderError } from './not-leader.error';
import { NotReadyError } from './not-ready.error';
import { StaleEpochError } from './stale-epoch.error';
import { StockNotFoundError } from './stock-not-found.error';
import { UpstreamUnavailableError } from './upstream-unavailable.error';

describe('errorFromReply', () => {
  it('rebuilds the domain error a reason names, with the remote message', () => {
    const error = errorFromReply('catalog', { code: 412, reason: 'stale_epoch', message: 'stale epoch 1: current 2' });
    expect(error).toBeInstanceOf(StaleEpochError);
    expect(error.message).toBe('stale epoch 1: current 2');
    expect(errorFromReply('x', { code: 404, reason: 'stock_not_found', message: 'stock not found' })).toBeInstanceOf(
      StockNotFoundError,
    );
    expect(errorFromReply('x', { code: 421, reason: 'not_leader', message: 'm' })).toBeInstanceOf(NotLeaderError);
  });

  it('tells the three kinds of 503 apart by reason, not by text', () => {
    const noQuorum = errorFromReply('x', { code: 503, reason: 'no_quorum', message: 'anything' });
    const notReady = errorFromReply('x', { code: 503, reason: 'not_ready', message: 'no majority in here' });
    const unavailable = errorFromReply('x', { code: 503, reason: 'unavailable', message: 'majority' });
    expect(noQuorum).toBeInstanceOf(NoQuorumError);
    expect(notReady).toBeInstanceOf(NotReadyError);
    expect(unavailable.constructor).toBe(UpstreamUnavailableError);
  });

  it('reads a reply without a domain reason as the service being unavailable', () => {
    for (const body of [undefined, {}, { code: 400, reason: 'bad_request' as const, message: 'x' }]) {
      const error = errorFromReply('catalog', body);
      expect(error.constructor).toBe(UpstreamUnavailableError);
      expect(error.message).toBe('catalog unavailable, retry later');
    }
  });
});
