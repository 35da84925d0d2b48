import type { User } from '@wms/protocol';
import { type FormEvent, useState } from 'react';
import { useMessages } from '../i18n/language';
import { adminCall } from './admin-api';
import { ProblemText } from './problem-text';
import { useAdminList } from './use-admin-list';

/** One hub admin as `GET /api/admin/hub-admins` lists them. */
interface HubAdmin {
  userId: string;
  name: string;
  warehouseId: string;
  hubAdmin: boolean;
}

/**
 * Who holds the hub's powers (decision 006): the hub admins of every warehouse, made from an admin
 * of any warehouse and removed, never the last one (the server answers 409 `last_hub_admin`,
 * worded here). Only a hub admin sees the list; anyone else is told so.
 */
export function HubAdminsPanel({ token }: { token: string }) {
  const t = useMessages();
  const w = t.admin.hubAdmins;
  const list = useAdminList<HubAdmin>(token, '/admin/hub-admins', 'hubAdmins');
  // The warehouse's own admins, offered by name (an admin of another warehouse is typed by id).
  const users = useAdminList<User>(token, '/admin/users', 'users');
  const [userId, setUserId] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const act = (run: () => Promise<HubAdmin>, said: (name: string) => string) => {
    setFailure(null);
    setNotice(null);
    run()
      .then((changed) => {
        setNotice(said(changed.name));
        setUserId('');
        list.reload();
      })
      .catch(setFailure);
  };
  const grant = (event: FormEvent) => {
    event.preventDefault();
    const id = userId.trim();
    if (id === '') return;
    act(
      () => adminCall<HubAdmin>(token, 'PUT', `/admin/hub-admins/${encodeURIComponent(id)}`),
      w.granted,
    );
  };

  if (list.error?.status === 403)
    return (
      <section className="admin-panel" data-testid="panel-hubAdmins">
        <h2>{t.admin.tabs.hubAdmins}</h2>
        <p className="hint" data-testid="hub-admins-refused">
          {w.onlyHubAdmins}
        </p>
      </section>
    );
  const held = new Set((list.items ?? []).map((a) => a.userId));
  const candidates = (users.items ?? []).filter(
    (u) => u.role === 'admin' && u.active && !held.has(u.id),
  );
  return (
    <section className="admin-panel" data-testid="panel-hubAdmins">
      <h2>{t.admin.tabs.hubAdmins}</h2>
      <p className="hint">{w.intro}</p>
      {list.error && <ProblemText failure={list.error} />}
      {failure !== null && <ProblemText failure={failure} />}
      {notice && (
        <p className="notice" role="status" data-testid="hub-admins-notice">
          {notice}
        </p>
      )}
      {list.items === null ? (
        <p>{t.admin.loading}</p>
      ) : list.items.length === 0 ? (
        <p className="empty">{w.none}</p>
      ) : (
        <table className="admin-table" data-testid="hub-admins">
          <thead>
            <tr>
              <th>{w.user}</th>
              <th>{w.warehouse}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.items.map((a) => (
              <tr key={a.userId} data-testid={`hub-admin-${a.userId}`}>
                <td>
                  {a.name} <code translate="no">{a.userId}</code>
                </td>
                <td translate="no">{a.warehouseId}</td>
                <td>
                  <button
                    type="button"
                    className="button-secondary"
                    data-testid={`remove-hub-admin-${a.userId}`}
                    onClick={() =>
                      act(
                        () =>
                          adminCall<HubAdmin>(
                            token,
                            'DELETE',
                            `/admin/hub-admins/${encodeURIComponent(a.userId)}`,
                          ),
                        w.removed,
                      )
                    }
                  >
                    {w.remove}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="admin-form" onSubmit={grant} data-testid="grant-hub-admin" noValidate>
        <label className="field">
          <span>{w.userId}</span>
          <input
            data-manual-entry
            autoComplete="off"
            list="hub-admin-candidates"
            data-testid="hub-admin-user-id"
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
          />
          <datalist id="hub-admin-candidates">
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </datalist>
        </label>
        <button type="submit" className="button-primary" data-testid="grant-hub-admin-submit">
          {w.grant}
        </button>
      </form>
    </section>
  );
}
