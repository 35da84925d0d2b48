import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { aLoggedInDevice, aSeededAppPerFile, bodyOf } from '../testing/test-app';
import { testDatabases } from '../testing/test-databases';

const golden = (name: string) => readFileSync(new URL(`./golden/${name}`, import.meta.url));

describe.each(testDatabases())('printable labels on $name', (target) => {
  const fixture = aSeededAppPerFile(target);
  const get = async (path: string, token: string) =>
    fixture.app.request(path, { headers: { authorization: `Bearer ${token}` } });

  it('the ZPL of bin A-01-01 is exactly the golden file', async () => {
    const lead = await aLoggedInDevice(fixture.app, 'S-0001');
    const res = await get('/api/labels/bins.zpl?codes=A-01-01', lead.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/vnd.zebra-zpl');
    expect(await res.text()).toBe(golden('bin-GZ-A-01-01.zpl').toString('utf8'));
  });

  it('the PDF of bin A-01-01 is byte for byte the golden file (fixed metadata)', async () => {
    const lead = await aLoggedInDevice(fixture.app, 'S-0001');
    const res = await get('/api/labels/bins.pdf?codes=A-01-01', lead.token);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.equals(golden('bin-GZ-A-01-01.pdf'))).toBe(true);
  });

  it('takes the token from the header only: in the query (where logs keep it) it is refused', async () => {
    const lead = await aLoggedInDevice(fixture.app, 'S-0001');
    const res = await fixture.app.request(
      `/api/labels/bins.zpl?codes=A-01-01&token=${encodeURIComponent(lead.token)}`,
    );
    expect(res.status).toBe(401);
    expect((await bodyOf(res)).error.code).toBe('unauthenticated');
  });

  it('badge and tote labels, several per file, in the order asked', async () => {
    const admin = await aLoggedInDevice(fixture.app, 'A-0001');
    const badges = await (
      await get('/api/labels/badges.zpl?codes=S-0001,P-0001', admin.token)
    ).text();
    expect(badges.match(/\^FD[^^]*\^FS/g)).toEqual([
      '^FDS-0001^FS',
      '^FDS-0001^FS',
      '^FDWang Fang · Guangzhou DC (GZ)^FS',
      '^FDP-0001^FS',
      '^FDP-0001^FS',
      '^FDLi Wei · Guangzhou DC (GZ)^FS',
    ]);
    const totes = await get('/api/labels/totes.pdf?codes=T-0001,T-0002,T-0003', admin.token);
    const pdf = Buffer.from(await totes.arrayBuffer()).toString('latin1');
    expect(pdf.match(/\/Type \/Page\b/g)?.length).toBe(3);
  });

  it('a badge of a Chinese name prints it in an embedded Chinese font, in PDF and in ZPL', async () => {
    const admin = await aLoggedInDevice(fixture.app, 'A-0001');
    const created = await fixture.app.request('/api/admin/users', {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'P-0777',
        pin: '4826',
        name: '张建国',
        role: 'picker',
        badge: 'P-0777',
        language: 'zh-CN',
      }),
    });
    expect(created.status).toBe(201);

    const res = await get('/api/labels/badges.pdf?codes=P-0777', admin.token);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('latin1');
    // A subset of Noto Sans SC is embedded (a Type 0 font with its glyph program)…
    expect(text).toMatch(/\/BaseFont \/[A-Z]{0,6}\+?NotoSansSC-Regular/);
    expect(text).toContain('/FontFile2');
    // …and its ToUnicode map names the characters printed, so 张建国 is what a reader (or a
    // search in the PDF) gets back, not "???" as with the Latin-1 standard fonts.
    const cmaps = streamsOf(bytes).filter((s) => s.includes('begincmap'));
    const mapped = new Set(
      cmaps.flatMap((c) => [...c.matchAll(/<[0-9A-F]{4}> <([0-9A-F]{4,8})>/gi)].map((m) => m[1]!)),
    );
    for (const ch of '张建国') {
      expect(mapped).toContain(ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'));
    }
    expect(text).not.toContain('(??? ');

    const zpl = await (await get('/api/labels/badges.zpl?codes=P-0777', admin.token)).text();
    expect(zpl).toContain('^CW1,E:SIMSUN.FNT');
    expect(zpl).toContain('^FO40,335^A1N,36,36^FD张建国 · Guangzhou DC (GZ)^FS');
    // The badge code itself stays in the printer's Latin font.
    expect(zpl).toContain('^FO40,30^A0N,96,96^FDP-0777^FS');
  });

  it('bad or unknown codes are refused by name; pickers cannot print', async () => {
    const lead = await aLoggedInDevice(fixture.app, 'S-0001');
    const bad = await get('/api/labels/bins.zpl?codes=A-1-1', lead.token);
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).error.fields).toEqual([
      { path: 'codes.0', message: 'a bin code looks like A-03-12' },
    ]);
    const none = await get('/api/labels/bins.pdf', lead.token);
    expect((await bodyOf(none)).error.fields?.[0]?.path).toBe('codes');
    const unknown = await get('/api/labels/bins.pdf?codes=A-01-01,Z-99-99', lead.token);
    expect(unknown.status).toBe(404);
    expect((await bodyOf(unknown)).error.message).toBe('No bin Z-99-99 in GZ');
    const otherSite = await get('/api/labels/badges.zpl?codes=P-0003', lead.token);
    expect(otherSite.status).toBe(404);
    const picker = await aLoggedInDevice(fixture.app, 'P-0001');
    expect((await get('/api/labels/bins.zpl?codes=A-01-01', picker.token)).status).toBe(403);
  });

  it('a whole aisle or zone in one file, in pick-path order', async () => {
    const lead = await aLoggedInDevice(fixture.app, 'S-0001');
    const aisle = await (await get('/api/labels/bins.zpl?aisle=b-02', lead.token)).text();
    const codes = [...aisle.matchAll(/\^FD(B-02-\d\d)\^FS/g)].map((m) => m[1]);
    expect(new Set(codes).size).toBe(12);
    expect(codes[0]).toBe('B-02-12');
    const zone = await get('/api/labels/bins.pdf?zone=C', lead.token);
    expect(zone.status).toBe(200);
    const pdf = Buffer.from(await zone.arrayBuffer()).toString('latin1');
    expect(pdf.match(/\/Type \/Page\b/g)?.length).toBe(72);
    const bad = await get('/api/labels/bins.pdf?aisle=B-2', lead.token);
    expect((await bodyOf(bad)).error.fields).toEqual([
      { path: 'aisle', message: 'an aisle looks like A-03' },
    ]);
    const empty = await get('/api/labels/bins.pdf?zone=Q', lead.token);
    expect(empty.status).toBe(404);
    expect((await bodyOf(empty)).error.message).toBe('No bin in zone Q of GZ');
  });
});

/** The decoded content of every Flate stream in a PDF (pdf-lib compresses fonts and CMaps). */
function streamsOf(pdf: Buffer): string[] {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const start = pdf.indexOf('stream', at, 'latin1');
    if (start < 0) return out;
    const body = start + (pdf[start + 6] === 0x0d ? 8 : 7);
    const end = pdf.indexOf('endstream', body, 'latin1');
    if (end < 0) return out;
    try {
      out.push(inflateSync(pdf.subarray(body, end)).toString('latin1'));
    } catch {
      out.push(pdf.subarray(body, end).toString('latin1'));
    }
    at = end + 9;
  }
}
