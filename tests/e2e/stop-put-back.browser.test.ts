import { describe, expect, it } from 'vitest';
import { aServerAndBrowserPerFile } from '../support/server-and-browser';
import { pickCurrentLine, signIn, syncNow, unsyncedCount } from './handheld';
import { signInSupervisor } from './supervisor-api';

/** M4 meets M1: an order held after it was waved reaches the picker as "stop, put back". */
describe('an order held while its wave is being picked', () => {
  const fx = aServerAndBrowserPerFile();

  it('tells the picker to stop and put back; "Done, all put back" credits the bin, offline too', async () => {
    const context = await fx.browser.newContext({ viewport: { width: 400, height: 800 } });
    const page = await context.newPage();
    await page.goto(fx.server.url);
    await signIn(page, 'P-0002', '1234');
    await page.click('[data-testid=wave-B26-08]');
    const picked = await pickCurrentLine(page);
    await syncNow(page);
    expect(await unsyncedCount(page)).toBe(0);

    const supervisor = await signInSupervisor(fx.server.url);
    const line = (await supervisor.waveDetail('W-GZ-B26-08')).lines.find((l) => l.pickedQty > 0);
    expect(line).toBeDefined();
    await supervisor.holdOrder(line!.orderId, 'customer asked to stop the order');

    await syncNow(page);
    const notice = page.locator('[data-testid=notice][data-reason="order-pulled"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(
      `Stop: order ${line!.orderId} was taken out of wave B26-08`,
    );
    expect(await notice.locator('[data-testid=put-back-item]').allTextContents()).toEqual([
      expect.stringMatching(new RegExp(`^Put ${picked.qty} × .+ back in bin ${picked.bin}$`)),
    ]);
    const after = (await supervisor.waveDetail('W-GZ-B26-08')).lines.filter(
      (l) => l.orderId === line!.orderId,
    );
    expect(after.every((l) => l.status === 'cancelled')).toBe(true);

    // "Done, all put back" offline: the report waits in the outbox; at the next sync the bin has
    // its units again.
    const inBin = await supervisor.binStock(picked.bin, line!.skuId);
    await context.setOffline(true);
    await notice.locator('button').click();
    await notice.waitFor({ state: 'detached' });
    await expect.poll(() => unsyncedCount(page)).toBe(1);
    expect(await supervisor.binStock(picked.bin, line!.skuId)).toBe(inBin);
    await context.setOffline(false);
    await syncNow(page);
    expect(await unsyncedCount(page)).toBe(0);
    expect(await supervisor.binStock(picked.bin, line!.skuId)).toBe(inBin + picked.qty);
    await context.close();
  });
});
