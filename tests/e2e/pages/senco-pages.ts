/** Page models for the SENCo's reports, named as a SENCo would name their parts. */
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

export class ReportsPage {
  constructor(readonly page: Page) {}

  async open(report: 'This week' | 'Provision map' | 'Impact' | 'Gaps' | 'Import' | 'Export') {
    if (!(await this.page.getByRole('navigation', { name: 'Reports' }).isVisible())) {
      await this.page.getByRole('link', { name: 'Reports' }).click();
    }
    await this.page
      .getByRole('navigation', { name: 'Reports' })
      .getByRole('link', { name: report })
      .click();
  }

  stat(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  groupRow(name: string): Locator {
    return this.page.getByTestId('group-row').filter({ hasText: name });
  }

  minutesRows(): Locator {
    return this.page.getByTestId('minutes-row');
  }

  impactRow(name: string): Locator {
    return this.page.getByTestId('impact-row').filter({ hasText: name }).first();
  }

  /** The table of children behind an impact line (opened by the line's name). */
  impactChildren(name: string): Locator {
    return this.page.getByRole('table', { name: `Children in ${name}`, exact: true });
  }

  async chooseGapMeasure(measure: 'ticks' | 'progress' | 'attendance') {
    await this.page.getByLabel('Measure').selectOption(measure);
  }

  gapRow(group: string): Locator {
    return this.page
      .getByTestId('gap-row')
      .filter({ has: this.page.getByRole('rowheader', { name: group, exact: true }) });
  }

  /** A group's cell under a half term's column of the gaps table. */
  async gapCell(group: string, halfTerm: string): Promise<Locator> {
    const table = this.page.getByTestId('gaps-table');
    await expect(table.getByRole('columnheader', { name: halfTerm, exact: true })).toBeVisible();
    const index = (await table.getByRole('columnheader').allTextContents()).indexOf(halfTerm);
    // The first column holds the group's name (a row header), so cells count from the second.
    return this.gapRow(group)
      .getByRole('cell')
      .nth(index - 1);
  }

  /** Click a button that downloads a file and return the file's text. */
  async download(button: Locator): Promise<{ name: string; text: string }> {
    const [file]: [Download, void] = await Promise.all([
      this.page.waitForEvent('download'),
      button.click(),
    ]);
    return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
  }

  async setRange(from: string, to: string) {
    await this.page.getByLabel('From').fill(from);
    await this.page.getByLabel('To').fill(to);
  }

  async expectHeading(name: string | RegExp) {
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }
}
