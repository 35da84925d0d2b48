import { describe, expect, it } from 'vitest';
import { routeTableApp } from '../app';
import { ContractCheck } from './contract-check';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const accepted = {
  orderId: 'o-1',
  created: true,
  status: 'received',
  mergedInto: null,
  warehouseId: 'GZ',
  carrier: 'SF',
  holds: [],
  flags: [],
};

describe('the contract check of the test app', () => {
  const contract = new ContractCheck(routeTableApp());

  it('passes an answer that matches its operation, status and schema', async () => {
    expect(await contract.mismatchesOf('POST', '/api/orders', json(201, accepted))).toEqual([]);
  });

  it('names the operation, status and field of a body that does not match', async () => {
    const { orderId: _gone, ...withoutId } = accepted;
    const mismatches = await contract.mismatchesOf(
      'POST',
      '/api/orders',
      json(201, { ...withoutId, holds: [7] }),
    );
    expect(mismatches).toEqual([
      `POST /api/orders answered 201: body/ must have required property 'orderId' {"missingProperty":"orderId"}`,
      'POST /api/orders answered 201: body/holds/0 must be string {"type":"string"}',
    ]);
  });

  it('refuses a status the operation does not list', async () => {
    expect(
      await contract.mismatchesOf('GET', '/api/routing/rules', json(409, { error: {} })),
    ).toEqual(['GET /api/routing/rules answered 409, a status the document does not list for it']);
  });

  it('checks an error body against the error schema', async () => {
    const mismatches = await contract.mismatchesOf(
      'GET',
      '/api/orders/o-1/trace?x=1',
      json(404, { message: 'No order o-1' }),
    );
    expect(mismatches[0]).toMatch(
      /^GET \/api\/orders\/\{orderId\}\/trace answered 404: body\/ must have required property 'error'/,
    );
  });

  it('refuses a download answered in another media type', async () => {
    const csv = new Response('a,b\n', { headers: { 'content-type': 'application/json' } });
    expect(await contract.mismatchesOf('GET', '/api/admin/bins.csv', csv)).toEqual([
      'GET /api/admin/bins.csv answered 200 as application/json; the document says text/csv',
    ]);
  });

  it('finds a time sent as Postgres text, wherever it is in the body', async () => {
    // A field the schema does not name (objects are open): its time is checked all the same.
    const suppliers = {
      suppliers: [
        {
          id: 'SUP-HN',
          name: 'South China Supply Chain',
          nameZh: '广州华南供应链',
          qcRequired: false,
          active: true,
          createdAt: '2026-12-06 14:29:24.512+00',
        },
      ],
    };
    expect(
      await contract.mismatchesOf('GET', '/api/inbound/suppliers', json(200, suppliers)),
    ).toEqual([
      'GET /api/inbound/suppliers answered 200: body/suppliers/0/createdAt is Postgres text, not an RFC 3339 time',
    ]);
  });
});
