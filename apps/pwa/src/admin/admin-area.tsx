import type { Bin, Sku, User, Warehouse, WarehouseTask, Zone } from '@wms/protocol';
import { useState } from 'react';
import { useMessages } from '../i18n/language';
import type { Session } from '../storage/database';
import { adminCall } from './admin-api';
import { ConnectorsPanel } from './connectors-panel';
import { DevicesPanel } from './devices-panel';
import { EntityPanel } from './entity-panel';
import { FileButton } from './file-button';
import { HubAdminsPanel } from './hub-admins-panel';
import { ImportsPanel } from './imports-panel';
import { LabelBatch } from './label-batch';
import { useAdminList } from './use-admin-list';
import './admin.css';

type Tab =
  | 'devices'
  | 'bins'
  | 'skus'
  | 'users'
  | 'zones'
  | 'warehouses'
  | 'imports'
  | 'connectors'
  | 'hubAdmins';
const TABS: readonly Tab[] = [
  'devices',
  'bins',
  'skus',
  'users',
  'zones',
  'warehouses',
  'imports',
  'connectors',
  'hubAdmins',
];

/**
 * The admin's screens (tablet or desktop), loaded only when an admin opens them so the
 * handheld's first load stays small. Online only: they edit the server's master data.
 */
export default function AdminArea({ session, onClose }: { session: Session; onClose: () => void }) {
  const t = useMessages();
  const [tab, setTab] = useState<Tab>('devices');
  const token = session.token;
  return (
    <div className="screen admin" data-testid="admin-area">
      <div className="screen-header">
        <h1>{t.admin.title}</h1>
        <button
          type="button"
          className="button-secondary"
          data-testid="close-admin"
          onClick={onClose}
        >
          ← {t.admin.close}
        </button>
      </div>
      <nav className="admin-tabs">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            data-testid={`tab-${name}`}
            aria-pressed={tab === name}
            className={tab === name ? 'button-primary' : 'button-secondary'}
            onClick={() => setTab(name)}
          >
            {t.admin.tabs[name]}
          </button>
        ))}
      </nav>
      {tab === 'devices' && <DevicesPanel token={token} />}
      {tab === 'bins' && <BinsPanel token={token} />}
      {tab === 'skus' && <SkusPanel token={token} />}
      {tab === 'users' && <UsersPanel token={token} />}
      {tab === 'zones' && <ZonesPanel token={token} />}
      {tab === 'warehouses' && <WarehousesPanel token={token} />}
      {tab === 'imports' && <ImportsPanel token={token} />}
      {tab === 'connectors' && <ConnectorsPanel token={token} />}
      {tab === 'hubAdmins' && <HubAdminsPanel token={token} />}
    </div>
  );
}

function LabelLinks({ token, kind, code }: { token: string; kind: string; code: string }) {
  const t = useMessages();
  const query = `?codes=${encodeURIComponent(code)}`;
  return (
    <>
      <FileButton token={token} path={`/labels/${kind}.pdf${query}`} open testId="label-pdf">
        {t.admin.labelPdf}
      </FileButton>{' '}
      <FileButton token={token} path={`/labels/${kind}.zpl${query}`} testId="label-zpl">
        {t.admin.labelZpl}
      </FileButton>
    </>
  );
}

/** Bins whose label failed three times in a row: each links straight to its label. */
function ReprintTasks({ token }: { token: string }) {
  const t = useMessages();
  const tasks = useAdminList<WarehouseTask>(token, '/tasks', 'tasks');
  const reprints = (tasks.items ?? []).filter((task) => task.kind === 'reprint-label');
  return (
    <section className="admin-panel" data-testid="reprint-tasks">
      <h2>{t.admin.reprintTitle}</h2>
      {reprints.length === 0 ? (
        <p className="empty">{t.admin.reprintNone}</p>
      ) : (
        <ul>
          {reprints.map((task) => (
            <li key={task.id}>
              {task.message} <LabelLinks token={token} kind="bins" code={task.binCode} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function BinsPanel({ token }: { token: string }) {
  const [totes, setTotes] = useState('T-0001,T-0002');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const t = useMessages();
  const toggle = (code: string) =>
    setSelected((known) => {
      const next = new Set(known);
      if (!next.delete(code)) next.add(code);
      return next;
    });
  return (
    <>
      <LabelBatch token={token} selected={[...selected]} />
      <EntityPanel<Bin>
        token={token}
        path="/admin/bins"
        listKey="bins"
        idOf={(b) => b.id}
        csv
        columns={[
          {
            label: '',
            cell: (b) => (
              <label className="bin-pick">
                <input
                  type="checkbox"
                  aria-label={b.code}
                  data-testid={`pick-bin-${b.code}`}
                  checked={selected.has(b.code)}
                  onChange={() => toggle(b.code)}
                />
              </label>
            ),
          },
          { label: t.admin.fields.code, cell: (b) => b.code },
          { label: t.admin.fields.zone, cell: (b) => b.zone },
          { label: t.admin.fields.checkDigits, cell: (b) => b.checkDigits },
          { label: t.admin.fields.pathSeq, cell: (b) => b.pathSeq },
          { label: '', cell: (b) => <LabelLinks token={token} kind="bins" code={b.code} /> },
        ]}
        fields={[
          { name: 'code', label: t.admin.fields.binCode, kind: 'text' },
          { name: 'zone', label: t.admin.fields.zone, kind: 'text' },
          { name: 'checkDigits', label: t.admin.fields.checkDigits, kind: 'text' },
          { name: 'pathSeq', label: t.admin.fields.pathSeq, kind: 'number' },
        ]}
      />
      <ReprintTasks token={token} />
      <section className="admin-panel">
        <h2>{t.admin.totesTitle}</h2>
        <label className="field">
          <span>{t.admin.totesHelp}</span>
          <input data-manual-entry value={totes} onChange={(e) => setTotes(e.target.value)} />
        </label>
        <LabelLinks token={token} kind="totes" code={totes} />
      </section>
    </>
  );
}

function SkusPanel({ token }: { token: string }) {
  const t = useMessages();
  return (
    <EntityPanel<Sku>
      token={token}
      path="/admin/skus"
      listKey="skus"
      idOf={(s) => s.id}
      csv
      columns={[
        { label: t.admin.fields.id, cell: (s) => s.id },
        { label: t.admin.fields.name, cell: (s) => `${s.nameZh} / ${s.name}` },
        { label: t.admin.fields.barcodes, cell: (s) => s.barcodes.join(' ') },
        { label: t.admin.fields.lotTracked, cell: (s) => (s.lotTracked ? '✓' : '') },
        {
          label: t.admin.fields.costCents,
          cell: (s) => (s.costCents === null ? '' : `¥${(s.costCents / 100).toFixed(2)}`),
        },
        { label: t.admin.fields.qcRequired, cell: (s) => (s.qcRequired ? '✓' : '') },
        { label: t.admin.fields.availableFrom, cell: (s) => s.availableFrom ?? '' },
        {
          label: t.admin.fields.picture,
          cell: (s) => (s.imageUrl ? <img src={s.imageUrl} alt="" width={40} height={40} /> : ''),
        },
      ]}
      fields={[
        { name: 'id', label: t.admin.fields.id, kind: 'text', createOnly: true },
        { name: 'name', label: t.admin.fields.nameEn, kind: 'text' },
        { name: 'nameZh', label: t.admin.fields.nameZh, kind: 'text' },
        { name: 'category', label: t.admin.fields.category, kind: 'text' },
        { name: 'barcodes', label: t.admin.fields.barcodes, kind: 'list' },
        { name: 'lotTracked', label: t.admin.fields.lotTracked, kind: 'checkbox' },
        { name: 'imageUrl', label: t.admin.fields.imageUrl, kind: 'text', nullable: true },
        { name: 'costCents', label: t.admin.fields.costCents, kind: 'number' },
        { name: 'weightGrams', label: t.admin.fields.weightGrams, kind: 'number' },
        { name: 'lengthMm', label: t.admin.fields.lengthMm, kind: 'number' },
        { name: 'widthMm', label: t.admin.fields.widthMm, kind: 'number' },
        { name: 'heightMm', label: t.admin.fields.heightMm, kind: 'number' },
        { name: 'qcRequired', label: t.admin.fields.qcRequired, kind: 'checkbox' },
        {
          name: 'availableFrom',
          label: t.admin.fields.availableFrom,
          kind: 'text',
          nullable: true,
        },
        { name: 'pictureUrls', label: t.admin.fields.pictureUrls, kind: 'list' },
      ]}
    />
  );
}

function UsersPanel({ token }: { token: string }) {
  const t = useMessages();
  const [pinFor, setPinFor] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  return (
    <EntityPanel<User>
      token={token}
      path="/admin/users"
      listKey="users"
      idOf={(u) => u.id}
      csv
      columns={[
        { label: t.admin.fields.badge, cell: (u) => u.badge },
        { label: t.admin.fields.name, cell: (u) => u.name },
        { label: t.admin.fields.role, cell: (u) => u.role },
        { label: t.admin.fields.language, cell: (u) => u.language },
        { label: '', cell: (u) => (u.locked ? t.admin.locked : '') },
        { label: ' ', cell: (u) => <LabelLinks token={token} kind="badges" code={u.badge} /> },
      ]}
      fields={[
        { name: 'id', label: t.admin.fields.id, kind: 'text', createOnly: true },
        { name: 'name', label: t.admin.fields.name, kind: 'text' },
        { name: 'badge', label: t.admin.fields.badge, kind: 'text' },
        {
          name: 'role',
          label: t.admin.fields.role,
          kind: 'select',
          options: ['picker', 'supervisor', 'admin'],
        },
        {
          name: 'language',
          label: t.admin.fields.language,
          kind: 'select',
          options: ['zh-CN', 'en'],
        },
        { name: 'pin', label: t.admin.newPin, kind: 'text', createOnly: true },
      ]}
      rowExtras={(u, reload) =>
        pinFor === u.id ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void adminCall(token, 'POST', `/admin/users/${encodeURIComponent(u.id)}/reset-pin`, {
                pin,
              })
                .then(() => {
                  setPinFor(null);
                  setPin('');
                  reload();
                })
                .catch((failure: unknown) => alert(String(failure)));
            }}
          >
            <input
              data-manual-entry
              inputMode="numeric"
              aria-label={t.admin.newPin}
              value={pin}
              onChange={(e) => setPin(e.target.value)}
            />
            <button type="submit" className="button-secondary">
              {t.admin.save}
            </button>
          </form>
        ) : (
          <button type="button" className="button-secondary" onClick={() => setPinFor(u.id)}>
            {t.admin.resetPin}
          </button>
        )
      }
    />
  );
}

function ZonesPanel({ token }: { token: string }) {
  const t = useMessages();
  return (
    <EntityPanel<Zone>
      token={token}
      path="/admin/zones"
      listKey="zones"
      idOf={(z) => z.id}
      columns={[
        { label: t.admin.fields.code, cell: (z) => z.code },
        { label: t.admin.fields.name, cell: (z) => z.name },
      ]}
      fields={[
        { name: 'code', label: t.admin.fields.code, kind: 'text' },
        { name: 'name', label: t.admin.fields.name, kind: 'text' },
      ]}
    />
  );
}

function WarehousesPanel({ token }: { token: string }) {
  const t = useMessages();
  return (
    <EntityPanel<Warehouse>
      token={token}
      path="/admin/warehouses"
      listKey="warehouses"
      idOf={(w) => w.id}
      columns={[
        { label: t.admin.fields.id, cell: (w) => w.id },
        { label: t.admin.fields.name, cell: (w) => `${w.nameZh} / ${w.name}` },
        { label: t.admin.fields.city, cell: (w) => w.city },
      ]}
      fields={[
        { name: 'id', label: t.admin.fields.id, kind: 'text', createOnly: true },
        { name: 'name', label: t.admin.fields.nameEn, kind: 'text' },
        { name: 'nameZh', label: t.admin.fields.nameZh, kind: 'text' },
        { name: 'city', label: t.admin.fields.city, kind: 'text' },
      ]}
    />
  );
}
