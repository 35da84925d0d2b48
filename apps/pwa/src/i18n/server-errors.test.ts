import { errorCodeSchema } from '@wms/protocol';
import { describe, expect, it } from 'vitest';
import { serverErrorText } from './server-errors';

describe('server errors in the user language', () => {
  it('words a code from its params', () => {
    expect(serverErrorText('zh-CN', 'not_found', { orderId: 'SO-1' }, 'No order SO-1')).toBe(
      '这里没有订单 SO-1。',
    );
    expect(serverErrorText('en', 'not_found', { orderId: 'SO-1' }, 'x')).toBe(
      'No order SO-1 here.',
    );
    expect(serverErrorText('zh-CN', 'app_update_required', {}, 'x')).toBe(
      '请更新应用：扫描记录会保留在本机，更新后再发送。',
    );
  });

  it('says a hub-wide power needs a hub admin (006)', () => {
    const params = { needs: 'hub-admin', caller: 'admin', warehouseId: 'CD' };
    expect(serverErrorText('zh-CN', 'forbidden', params, 'x')).toBe(
      '只有总部管理员可以执行此操作。',
    );
    expect(serverErrorText('en', 'forbidden', params, 'x')).toBe('Only a hub admin may do this.');
    expect(serverErrorText('en', 'forbidden', { needs: 'admin' }, 'x')).toBe(
      'You may not do this.',
    );
  });

  it("keeps the server's English for a code it does not know yet", () => {
    expect(serverErrorText('zh-CN', 'new_code', {}, 'A newer refusal')).toBe('A newer refusal');
    expect(serverErrorText('en', undefined, undefined, 'HTTP 418')).toBe('HTTP 418');
  });

  it('words every code in Chinese with full-width punctuation', () => {
    const params = { field: 'badge', orderId: 'SO-1', status: 418, retryAfterS: 30 };
    const halfWidth = errorCodeSchema.options
      .map((code) => serverErrorText('zh-CN', code, params, 'x'))
      .filter((text) => /[,:;()]/.test(text));
    expect(halfWidth).toEqual([]);
  });
});
