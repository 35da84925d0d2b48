import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { toSyncFailure } from './sync-failure';

describe('toSyncFailure', () => {
  it('tells a missing network from a refusal, a full disk and a bug', () => {
    expect(toSyncFailure(new ApiError('network', 'Failed to fetch'))).toEqual({
      kind: 'network',
      message: 'Failed to fetch',
    });
    expect(toSyncFailure(new ApiError('http', 'device revoked', 401, 'unauthenticated'))).toEqual({
      kind: 'refused',
      message: 'device revoked',
      code: 'unauthenticated',
      params: {},
    });
    const quota = Object.assign(new Error('quota'), {
      name: 'AbortError',
      inner: { name: 'QuotaExceededError' },
    });
    expect(toSyncFailure(quota).kind).toBe('storage-full');
    expect(toSyncFailure(new TypeError('x is undefined'))).toEqual({
      kind: 'other',
      message: 'TypeError: x is undefined',
    });
  });
});
