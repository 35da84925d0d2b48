import type { Bin, Sku, User, Warehouse, Zone } from '@wms/protocol';
import { useState } from 'react';
import { useMessages } from '../i18n/language';
import type { Session } from '../storage/database';
import { adminCall, fileLink } from './admin-api';
import { DevicesPanel } from './devices-panel';
import { EntityPanel } from './entity-panel';

type Tab = 'devices' | 'bins' | 'skus' | 'users' | 'zones' | 'warehouses';
const TABS: readonly Tab[] = ['devices', 'bins', 'skus', 'users', 'zones', 'warehouses'];

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
    </div>
  );
}

function LabelLinks({ token, kind, code }: { token: string; kind: string; code: string }) {
  const t = useMessages();
  const query = `?codes=${encodeURIComponent(code)}`;
  return (
    <>
      <a
        href={fileLink(token, `/labels/${kind}.pdf${query}`)}
        target="_blank"
        rel="noreferrer"
        data-testid="label-pdf"
      >
        {t.admin.labelPdf}
      </a>{' '}
      <a href={fileLink(token, `/labels/${kind}.zpl${query}`)} download data-testid="label-zpl">
        {t.admin.labelZpl}
      </a>
    </>
  );
}

function BinsPanel({ token }: { token: string }) {
  const [totes, setTotes] = useState('T-0001,T-0002');
  const t = useMessages();
  return (
    <>
      <EntityPanel<Bin>
        token={token}
        path="/admin/bins"
        listKey="bins"
        idOf={(b) => b.id}
        csv
        columns={[
          { label: 'Code', cell: (b) => b.code },
          { label: 'Zone', cell: (b) => b.zone },
          { label: 'Check', cell: (b) => b.checkDigits },
          { label: 'Path', cell: (b) => b.pathSeq },
          { label: '', cell: (b) => <LabelLinks token={token} kind="bins" code={b.code} /> },
        ]}
        fields={[
          { name: 'code', label: 'Code (A-03-12)', kind: 'text' },
          { name: 'zone', label: 'Zone', kind: 'text' },
          { name: 'checkDigits', label: 'Check digits', kind: 'text' },
          { name: 'pathSeq', label: 'Pick-path sequence', kind: 'number' },
        ]}
      />
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
  return (
    <EntityPanel<Sku>
      token={token}
      path="/admin/skus"
      listKey="skus"
      idOf={(s) => s.id}
      csv
      columns={[
        { label: 'ID', cell: (s) => s.id },
        { label: 'Name', cell: (s) => `${s.nameZh} / ${s.name}` },
        { label: 'Barcodes', cell: (s) => s.barcodes.join(' ') },
        { label: 'Lot', cell: (s) => (s.lotTracked ? '✓' : '') },
        {
          label: 'Picture',
          cell: (s) => (s.imageUrl ? <img src={s.imageUrl} alt="" width={40} height={40} /> : ''),
        },
      ]}
      fields={[
        { name: 'id', label: 'ID', kind: 'text', createOnly: true },
        { name: 'name', label: 'Name (en)', kind: 'text' },
        { name: 'nameZh', label: '名称 (zh)', kind: 'text' },
        { name: 'category', label: 'Category', kind: 'text' },
        { name: 'barcodes', label: 'Barcodes (| between)', kind: 'list' },
        { name: 'lotTracked', label: 'Lot tracked', kind: 'checkbox' },
        { name: 'imageUrl', label: 'Picture URL', kind: 'text', nullable: true },
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
        { label: 'Badge', cell: (u) => u.badge },
        { label: 'Name', cell: (u) => u.name },
        { label: 'Role', cell: (u) => u.role },
        { label: 'Language', cell: (u) => u.language },
        { label: '', cell: (u) => (u.locked ? t.admin.locked : '') },
        { label: ' ', cell: (u) => <LabelLinks token={token} kind="badges" code={u.badge} /> },
      ]}
      fields={[
        { name: 'id', label: 'ID', kind: 'text', createOnly: true },
        { name: 'name', label: 'Name', kind: 'text' },
        { name: 'badge', label: 'Badge (P-0001)', kind: 'text' },
        { name: 'role', label: 'Role', kind: 'select', options: ['picker', 'supervisor', 'admin'] },
        { name: 'language', label: 'Language', kind: 'select', options: ['zh-CN', 'en'] },
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
  return (
    <EntityPanel<Zone>
      token={token}
      path="/admin/zones"
      listKey="zones"
      idOf={(z) => z.id}
      columns={[
        { label: 'Code', cell: (z) => z.code },
        { label: 'Name', cell: (z) => z.name },
      ]}
      fields={[
        { name: 'code', label: 'Code', kind: 'text' },
        { name: 'name', label: 'Name', kind: 'text' },
      ]}
    />
  );
}

function WarehousesPanel({ token }: { token: string }) {
  return (
    <EntityPanel<Warehouse>
      token={token}
      path="/admin/warehouses"
      listKey="warehouses"
      idOf={(w) => w.id}
      columns={[
        { label: 'ID', cell: (w) => w.id },
        { label: 'Name', cell: (w) => `${w.nameZh} / ${w.name}` },
        { label: 'City', cell: (w) => w.city },
      ]}
      fields={[
        { name: 'id', label: 'ID', kind: 'text', createOnly: true },
        { name: 'name', label: 'Name (en)', kind: 'text' },
        { name: 'nameZh', label: '名称 (zh)', kind: 'text' },
        { name: 'city', label: 'City', kind: 'text' },
      ]}
    />
  );
}
