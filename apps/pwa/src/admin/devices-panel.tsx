import type { DeviceSummary, EnrolmentCodeResponse } from '@wms/protocol';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useMessages } from '../i18n/language';
import { useFormats } from '../i18n/format';
import { ENROLMENT_PREFIX } from '../session/enrolment-code';
import { adminCall } from './admin-api';
import { ProblemText } from './problem-text';
import { useAdminList } from './use-admin-list';

/**
 * Enrol handhelds (a single-use code shown as a QR, 10 minutes) and see the warehouse's
 * handhelds; a lost one is revoked with one tap, and its tokens stop working at once.
 */
export function DevicesPanel({ token }: { token: string }) {
  const t = useMessages();
  const format = useFormats();
  const list = useAdminList<DeviceSummary>(token, '/devices', 'devices');
  const [enrolment, setEnrolment] = useState<EnrolmentCodeResponse | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    if (!enrolment) return;
    let live = true;
    QRCode.toDataURL(`${ENROLMENT_PREFIX}${enrolment.code}`, { margin: 2, width: 240 })
      .then((url) => live && setQr(url))
      .catch(setFailure);
    return () => {
      live = false;
    };
  }, [enrolment]);

  const newCode = () => {
    setFailure(null);
    setQr(null);
    adminCall<EnrolmentCodeResponse>(token, 'POST', '/devices/enrolment-codes', {})
      .then((reply) => {
        setEnrolment(reply);
        list.reload();
      })
      .catch(setFailure);
  };

  const revoke = (device: DeviceSummary) => {
    setFailure(null);
    adminCall(token, 'POST', `/devices/${device.id}/revoke`, {})
      .then(list.reload)
      .catch(setFailure);
  };

  const time = (iso: string | null) => (iso ? format.dateTime(iso) : t.admin.never);

  return (
    <section className="admin-panel" data-testid="panel-devices">
      <h2>{t.admin.enrolTitle}</h2>
      <p className="hint">{t.admin.enrolHelp}</p>
      <button
        type="button"
        className="button-primary"
        data-testid="new-enrolment-code"
        onClick={newCode}
      >
        {t.admin.newEnrolmentCode}
      </button>
      {enrolment && (
        <figure className="enrolment">
          {qr && (
            <img src={qr} alt={`${ENROLMENT_PREFIX}${enrolment.code}`} data-testid="enrolment-qr" />
          )}
          <figcaption>
            <strong data-testid="enrolment-code">{enrolment.code}</strong>
            <span>{t.admin.enrolmentExpires(format.time(enrolment.expiresAt))}</span>
          </figcaption>
        </figure>
      )}
      {failure !== null && <ProblemText failure={failure} />}
      <h2>{t.admin.devicesTitle}</h2>
      {list.error && <ProblemText failure={list.error} />}
      {list.items === null ? (
        <p>{t.admin.loading}</p>
      ) : list.items.length === 0 ? (
        <p className="empty">{t.admin.empty}</p>
      ) : (
        <table className="admin-table">
          <thead>
            <tr>
              <th>ID</th>
              <th>{t.admin.lastUser}</th>
              <th>{t.admin.lastSeen}</th>
              <th>{t.admin.backlog}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.items.map((d) => (
              <tr
                key={d.id}
                data-testid={`device-${d.id}`}
                data-revoked={d.revokedAt ? 'yes' : 'no'}
                className={d.revokedAt ? 'inactive' : ''}
              >
                <td translate="no">
                  {d.label}
                  <br />
                  <small translate="no">{d.id.slice(0, 8)}</small>
                </td>
                <td>{d.lastUserName ?? '—'}</td>
                <td>{time(d.lastSeenAt)}</td>
                <td>{d.backlog}</td>
                <td>
                  {d.revokedAt ? (
                    <span>{t.admin.revoked}</span>
                  ) : (
                    <button
                      type="button"
                      className="button-danger"
                      data-testid="revoke"
                      onClick={() => revoke(d)}
                    >
                      {t.admin.revoke}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
