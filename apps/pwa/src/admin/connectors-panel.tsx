import type { Connector } from '@wms/protocol';
import { type FormEvent, useState } from 'react';
import { useFormats } from '../i18n/format';
import { useMessages } from '../i18n/language';
import { adminCall } from './admin-api';
import { ProblemText } from './problem-text';
import { useAdminList } from './use-admin-list';

const PLATFORMS = ['wechat-shop', 'taobao'] as const;
type Platform = (typeof PLATFORMS)[number];

interface Draft {
  platform: Platform;
  shopId: string;
  name: string;
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
  pushToken: string;
  pushAesKey: string;
  baseUrl: string;
}

const EMPTY: Draft = {
  platform: 'wechat-shop',
  shopId: '',
  name: '',
  appKey: '',
  appSecret: '',
  accessToken: '',
  refreshToken: '',
  pushToken: '',
  pushAesKey: '',
  baseUrl: '',
};

/** The fields a platform takes, beside the shop, its name and the app's key and secret. */
const EXTRA: Record<Platform, readonly (keyof Draft)[]> = {
  'wechat-shop': ['pushToken', 'pushAesKey'],
  taobao: ['accessToken', 'refreshToken'],
};

/** `datetime-local` text (the admin's own time) as an ISO instant. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : '');

/**
 * The warehouse's marketplace connectors (issue 27): each shop's state, last pull, lag and
 * errors; add a shop, pause and resume one, pull a window again after a platform's incident.
 */
export function ConnectorsPanel({ token }: { token: string }) {
  const t = useMessages();
  const w = t.admin.connectors;
  const format = useFormats();
  const list = useAdminList<Connector>(token, '/admin/connectors', 'connectors');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [replay, setReplay] = useState<{ id: string; from: string; to: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const act = (run: () => Promise<unknown>, done: (reply: unknown) => string | null) => {
    setFailure(null);
    setNotice(null);
    run()
      .then((reply) => {
        setNotice(done(reply));
        list.reload();
      })
      .catch(setFailure);
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const body = {
      platform: draft.platform,
      shopId: draft.shopId.trim(),
      name: draft.name.trim(),
      credentials: {
        appKey: draft.appKey.trim(),
        appSecret: draft.appSecret.trim(),
        ...Object.fromEntries(
          [...EXTRA[draft.platform], 'baseUrl' as const]
            .map((k): [string, string] => [k, draft[k].trim()])
            .filter(([, v]) => v !== ''),
        ),
      },
    };
    act(
      () => adminCall(token, 'POST', '/admin/connectors', body),
      () => {
        setDraft(null);
        return w.added;
      },
    );
  };

  const sendReplay = (event: FormEvent) => {
    event.preventDefault();
    if (!replay) return;
    act(
      () =>
        adminCall(token, 'POST', `/admin/connectors/${replay.id}/replay`, {
          from: isoOf(replay.from),
          to: isoOf(replay.to),
        }),
      (reply) => {
        setReplay(null);
        const r = reply as { outcome: string; taken: { accepted: number; changed: number } };
        return w.replayed(r.outcome, r.taken.accepted, r.taken.changed);
      },
    );
  };

  const text = (key: keyof Draft, label: string) =>
    draft && (
      <label className="field" key={key}>
        <span>{label}</span>
        <input
          data-manual-entry
          autoComplete="off"
          data-testid={`connector-${key}`}
          value={draft[key]}
          onChange={(e) => {
            const value = e.target.value;
            setDraft((d) => d && { ...d, [key]: value });
          }}
        />
      </label>
    );

  return (
    <section className="admin-panel" data-testid="panel-connectors">
      <h2>{w.title}</h2>
      <p className="hint">{w.help}</p>
      <button
        type="button"
        className="button-primary"
        data-testid="add-connector"
        onClick={() => setDraft({ ...EMPTY })}
      >
        {w.add}
      </button>
      {draft && (
        <form className="admin-form" onSubmit={add} data-testid="connector-form" noValidate>
          <label className="field">
            <span>{w.platform}</span>
            <select
              data-testid="connector-platform"
              value={draft.platform}
              onChange={(e) => {
                const platform = e.target.value as Platform;
                setDraft((d) => d && { ...d, platform });
              }}
            >
              {PLATFORMS.map((p) => (
                <option key={p} value={p}>
                  {w.platforms[p]}
                </option>
              ))}
            </select>
          </label>
          {text('shopId', w.shopId[draft.platform])}
          {text('name', w.name)}
          {text('appKey', w.appKey)}
          {text('appSecret', w.appSecret)}
          {EXTRA[draft.platform].map((k) => text(k, w.fields[k as keyof typeof w.fields]))}
          {text('baseUrl', w.baseUrl)}
          <button type="submit" className="button-primary" data-testid="save-connector">
            {t.admin.save}
          </button>
          <button type="button" className="button-secondary" onClick={() => setDraft(null)}>
            {t.admin.cancel}
          </button>
        </form>
      )}
      {failure !== null && <ProblemText failure={failure} />}
      {notice && (
        <p className="notice" role="status" data-testid="connector-notice">
          {notice}
        </p>
      )}
      {list.error && <ProblemText failure={list.error} />}
      {list.items === null ? (
        <p>{t.admin.loading}</p>
      ) : list.items.length === 0 ? (
        <p className="empty">{t.admin.empty}</p>
      ) : (
        <table className="admin-table">
          <thead>
            <tr>
              <th>{w.shop}</th>
              <th>{w.status}</th>
              <th>{w.lastPull}</th>
              <th>{w.lag}</th>
              <th>{w.pulled}</th>
              <th>{w.errors}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.items.map((c) => (
              <tr key={c.id} data-testid={`connector-${c.shopId}`} data-status={c.status}>
                <td>
                  {c.name}
                  <br />
                  <small>
                    {w.platforms[c.platform as Platform] ?? c.platform} ·{' '}
                    <span translate="no">{c.shopId}</span>
                  </small>
                </td>
                <td data-testid="connector-status">{w.statuses[c.status]}</td>
                <td>{c.lastPullAt ? format.dateTime(c.lastPullAt) : t.admin.never}</td>
                <td data-testid="connector-lag">{w.lagSeconds(c.lagSeconds)}</td>
                <td data-testid="connector-pulled">{c.ordersPulled}</td>
                <td data-testid="connector-errors">
                  {c.failuresTotal}
                  {c.lastError && (
                    <>
                      <br />
                      <small>{c.lastError}</small>
                    </>
                  )}
                </td>
                <td>
                  {c.status === 'paused' ? (
                    <button
                      type="button"
                      className="button-secondary"
                      data-testid="resume-connector"
                      onClick={() =>
                        act(
                          () => adminCall(token, 'POST', `/admin/connectors/${c.id}/resume`, {}),
                          () => null,
                        )
                      }
                    >
                      {w.resume}
                    </button>
                  ) : (
                    c.status !== 'revoked' && (
                      <button
                        type="button"
                        className="button-secondary"
                        data-testid="pause-connector"
                        onClick={() =>
                          act(
                            () => adminCall(token, 'POST', `/admin/connectors/${c.id}/pause`, {}),
                            () => null,
                          )
                        }
                      >
                        {w.pause}
                      </button>
                    )
                  )}
                  <button
                    type="button"
                    className="button-secondary"
                    data-testid="replay-connector"
                    onClick={() => setReplay({ id: c.id, from: '', to: '' })}
                  >
                    {w.replay}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {replay && (
        <form className="admin-form" onSubmit={sendReplay} data-testid="replay-form" noValidate>
          <p className="hint">{w.replayHelp}</p>
          <label className="field">
            <span>{w.from}</span>
            <input
              type="datetime-local"
              data-manual-entry
              data-testid="replay-from"
              value={replay.from}
              onChange={(e) => {
                const from = e.target.value;
                setReplay((r) => r && { ...r, from });
              }}
            />
          </label>
          <label className="field">
            <span>{w.to}</span>
            <input
              type="datetime-local"
              data-manual-entry
              data-testid="replay-to"
              value={replay.to}
              onChange={(e) => {
                const to = e.target.value;
                setReplay((r) => r && { ...r, to });
              }}
            />
          </label>
          <button type="submit" className="button-primary" data-testid="send-replay">
            {w.replay}
          </button>
          <button type="button" className="button-secondary" onClick={() => setReplay(null)}>
            {t.admin.cancel}
          </button>
        </form>
      )}
    </section>
  );
}
