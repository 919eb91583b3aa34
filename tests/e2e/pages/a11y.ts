/**
 * Accessibility checks shared by the specs: axe-core over the whole page as
 * it is shown, failing on any serious or critical violation (no rule is
 * turned off: a violation is fixed in the app, not excluded here); reaching
 * a control with the Tab key alone; a visible focus ring at every tab stop;
 * and no sideways scrolling of the page at a given width.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

const describe = (violation: Violation): string =>
  `${violation.id} (${violation.impact}): ${violation.help}\n` +
  violation.nodes
    .slice(0, 5)
    .map(
      (node) =>
        `    at ${node.target.join(' ')}: ${node.failureSummary?.split('\n')[1]?.trim() ?? ''}`,
    )
    .join('\n');

/**
 * Runs axe on the page as it is now. A soft assertion: the spec goes on to
 * the next screen, and fails at the end naming every screen that failed.
 * Set A11Y_VERBOSE=1 to print the moderate and minor findings too.
 */
export async function expectNoSeriousA11yViolations(page: Page, screenName: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  const lesser = results.violations.filter((violation) => !serious.includes(violation));
  if (process.env.A11Y_VERBOSE && lesser.length > 0) {
    console.log(`[a11y] ${screenName}, moderate or minor:\n${lesser.map(describe).join('\n')}`);
  }
  expect.soft(serious.map(describe), `axe on ${screenName}`).toEqual([]);
}

/** Presses Tab until `target` has the focus: proof it can be reached by keyboard alone. */
export async function tabTo(page: Page, target: Locator, maxPresses = 120) {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

type Stop = { name: string; hasRing: boolean };

/**
 * Tabs from the top of the page to its end; every control reached must show
 * a focus ring (an outline of 2px or more on it, or on the label standing
 * for a hidden radio button).
 */
export async function expectVisibleFocusEverywhere(page: Page, screenName: string) {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const stops: Stop[] = [];
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate((): (Stop & { isEnd: boolean }) | null => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      const ring = (candidate: Element) => {
        const style = getComputedStyle(candidate);
        return (
          style.outlineStyle !== 'none' &&
          parseFloat(style.outlineWidth) >= 2 &&
          style.opacity !== '0' &&
          style.visibility !== 'hidden'
        );
      };
      const label = element.closest('label');
      const name = `${element.tagName.toLowerCase()} "${(
        element.getAttribute('aria-label') ??
        element.textContent ??
        ''
      )
        .trim()
        .slice(0, 40)}"`;
      const marker = 'data-focus-seen';
      const isEnd = element.hasAttribute(marker);
      element.setAttribute(marker, '');
      return { name, hasRing: ring(element) || (!!label && ring(label)), isEnd };
    });
    if (!stop || stop.isEnd) break;
    stops.push(stop);
  }
  await page.evaluate(() =>
    document
      .querySelectorAll('[data-focus-seen]')
      .forEach((e) => e.removeAttribute('data-focus-seen')),
  );
  expect(stops.length, `tab stops on ${screenName}`).toBeGreaterThan(0);
  expect
    .soft(
      stops.filter((stop) => !stop.hasRing).map((stop) => stop.name),
      `controls with no visible focus on ${screenName}`,
    )
    .toEqual([]);
}

/** The page reflows to the window's width: nothing is reached only by scrolling sideways. */
export async function expectNoSidewaysScroll(page: Page, screenName: string) {
  const found = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // What sticks out: the innermost elements past the right edge, not inside a scroll box.
    const scrolls = (element: Element) => /auto|scroll/.test(getComputedStyle(element).overflowX);
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      // (an absolutely placed element escapes a scroll box that is not its containing block)
      .filter(
        (element) =>
          !hasScrollingAncestor(element) || getComputedStyle(element).position === 'absolute',
      )
      .filter(
        (element) =>
          ![...element.children].some((c) => c.getBoundingClientRect().right > width + 1),
      )
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    function hasScrollingAncestor(element: Element): boolean {
      for (let up = element.parentElement; up; up = up.parentElement) if (scrolls(up)) return true;
      return false;
    }
    return { page: document.documentElement.scrollWidth, window: width, culprits };
  });
  expect
    .soft(found.page, `page width on ${screenName} (sticking out: ${found.culprits.join(', ')})`)
    .toBeLessThanOrEqual(found.window);
}

/**
 * Every control a finger has to hit is at least 44 by 44 CSS pixels (a
 * checkbox or radio counts its label's box). Links in running text are
 * exempt, as in WCAG 2.5.8: the sentence around them spaces them out.
 */
export async function expectTapTargets(page: Page, screenName: string) {
  const small = await page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>(
      'button, a[href], input:not([type="hidden"]), select, textarea, summary',
    );
    const out: string[] = [];
    for (const control of controls) {
      const style = getComputedStyle(control);
      if (style.display === 'inline' && control.tagName === 'A') continue;
      const label = control.closest('label');
      const box = (
        label && control instanceof HTMLInputElement ? label : control
      ).getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.height < 44 || box.width < 44) {
        const name = (control.getAttribute('aria-label') ?? control.textContent ?? '').trim();
        out.push(
          `${control.tagName.toLowerCase()} "${name.slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`,
        );
      }
    }
    return out;
  });
  expect.soft(small, `tap targets under 44px on ${screenName}`).toEqual([]);
}

/** On a phone every report table is laid out as cards: none needs scrolling sideways. */
export async function expectTablesFit(page: Page, screenName: string) {
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('.table-wrap')]
      .filter((box) => box.scrollWidth > box.clientWidth + 1)
      .map((box) => box.querySelector('caption')?.textContent ?? box.getAttribute('aria-label')),
  );
  expect(wide, `tables that scroll sideways on ${screenName}`).toEqual([]);
}
