/** Page models for a TA's intervention sessions, named as a TA or SENCo would name the parts. */
import { expect, type Locator, type Page } from '@playwright/test';

export const PT_GROUP = 'Precision Teaching: Year 3 sight words';
export const ELSA_GROUP = 'ELSA 1:1: feelings and friendships';

export class MySessionsPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'My sessions today' });
  }

  slots(): Locator {
    return this.page.getByTestId('session-slot');
  }

  slot(groupName: string): Locator {
    return this.slots().filter({ has: this.page.getByRole('heading', { name: groupName }) });
  }

  logSessionLink(groupName: string, time: string): Locator {
    return this.page.getByRole('link', { name: `Log session: ${groupName} at ${time}` });
  }

  correctLink(time: string): Locator {
    return this.page.getByRole('link', { name: `Correct the ${time} session` });
  }

  unscheduledLink(groupName: string): Locator {
    return this.page.getByRole('link', { name: `Log an unscheduled session for ${groupName}` });
  }

  extras(): Locator {
    return this.page.getByTestId('extra-session');
  }

  async openGroup(groupName: string) {
    await this.page.getByRole('link', { name: groupName, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: groupName })).toBeVisible();
  }
}

export class RegisterPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: /^(Register|Correct session): / });
  }

  children(): Locator {
    return this.page.getByTestId('register-child');
  }

  presentCount(): Locator {
    return this.page.getByRole('heading', { name: /present$/ });
  }

  minutes(): Locator {
    return this.page.getByLabel('Minutes');
  }

  date(): Locator {
    return this.page.getByLabel('Date', { exact: true });
  }

  note(): Locator {
    return this.page.getByLabel('Group note (optional)');
  }

  /** The message shown beside a field (its accessible description). */
  fieldMessage(field: Locator): Promise<string | null> {
    return field.evaluate((element) => {
      const id = element.getAttribute('aria-describedby');
      return id ? (document.getElementById(id)?.textContent ?? null) : null;
    });
  }

  /** One child's row on the register, by name. */
  child(name: string): Locator {
    return this.children().filter({ hasText: name });
  }

  /** Mark a child absent, by their place on the register or their name, and say why. */
  async markAbsent(which: number | string, reason: string) {
    const child = typeof which === 'number' ? this.children().nth(which) : this.child(which);
    await child.getByRole('button').click();
    await expect(child.getByRole('button')).toContainText('Absent');
    await child.getByRole('radio', { name: reason }).check();
  }

  async rate(index: number, rating: number) {
    await this.children()
      .nth(index)
      .getByRole('radio', { name: new RegExp(`^${rating} `) })
      .check();
  }

  saveButton(): Locator {
    return this.page.getByRole('button', { name: /^Save (session|correction)$/ });
  }
}

export class GroupPage {
  constructor(readonly page: Page) {}

  children(): Locator {
    return this.page.getByTestId('group-child');
  }

  child(name: string): Locator {
    return this.children().filter({ has: this.page.getByRole('heading', { name }) });
  }

  async chooseScore(phase: 'Entry' | 'Interim' | 'Exit') {
    await this.page.getByRole('radio', { name: phase }).check();
  }

  scoreInput(childName: string): Locator {
    return this.page.getByLabel(new RegExp(`^${childName}`));
  }

  scoreDate(): Locator {
    return this.page.getByLabel('Date taken');
  }

  saveScores(): Locator {
    return this.page.getByRole('button', { name: 'Save scores' });
  }

  /**
   * Record one phase's scores taken on a date, child by child, and wait
   * until the device has them (the form empties its boxes once saved).
   */
  async recordScores(
    phase: 'Entry' | 'Interim' | 'Exit',
    date: string,
    values: Record<string, number>,
  ) {
    await this.chooseScore(phase);
    await this.scoreDate().fill(date);
    for (const [name, value] of Object.entries(values)) {
      await this.scoreInput(name).fill(String(value));
    }
    await this.saveScores().click();
    const count = Object.keys(values).length;
    await expect(
      this.page.getByRole('status').filter({
        hasText: `${count} ${phase.toLowerCase()} score${count === 1 ? '' : 's'} saved on this device.`,
      }),
    ).toBeVisible();
    for (const name of Object.keys(values)) await expect(this.scoreInput(name)).toHaveValue('');
  }

  sessions(): Locator {
    return this.page.getByTestId('logged-session');
  }
}

export class WeekPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('link', { name: 'My week' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'My week' })).toBeVisible();
  }

  group(name: string): Locator {
    return this.page.getByTestId('week-group').filter({ hasText: name });
  }

  waitingItems(): Locator {
    return this.page.getByTestId('waiting-item');
  }

  nothingWaiting(): Locator {
    return this.page.getByTestId('nothing-waiting');
  }
}

export class SessionsLoggedPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('link', { name: 'Sessions logged' }).click();
    await expect(
      this.page.getByRole('heading', { level: 1, name: 'Sessions logged' }),
    ).toBeVisible();
  }

  sessions(): Locator {
    return this.page.getByTestId('logged-session');
  }
}
