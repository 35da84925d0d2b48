import type { Page } from 'playwright-core';

/** What one handheld screen must hold at one size (see layout-audit.browser.test.ts). */
export interface LayoutFinding {
  /** Wider than the screen: the page scrolls sideways, something is cut off. */
  overflowX: number;
  /** Essential facts (by data-testid) outside the first screen, or covered by something else, each with why. */
  hidden: string[];
  /** Controls smaller than the target (48 × 48 CSS px gloved, 44 on a tablet), by their text. */
  small: string[];
  /** English words on a Chinese screen (codes and product names aside). */
  english: string[];
}

/**
 * Measures the page as it is drawn now. `essential` are data-testids that must be inside the
 * first screen, below the status bar, and on top (the centre of each is hit-tested);
 * `allowedWords` are the words a Chinese screen may show (product names, codes); text marked
 * `translate="no"` (codes, ids) and `<code>` is not read as words. A radio or checkbox is
 * measured by its label (the label is what a finger taps).
 */
export function auditLayout(
  page: Page,
  essential: readonly string[],
  chinese: boolean,
  allowedWords: readonly string[],
  minTarget = 48,
): Promise<LayoutFinding> {
  return page.evaluate(
    ({ essential, chinese, allowedWords, minTarget }) => {
      const root = document.documentElement;
      const visible = (el: Element) => {
        const rect = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return (
          rect.width > 2 &&
          rect.height > 2 &&
          style.visibility !== 'hidden' &&
          style.opacity !== '0'
        );
      };
      const statusBar = document.querySelector('[data-testid=status-bar]')?.getBoundingClientRect();
      const top = statusBar ? statusBar.bottom : 0;
      const describe = (el: Element) =>
        `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''}`;
      // Why each essential fact fails: absent, off the first screen (by how much), or covered (by what).
      const hidden = essential.flatMap((id) => {
        const el = document.querySelector(`[data-testid="${id}"]`);
        if (!el) return [`${id} (absent)`];
        const rect = el.getBoundingClientRect();
        const span = `top ${Math.round(rect.top)}, bottom ${Math.round(rect.bottom)} of ${window.innerHeight}, below the status bar at ${Math.round(top)}`;
        if (rect.top < top - 1 || rect.bottom > window.innerHeight + 1) return [`${id} (${span})`];
        if (rect.left < -1 || rect.right > window.innerWidth + 1)
          return [
            `${id} (left ${Math.round(rect.left)}, right ${Math.round(rect.right)} of ${window.innerWidth})`,
          ];
        const hit = document.elementFromPoint(
          rect.left + rect.width / 2,
          rect.top + rect.height / 2,
        );
        if (!hit) return [`${id} (nothing drawn at its centre)`];
        return el === hit || el.contains(hit) || hit.contains(el)
          ? []
          : [`${id} (covered by ${describe(hit)})`];
      });
      const target = (el: Element) =>
        el.matches('input[type=radio], input[type=checkbox]') ? (el.closest('label') ?? el) : el;
      const small = Array.from(document.querySelectorAll('button, select, input, [role=button]'))
        .filter((el) => visible(el) && el.getAttribute('inputmode') !== 'none')
        .filter((el) => {
          const rect = target(el).getBoundingClientRect();
          return rect.height < minTarget - 0.5 || rect.width < minTarget - 0.5;
        })
        .map(
          (el) =>
            `${el.getAttribute('data-testid') ?? el.tagName}: ${(el.textContent ?? '').trim()}`,
        );
      const allowed = new Set(allowedWords.map((w) => w.toLowerCase()));
      let text = document.body.innerText;
      for (const code of Array.from(document.querySelectorAll<HTMLElement>('[translate=no], code')))
        if (code.innerText.trim() !== '') text = text.split(code.innerText).join(' ');
      const english = chinese
        ? [...new Set(text.match(/[A-Za-z][A-Za-z']+/g) ?? [])].filter(
            (word) => !allowed.has(word.toLowerCase()),
          )
        : [];
      return {
        overflowX: Math.max(0, root.scrollWidth - window.innerWidth),
        hidden,
        small,
        english,
      };
    },
    { essential: [...essential], chinese, allowedWords: [...allowedWords], minTarget },
  );
}

/** The handheld sizes every step is audited at. */
export const HANDHELD_SIZES = [
  { width: 360, height: 640 },
  { width: 480, height: 854 },
] as const;

/** Codes and names a Chinese screen may show in Latin letters (bins, waves, SKUs, units). */
export const CODE_WORDS = ['SKU', 'GS', 'OK', 'ml', 'kg', 'cm', 'mm', 'g', 'pcs'];

/** The findings as sentences (an empty list: the screen fits). */
export function describeFinding(name: string, finding: LayoutFinding): string[] {
  const out: string[] = [];
  if (finding.overflowX > 0) out.push(`${name}: ${finding.overflowX} px wider than the screen`);
  for (const id of finding.hidden) out.push(`${name}: ${id} not in the first screen or covered`);
  for (const control of finding.small) out.push(`${name}: control under 48 px: ${control}`);
  if (finding.english.length > 0)
    out.push(`${name}: English on a Chinese screen: ${finding.english.join(' ')}`);
  return out;
}

/**
 * An auditor for one page: `audit(step, essential)` measures the page at every size, keeps a
 * screenshot `<prefix>-<size>-<step>.png` in `artifacts`, and adds what it finds to `failures`.
 */
export function anAuditor(options: {
  page: Page;
  sizes: readonly { width: number; height: number }[];
  prefix: string;
  chinese: boolean;
  allowedWords: readonly string[];
  artifacts: string;
  failures: string[];
  minTarget?: number;
}) {
  const { page, sizes, prefix, chinese, allowedWords, artifacts, failures, minTarget } = options;
  return async (step: string, essential: readonly string[] = []) => {
    for (const size of sizes) {
      await page.setViewportSize(size);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      const finding = await auditLayout(page, essential, chinese, allowedWords, minTarget);
      const name = `${prefix}-${size.width}x${size.height}-${step}`;
      await page.screenshot({ path: `${artifacts}/${name}.png` });
      failures.push(...describeFinding(name, finding));
    }
    await page.setViewportSize(sizes[0]!);
  };
}
