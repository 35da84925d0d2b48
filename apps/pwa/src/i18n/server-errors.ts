import type { ErrorCode, ErrorParams, Language } from '@wms/protocol';

type Wording = (p: ErrorParams) => string;

/** The server's error codes (docs/errors.md), worded from their params, in English. */
const en: Record<ErrorCode, Wording> = {
  invalid_request: (p) =>
    p.field ? `The field ${p.field} is not valid.` : 'The request is not valid.',
  invalid_json: () => 'The request could not be read.',
  unauthenticated: () => 'Your sign-in has expired: sign in again.',
  bad_credentials: () => 'Badge or PIN is wrong.',
  device_unknown: () => 'This handheld is not registered: register it again.',
  device_superseded: () => 'This handheld was reset: sign in again.',
  device_revoked: () => 'This handheld was blocked: ask your lead to enrol it again.',
  enrolment_code_invalid: () => 'This enrolment code is not valid (used or expired).',
  enrolment_required: () => 'Scan the enrolment QR on the admin screen first.',
  wrong_warehouse: (p) =>
    `This handheld belongs to warehouse ${p.deviceWarehouse}; your badge is for ${p.userWarehouse}.`,
  pin_locked: () => 'Too many wrong PINs: wait, or ask your lead to unlock the badge.',
  rate_limited: (p) => `Too many tries: wait ${p.retryAfterS ?? 60} s and try again.`,
  waybill_refused: (p) =>
    `The e-waybill service refused (${p.providerCode ?? '?'}): type the tracking number.`,
  forbidden: (p) =>
    p.needs === 'hub-admin' ? 'Only a hub admin may do this.' : 'You may not do this.',
  not_found: (p) => (p.orderId ? `No order ${p.orderId} here.` : 'Not found.'),
  conflict: (p) => (p.field ? `${p.field} exists already.` : 'This exists already.'),
  seq_gap: () => 'Resending the scans in order…',
  event_conflict: () => 'A scan clashes with one already stored: tell your lead.',
  payload_too_large: () => 'Too much at once: send less.',
  not_available: () => 'Not available on this server.',
  app_update_required: () => 'Update the app: scans stay on this handheld until then.',
  http_error: (p) => `The server refused (HTTP ${p.status}).`,
  internal: () => 'The server had a problem: try again.',
  database_unavailable: () =>
    'The database is switching over: your scans are kept, sync resumes by itself.',
  already_done: () => 'This work is finished already: there is nothing left to assign.',
  not_an_admin: () => 'Only an active admin can be made a hub admin: make them an admin first.',
  last_hub_admin: () => 'This is the last hub admin: make another one first.',
};

const zhCN: Record<ErrorCode, Wording> = {
  invalid_request: (p) => (p.field ? `字段 ${p.field} 不正确。` : '请求不正确。'),
  invalid_json: () => '请求无法读取。',
  unauthenticated: () => '登录已过期：请重新登录。',
  bad_credentials: () => '工牌或密码错误。',
  device_unknown: () => '此手持终端未注册：请重新注册。',
  device_superseded: () => '此手持终端已重置：请重新登录。',
  device_revoked: () => '此手持终端已被停用：请主管重新登记。',
  enrolment_code_invalid: () => '登记码无效（已使用或已过期）。',
  enrolment_required: () => '请先扫描管理页面上的登记二维码。',
  wrong_warehouse: (p) =>
    `此手持终端属于 ${p.deviceWarehouse} 仓，您的工牌属于 ${p.userWarehouse} 仓。`,
  pin_locked: () => '密码错误次数过多：请稍后再试，或请主管解锁。',
  rate_limited: (p) => `操作过于频繁：请 ${p.retryAfterS ?? 60} 秒后再试。`,
  waybill_refused: (p) => `电子面单服务拒绝（${p.providerCode ?? '?'}）：请手动输入运单号。`,
  forbidden: (p) =>
    p.needs === 'hub-admin' ? '只有总部管理员可以执行此操作。' : '您无权执行此操作。',
  not_found: (p) => (p.orderId ? `这里没有订单 ${p.orderId}。` : '未找到。'),
  conflict: (p) => (p.field ? `${p.field} 已存在。` : '已存在。'),
  seq_gap: () => '正在按顺序重新发送扫描记录…',
  event_conflict: () => '有扫描记录与已保存的冲突：请告诉主管。',
  payload_too_large: () => '一次发送太多：请分批发送。',
  not_available: () => '此服务器不支持该操作。',
  app_update_required: () => '请更新应用：扫描记录会保留在本机，更新后再发送。',
  http_error: (p) => `服务器拒绝了请求（HTTP ${p.status}）。`,
  internal: () => '服务器出错：请重试。',
  database_unavailable: () => '数据库正在切换：扫描已保存在本机，稍后自动同步。',
  already_done: () => '该任务已完成，无可分配的内容。',
  not_an_admin: () => '只有在用的管理员才能设为总部管理员：请先将其设为管理员。',
  last_hub_admin: () => '这是最后一位总部管理员：请先指定另一位。',
};

const byLanguage: Record<Language, Record<ErrorCode, Wording>> = { en, 'zh-CN': zhCN };

/**
 * A server error in the user's language, from its code and params; an unknown code (a newer
 * server) falls back to the server's English message.
 *
 * @example
 * serverErrorText('zh-CN', 'not_found', { orderId: 'SO-1' }, 'No order SO-1') // → '这里没有订单 SO-1。'
 */
export function serverErrorText(
  language: Language,
  code: string | undefined,
  params: ErrorParams | undefined,
  fallback: string,
): string {
  const wording = code
    ? (byLanguage[language] as Record<string, Wording | undefined>)[code]
    : undefined;
  return wording ? wording(params ?? {}) : fallback;
}
