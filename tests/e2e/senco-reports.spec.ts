/**
 * The SENCo's week: a teacher ticks in her browser, a TA logs sessions and
 * scores in hers through the register and group screens, and the SENCo,
 * signing in on a fresh browser, syncs the school and sees exactly those
 * numbers in This week, the provision map, the impact page and the gap
 * analysis (down to the children behind a gap); then exports CSV and JSON
 * and the files are read back.
 *
 * Every browser's clock is fixed on Tue 8 Dec 2026, 10:00 London time, so
 * the TA's "My sessions today" holds the 09:05 Precision Teaching session
 * and every figure below is worked out by hand from the rules in
 * src/domain/reports/*.ts and the demo seed (server/demo/seed.ts).
 *
 * The demo children involved (Year 3 Hazel; "SEN" is SEN support or EHCP):
 *   Ethan Evans    child:y3:7   monitoring (not SEN), EAL, boy
 *   Grace Thompson child:y3:4   SEN support, FSM, PP, EAL, girl
 *   Imogen Green   child:y3:10  SEN support, girl
 *   Lily Baker     child:y3:16  EHCP, FSM, PP, girl
 *   Ollie Murphy   child:y3:1   SEN support, boy
 *   Oscar Thompson child:y3:13  monitoring (not SEN), FSM, PP, EAL, boy
 * All six are Jo Hughes's focus children (until 9 Dec). The other SEN or
 * focus children in the school: Theo Davies (y4:1, SEN), Rosie Cooper (y4:4,
 * focus) and Yusuf Bennett (y5:1, EHCP).
 *
 * The TA's groups:
 * - "Precision Teaching: Year 3 sight words" (PT): group format, £14.50 an
 *   hour, £5 resources per pupil, measure 0-120 words; the six children
 *   above; Mon-Fri 09:05, 10 minutes.
 * - "ELSA 1:1: feelings and friendships": one-to-one, £14.50 an hour, no
 *   resources, measure 1-5 points; Ethan only; Wednesdays 13:30, 30 minutes.
 *
 * What is recorded:
 * - Teacher (focus children screen, Tue 8 Dec): Ethan: Achieved, Partly,
 *   Absent; Grace: Partly, Not yet; Imogen: Achieved, Partly. 7 ticks.
 * - TA, register screen:
 *   PT, Tue 8 Dec (the 09:05 slot): Ollie absent (Unwell), 12 minutes
 *   instead of 10; 5 of 6 present.
 *   ELSA, unscheduled, Mon 7 Dec: 30 minutes, Ethan present.
 *   ELSA, unscheduled, Tue 8 Dec: 20 minutes, Ethan absent (Unwell).
 * - TA, group screens (scores): ELSA: Ethan entry 2 (16 Sep), interim 3
 *   (25 Nov), exit 4 (8 Dec). PT: entry (2 Nov) Grace 20, Oscar 30; exit
 *   (8 Dec) Grace 32, Oscar 36.
 *
 * The expected figures are the constants below, each with its arithmetic.
 */
import {
  expect,
  test,
  type Browser,
  type BrowserContextOptions,
  type Page,
} from '@playwright/test';
import Papa from 'papaparse';
import { FocusChildrenPage, SignInPage } from './pages/app-pages';
import { ReportsPage } from './pages/senco-pages';
import {
  ELSA_GROUP,
  GroupPage,
  MySessionsPage,
  PT_GROUP,
  RegisterPage,
  WeekPage,
} from './pages/session-pages';
import { startOwnServer, type OwnServer } from './own-server';

// Why a server of its own: every clock here is fixed in the future (8 Dec
// 2026), and those records would sort first in other specs' lists.
const OWN_PORT = Number(process.env.E2E_PORT ?? 4310) + 8;
let server: OwnServer | undefined;
test.beforeAll(async () => {
  server = await startOwnServer(OWN_PORT);
});
test.afterAll(() => server?.stop());
test.use({ baseURL: `http://127.0.0.1:${OWN_PORT}` });

const NOW = new Date('2026-12-08T10:00:00.000Z');
/** Every person's browser: a UK school, in December (GMT), with the clock fixed on NOW. */
const BROWSER: BrowserContextOptions = {
  locale: 'en-GB',
  timezoneId: 'Europe/London',
  viewport: { width: 1024, height: 768 },
};
const HALF_TERM = 'Autumn 2026 (2)';

const ETHAN = 'Ethan Evans';
const GRACE = 'Grace Thompson';
const IMOGEN = 'Imogen Green';
const LILY = 'Lily Baker';
const OLLIE = 'Ollie Murphy';
const OSCAR = 'Oscar Thompson';

// ---------------------------------------------------------------- This week, Mon 7 to Fri 11 Dec

const THIS_WEEK = {
  // Sessions: ELSA planned 1 (Wed 13:30), PT planned 5 (Mon-Fri 09:05) = 6
  // this week. Due by Tue 10:00: PT Mon and Tue = 2; ELSA's Wednesday not yet.
  // Delivered ELSA 2 (both unscheduled) + PT 1 = 3; dosage 3 / 2 = 150%.
  sessions: '3 of 2 due so far',
  dosage: 'Dosage 150% · 6 planned this week',
  // On the registers: ELSA 2 (Ethan twice) + PT 6 = 8; present 1 + 5 = 6; 6 / 8 = 75%.
  attendance: '75%',
  // Ticks: Ethan 3 + Grace 2 + Imogen 2 = 7; Achieved (Ethan, Imogen) 2, Partly
  // (Ethan, Grace, Imogen) 3, Not yet (Grace) 1, Absent (Ethan) 1.
  ticks: '7',
  outcomeMix: 'Achieved 2 · Partly 3 · Not yet 1 · Absent 1',
  // Group rows: provision, planned this week, due so far, delivered, dosage, attendance, minutes.
  // ELSA: none due yet, so no dosage; 1 present of 2 = 50%; 30 + 20 = 50 minutes.
  elsa: ['ELSA', '1', '0', '2', '—', '50%', '50'],
  // PT: 1 / 2 due = 50%; 5 present of 6 = 83.3% (shown 83%); 12 minutes.
  pt: ['Precision Teaching', '5', '2', '1', '50%', '83%', '12'],
  // Minutes per child / sessions attended / missed, by name:
  // Ethan: PT 12 + ELSA Mon 30 = 42, attended 2, missed ELSA Tue 1;
  // the four other PT children present: 12 / 1 / 0; Ollie, absent: 0 / 0 / 1.
  minutes: [
    `${ETHAN}/42/2/1`,
    `${GRACE}/12/1/0`,
    `${IMOGEN}/12/1/0`,
    `${LILY}/12/1/0`,
    `${OLLIE}/0/0/1`,
    `${OSCAR}/12/1/0`,
  ],
  // SEN register or live focus list: the six above, Theo, Rosie, Yusuf = 9;
  // attended a session: Ethan, Grace, Imogen, Lily, Oscar; ticked: Ethan,
  // Grace, Imogen. Left with nothing: Ollie (absent, not ticked), Rosie,
  // Theo, Yusuf = 4, by name.
  unsupported: [
    `${OLLIE} · Year 3 Hazel · SEN register and focus child`,
    'Rosie Cooper · Year 4 Rowan · focus child',
    'Theo Davies · Year 4 Rowan · SEN register and focus child',
    'Yusuf Bennett · Year 5 Willow · SEN register and focus child',
  ],
};

// ---------------------------------------------------------------- provision map, 7 to 11 Dec

const PROVISION_MAP = {
  // Planned PT per child: 5 sessions x (10/60 x 1450p) / 6 children = 201.39p,
  // plus 500p resources = 701.39p (£7.01), 5 x 10 = 50 minutes.
  // Delivered PT per child present: 12/60 x 1450p = 290p shared by 5 = 58p,
  // plus 500p resources = 558p (£5.58), 12 minutes; Ollie 0.
  ptRow: { planned: ['5', '50', '7.01'], present: ['1', '12', '5.58'], absent: ['0', '0', '0.00'] },
  // ELSA for Ethan: planned 1 x 30/60 x 1450p = 725p (£7.25), 30 minutes.
  // Delivered: Mon 725p (one-to-one: a whole session per child present);
  // Tue nobody came, so its 20/60 x 1450p = 483.33p falls on the register
  // (Ethan): 1208.33p (£12.08); 30 minutes attended.
  elsaRow: ['1', '30', '7.25', '1', '30', '12.08'],
  // By provision: children, planned minutes, delivered minutes, planned cost, delivered cost.
  // PT: 6 children, 6 x 50 = 300, 5 x 12 = 60, 6 x 701.39p = 4208.33p, 5 x 558p = 2790p.
  ptTotal: ['6', '300', '60', '£42.08', '£27.90'],
  elsaTotal: ['1', '30', '30', '£7.25', '£12.08'],
  // SEN (Ollie, Grace, Imogen, Lily; PT only): 4 x 50 = 200, 3 x 12 = 36,
  // 4 x 701.39p = 2805.56p, 3 x 558p = 1674p.
  senTotal: ['4', '200', '36', '£28.06', '£16.74'],
  // School: planned 4208.33p + 725p = 4933.33p, 300 + 30 = 330 minutes;
  // delivered 2790p + 1208.33p = 3998.33p, 60 + 30 = 90 minutes; 6 children.
  school: { planned: '£49.33', plannedMinutes: '330 minutes' },
  delivered: { cost: '£39.98', minutes: '90 minutes' },
};

// ---------------------------------------------------------------- impact, all dates

const IMPACT = {
  // ELSA: Ethan entry 2 -> exit 4 (the interim 3 is not an end point): n = 1,
  // +2 points; delivered 1208.33p on 1 child who attended = £12.08 per pupil;
  // per point 1208.33p / 2 = 604.17p (£6.04). Expected progress 2 -> Green
  // (2 >= 2); 3 -> Amber (2 >= 1.5); 5 -> Red (2 < 2.5).
  elsa: { n: '1', entryExit: '2 → 4', change: '+2 points', perPupil: '£12.08', perUnit: '£6.04' },
  // Child, entry, exit, change, sessions, minutes, cost delivered.
  elsaChildren: [[ETHAN, '2', '4', '2', '1', '30', '£12.08']],
  // PT: Grace 20 -> 32 (+12), Oscar 30 -> 36 (+6): n = 2, mean 25 -> 34,
  // +9 words; delivered 5 x 558p = 2790p on the 5 children who came = 558p
  // (£5.58) per pupil; per word (558p + 558p) / (12 + 6) = 62p (£0.62).
  pt: { n: '2', entryExit: '25 → 34', change: '+9 words', perPupil: '£5.58', perUnit: '£0.62' },
  ptChildren: [
    [ETHAN, '—', '—', '—', '1', '12', '£5.58'],
    [GRACE, '20', '32', '12', '1', '12', '£5.58'],
    [IMOGEN, '—', '—', '—', '1', '12', '£5.58'],
    [LILY, '—', '—', '—', '1', '12', '£5.58'],
    [OLLIE, '—', '—', '—', '0', '0', '£0.00'],
    [OSCAR, '30', '36', '6', '1', '12', '£5.58'],
  ],
};

// ---------------------------------------------------------------- gap analysis, Autumn 2026 (2)

const GAPS = {
  // Target achievement rate per child = (achieved + half of partly) / ticks,
  // absences left out: Ethan (100 + 50) / 2 = 75%; Grace (50 + 0) / 2 = 25%;
  // Imogen (100 + 50) / 2 = 75%. Each child counts once in a group's mean.
  // SEN (Grace, Imogen) (25 + 75) / 2 = 50% against the rest (Ethan) 75%:
  // -25.0 points, red (more than 10 behind).
  ticksSen: { text: '−25.0 pts 50% vs 75% (n=2)', rag: 'red' },
  // FSM (Grace) 25% against Ethan and Imogen (75 + 75) / 2 = 75%: -50.0, red.
  ticksFsm: { text: '−50.0 pts 25% vs 75% (n=1)', rag: 'red' },
  // Boys (Ethan) 75% against girls (Grace, Imogen) 50%: +25.0, green.
  ticksBoys: { text: '+25.0 pts 75% vs 50% (n=1)', rag: 'green' },
  // Behind the SEN gap: every SEN child, lowest value first, then those with
  // no ticks by name.
  ticksSenChildren: [
    `${GRACE}: 25%`,
    `${IMOGEN}: 75%`,
    `${LILY}: no data`,
    `${OLLIE}: no data`,
    'Theo Davies: no data',
    'Yusuf Bennett: no data',
  ],
  // Provision attendance = present / on the register: Ethan 2 of 3 = 66.7%;
  // Grace, Imogen, Lily, Oscar 100%; Ollie 0%. SEN (Ollie, Grace, Imogen,
  // Lily) (0 + 100 + 100 + 100) / 4 = 75% against Ethan and Oscar
  // (66.7 + 100) / 2 = 83.3%: -8.3 points, amber (5 to 10 behind).
  attendanceSen: { text: '−8.3 pts 75% vs 83% (n=4)', rag: 'amber' },
  // Progress = (exit - entry) as a percentage of the measure's range: Ethan
  // (4 - 2) / (5 - 1) = 50%; Grace (32 - 20) / 120 = 10%; Oscar (36 - 30) /
  // 120 = 5%. SEN (Grace) 10% against (50 + 5) / 2 = 27.5% (shown 28%):
  // -17.5 points, red.
  progressSen: { text: '−17.5 pts 10% vs 28% (n=1)', rag: 'red' },
};

/** A CSV file as rows of named columns (and it starts with a BOM, for Excel). */
const readCsv = (text: string): Record<string, string>[] => {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
};

const shoot = async (page: Page, name: string) => {
  for (const [width, height] of [
    [1024, 768],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({
      path: `test-results/screenshots/${name}-${width}x${height}.png`,
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: 1024, height: 768 });
};

const openBrowser = async (browser: Browser, options: BrowserContextOptions = {}) => {
  const context = await browser.newContext({ ...BROWSER, ...options });
  await context.clock.setFixedTime(NOW);
  return { context, page: await context.newPage() };
};

test('ticks and sessions reach the SENCo’s reports with the exact numbers, and export', async ({
  browser,
}) => {
  // ---- the teacher ticks seven targets on her focus children screen
  const teacher = await openBrowser(browser);
  await test.step('the teacher ticks', async () => {
    const { page } = teacher;
    await new SignInPage(page).signIn('teacher@demo.school');
    const focus = new FocusChildrenPage(page);
    await expect(focus.children()).toHaveCount(6);
    await focus.tickChild(ETHAN, 0, 'Achieved');
    await focus.tickChild(ETHAN, 1, 'Partly');
    await focus.tickChild(ETHAN, 2, 'Absent');
    await focus.tickChild(GRACE, 0, 'Partly');
    await focus.tickChild(GRACE, 1, 'Not yet');
    await focus.tickChild(IMOGEN, 0, 'Achieved');
    await focus.tickChild(IMOGEN, 1, 'Partly');
    await expect(focus.tickStates().filter({ hasText: 'synced' })).toHaveCount(7, {
      timeout: 30_000,
    });
  });

  // ---- the TA logs three sessions on the register and seven scores on her group pages
  const ta = await openBrowser(browser);
  await test.step('the TA logs sessions on the register', async () => {
    const { page } = ta;
    await new SignInPage(page).signIn('ta@demo.school');
    const home = new MySessionsPage(page);
    await expect(home.heading()).toBeVisible();
    await expect(page.getByText('Tuesday 8 December 2026')).toBeVisible();
    const register = new RegisterPage(page);

    // Today's 09:05 Precision Teaching: Ollie is off ill, and it ran 12 minutes.
    await home.logSessionLink(PT_GROUP, '09:05').click();
    await expect(register.heading()).toHaveText(`Register: ${PT_GROUP}`);
    await expect(register.children()).toHaveCount(6);
    await expect(register.presentCount()).toHaveText('6 of 6 present');
    await register.markAbsent(OLLIE, 'Unwell');
    await expect(register.minutes()).toHaveValue('10');
    await register.minutes().fill('12');
    await expect(register.presentCount()).toHaveText('5 of 6 present');
    await register.saveButton().click();
    await expect(home.slot(PT_GROUP).getByTestId('slot-state')).toContainText(
      'Logged: 5 of 6 present, 12 minutes',
    );

    // Yesterday's ELSA, not on the timetable, logged today with its date.
    await home.unscheduledLink(ELSA_GROUP).click();
    await expect(register.children()).toHaveCount(1);
    await register.date().fill('2026-12-07');
    await expect(register.minutes()).toHaveValue('30');
    await register.saveButton().click();
    await expect(
      page.getByRole('status').filter({
        hasText: `Session saved on this device: ${ELSA_GROUP}, 1 of 1 present.`,
      }),
    ).toBeVisible();

    // Today's extra ELSA slot: Ethan was off ill; the TA's 20 minutes still count.
    await home.unscheduledLink(ELSA_GROUP).click();
    await expect(register.children()).toHaveCount(1);
    await register.markAbsent(ETHAN, 'Unwell');
    await register.minutes().fill('20');
    await expect(register.presentCount()).toHaveText('0 of 1 present');
    await register.saveButton().click();
    await expect(home.extras().filter({ hasText: ELSA_GROUP })).toContainText(
      '0 of 1 present, 20 minutes',
    );
  });

  await test.step('the TA logs entry, interim and exit scores on her group pages', async () => {
    const { page } = ta;
    const home = new MySessionsPage(page);
    const group = new GroupPage(page);
    await home.openGroup(ELSA_GROUP);
    await group.recordScores('Entry', '2026-09-16', { [ETHAN]: 2 });
    await group.recordScores('Interim', '2026-11-25', { [ETHAN]: 3 });
    await group.recordScores('Exit', '2026-12-08', { [ETHAN]: 4 });
    await expect(group.child(ETHAN).getByTestId('score-change')).toHaveText('+2 points (↑ better)');
    await expect(group.child(ETHAN)).toContainText('Came to 1, missed 1 · 30 minutes received');
    await expect(group.sessions()).toHaveCount(2);

    await page.getByRole('link', { name: '← My sessions' }).click();
    await home.openGroup(PT_GROUP);
    await group.recordScores('Entry', '2026-11-02', { [GRACE]: 20, [OSCAR]: 30 });
    await group.recordScores('Exit', '2026-12-08', { [GRACE]: 32, [OSCAR]: 36 });
    await expect(group.child(GRACE).getByTestId('score-change')).toHaveText('+12 words (↑ better)');
    await expect(group.child(OSCAR).getByTestId('score-change')).toHaveText('+6 words (↑ better)');
    await expect(group.child(OLLIE)).toContainText('Came to 0, missed 1 · 0 minutes received');
    await expect(group.sessions()).toHaveCount(1);
    await expect(group.sessions()).toContainText(`Absent: ${OLLIE} (Unwell)`);

    // Her week as she sees it; and wait until everything has reached the school.
    const week = new WeekPage(page);
    await week.open();
    await expect(week.group(PT_GROUP)).toContainText(
      '1 logged · 5 sessions planned this week, 2 up to today',
    );
    await expect(week.group(PT_GROUP)).toContainText('1 planned session not logged yet');
    await expect(week.group(ELSA_GROUP)).toContainText(
      '2 logged (2 unscheduled) · 1 session planned this week, none up to today',
    );
    await expect(week.nothingWaiting()).toBeVisible({ timeout: 45_000 });
  });

  // ---- the SENCo on a fresh browser
  const senco = await openBrowser(browser, { acceptDownloads: true });
  const { page } = senco;
  const reports = new ReportsPage(page);
  await test.step('the SENCo signs in and syncs the school', async () => {
    await new SignInPage(page).signIn('senco@demo.school');
    await expect(page.getByText('All changes synced')).toBeVisible({ timeout: 45_000 });
  });

  await test.step('This week', async () => {
    await reports.open('This week');
    await reports.expectHeading('This week: Mon 7 Dec to Fri 11 Dec');
    await expect(reports.stat('stat-dosage')).toContainText(THIS_WEEK.sessions);
    await expect(reports.stat('stat-dosage')).toContainText(THIS_WEEK.dosage);
    await expect(reports.stat('stat-attendance')).toContainText(THIS_WEEK.attendance);
    await expect(reports.stat('stat-ticks').locator('.stat-value')).toHaveText(THIS_WEEK.ticks);
    await expect(reports.stat('stat-ticks')).toContainText(THIS_WEEK.outcomeMix);
    await expect(reports.stat('stat-unsupported').locator('.stat-value')).toHaveText(
      String(THIS_WEEK.unsupported.length),
    );
    await expect(page.getByTestId('unsupported').getByRole('listitem')).toHaveText(
      THIS_WEEK.unsupported,
    );
    await expect(page.getByTestId('group-row').locator('th')).toHaveText([ELSA_GROUP, PT_GROUP]);
    await expect(reports.groupRow(ELSA_GROUP).locator('td')).toHaveText(THIS_WEEK.elsa);
    await expect(reports.groupRow(PT_GROUP).locator('td')).toHaveText(THIS_WEEK.pt);
    await expect
      .poll(() =>
        reports
          .minutesRows()
          .evaluateAll((rows) =>
            rows.map((row) =>
              [...row.querySelectorAll('th, td')].map((cell) => cell.textContent).join('/'),
            ),
          ),
      )
      .toEqual(THIS_WEEK.minutes);
    // Staff who never signed in are named.
    await expect(page.getByTestId('not-synced')).toContainText('Priya Shah: has never synced');
    await shoot(page, 'senco-this-week');

    const file = await reports.download(page.getByRole('button', { name: 'Download CSV' }));
    expect(file.name).toBe('this-week-2026-12-07-2026-12-08.csv');
    const rows = readCsv(file.text);
    const groups = rows.filter((row) => row.Section === 'Group');
    expect(
      groups.map((row) => [
        row.Name,
        row.Provision,
        row['Sessions planned this week'],
        row['Sessions due so far'],
        row['Sessions delivered'],
        row['Dosage (%)'],
        row['Attendance (%)'],
        row.Minutes,
      ]),
    ).toEqual([
      [ELSA_GROUP, 'ELSA', '1', '0', '2', '', '50.0', '50'],
      // 5 / 6 = 83.33%, one decimal in the file.
      [PT_GROUP, 'Precision Teaching', '5', '2', '1', '50.0', '83.3', '12'],
    ]);
    expect(
      rows
        .filter((row) => row.Section === 'Child minutes')
        .map((row) =>
          [row.Name, row.Minutes, row['Sessions attended'], row['Sessions missed']].join('/'),
        ),
    ).toEqual(THIS_WEEK.minutes);
    expect(
      rows.filter((row) => row.Section === 'Ticks').map((row) => `${row.Name} ${row.Count}`),
    ).toEqual(['Achieved 2', 'Partly 3', 'Not yet 1', 'Absent 1']);
    expect(
      rows.filter((row) => row.Section === 'No provision and no ticks').map((row) => row.Name),
    ).toEqual([OLLIE, 'Rosie Cooper', 'Theo Davies', 'Yusuf Bennett']);
  });

  await test.step('the provision map for the week', async () => {
    await reports.open('Provision map');
    await reports.expectHeading('Provision map');
    await reports.setRange('2026-12-07', '2026-12-11');
    await expect(reports.stat('school-delivered')).toContainText(PROVISION_MAP.delivered.cost);
    await expect(reports.stat('school-delivered')).toContainText(PROVISION_MAP.delivered.minutes);
    await expect(reports.stat('school-planned')).toContainText(PROVISION_MAP.school.planned);
    await expect(reports.stat('school-planned')).toContainText(PROVISION_MAP.school.plannedMinutes);
    await expect(page.getByTestId('map-row')).toHaveCount(7);
    const byProvision = page.getByTestId('totals-provision');
    await expect(
      byProvision.getByRole('row', { name: /^Precision Teaching/ }).locator('td'),
    ).toHaveText(PROVISION_MAP.ptTotal);
    await expect(byProvision.getByRole('row', { name: /^ELSA/ }).locator('td')).toHaveText(
      PROVISION_MAP.elsaTotal,
    );
    await expect(
      page.getByTestId('totals-group').getByRole('row', { name: /^SEN/ }).locator('td'),
    ).toHaveText(PROVISION_MAP.senTotal);
    await shoot(page, 'senco-provision-map');

    const file = await reports.download(page.getByRole('button', { name: 'Download CSV' }));
    const rows = readCsv(file.text);
    const figures = (row: Record<string, string>) => [
      row['Sessions planned'],
      row['Minutes planned'],
      row['Cost planned (£)'],
      row['Sessions delivered'],
      row['Minutes delivered'],
      row['Cost delivered (£)'],
    ];
    // Seven rows: the six PT children and Ethan's ELSA, by child.
    expect(rows.map((row) => `${row.Child}|${row.Provision}`)).toEqual([
      `${ETHAN}|ELSA`,
      `${ETHAN}|Precision Teaching`,
      `${GRACE}|Precision Teaching`,
      `${IMOGEN}|Precision Teaching`,
      `${LILY}|Precision Teaching`,
      `${OLLIE}|Precision Teaching`,
      `${OSCAR}|Precision Teaching`,
    ]);
    const { planned, present, absent } = PROVISION_MAP.ptRow;
    expect(rows.map(figures)).toEqual([
      PROVISION_MAP.elsaRow,
      [...planned, ...present],
      [...planned, ...present],
      [...planned, ...present],
      [...planned, ...present],
      [...planned, ...absent],
      [...planned, ...present],
    ]);
  });

  await test.step('the impact of each provision', async () => {
    await reports.open('Impact');
    await reports.expectHeading('Impact of provision');
    for (const [name, figures] of [
      ['ELSA', IMPACT.elsa],
      ['Precision Teaching', IMPACT.pt],
    ] as const) {
      const line = reports.impactRow(name);
      await expect(line.locator('td').first()).toHaveText(figures.n);
      await expect(line.locator('td').nth(1)).toHaveText(figures.entryExit);
      await expect(line.getByTestId('mean-change')).toHaveText(figures.change);
      await expect(line.getByTestId('cost-per-pupil')).toHaveText(figures.perPupil);
      await expect(line.getByTestId('cost-per-unit')).toHaveText(figures.perUnit);
    }
    await expect(reports.impactRow('Precision Teaching').getByText('No data')).toBeVisible();

    const elsa = reports.impactRow('ELSA');
    const expected = page.getByLabel('Expected progress for ELSA', { exact: true });
    for (const [value, rag] of [
      ['2', 'Green'],
      ['3', 'Amber'],
      ['5', 'Red'],
    ] as const) {
      await expected.fill(value);
      await expected.press('Tab');
      await expect(elsa.getByText(rag)).toBeVisible();
    }
    for (const [name, children] of [
      ['ELSA', IMPACT.elsaChildren],
      ['Precision Teaching', IMPACT.ptChildren],
    ] as const) {
      await reports.impactRow(name).getByRole('button', { name, exact: true }).click();
      const table = reports.impactChildren(name);
      await expect(table.getByRole('row')).toHaveCount(children.length + 1);
      for (const [index, cells] of children.entries()) {
        await expect(
          table
            .getByRole('row')
            .nth(index + 1)
            .locator('th, td'),
        ).toHaveText(cells);
      }
    }
    await shoot(page, 'senco-impact');

    const file = await reports.download(page.getByRole('button', { name: 'Download CSV' }));
    const figures = (row: Record<string, string>) => [
      row['Children measured'],
      row['Children attended'],
      row['Mean entry score'],
      row['Mean exit score'],
      row['Mean change'],
      row['Cost delivered (£)'],
      row['Cost a pupil (£)'],
      row['Cost a point of progress (£)'],
      row['Expected change'],
      row.Rating,
    ];
    const lines = new Map(readCsv(file.text).map((row) => [`${row.Level}|${row.Name}`, row]));
    const elsaFigures = ['1', '1', '2', '4', '2', '12.08', '12.08', '6.04', '5', 'Red'];
    const ptFigures = ['2', '5', '25', '34', '9', '27.90', '5.58', '0.62', '', 'No data'];
    expect(figures(lines.get('Provision|ELSA')!)).toEqual(elsaFigures);
    expect(figures(lines.get(`Group|${ELSA_GROUP}`)!)).toEqual(elsaFigures);
    expect(figures(lines.get('Provision|Precision Teaching')!)).toEqual(ptFigures);
    expect(figures(lines.get(`Group|${PT_GROUP}`)!)).toEqual(ptFigures);
  });

  await test.step('the gap analysis, and the children behind a gap', async () => {
    await reports.open('Gaps');
    await reports.expectHeading('Gap analysis');
    const expectGap = async (group: string, { text, rag }: { text: string; rag: string }) => {
      const cell = await reports.gapCell(group, HALF_TERM);
      await expect(cell.getByRole('button')).toHaveText(text);
      await expect(cell.locator('[data-rag]')).toHaveAttribute('data-rag', rag);
    };
    // Target achievement rate from ticks (the measure shown first).
    await expectGap('SEN', GAPS.ticksSen);
    await expectGap('FSM', GAPS.ticksFsm);
    await expectGap('Boys', GAPS.ticksBoys);
    // Year 3 holds every child with a value: no one to compare with.
    await expect(await reports.gapCell('Year 3', HALF_TERM)).toHaveText('—');

    await (await reports.gapCell('SEN', HALF_TERM)).getByRole('button').click();
    const drill = page.getByRole('region', { name: `SEN, ${HALF_TERM}` });
    await expect(
      drill.getByRole('figure', { name: 'SEN against the rest, by half term' }),
    ).toBeVisible();
    await expect(drill.getByTestId('gap-children').getByRole('listitem')).toHaveText(
      GAPS.ticksSenChildren,
    );
    await expect(drill.locator('canvas')).toBeVisible();
    await shoot(page, 'senco-gaps');

    const file = await reports.download(page.getByRole('button', { name: 'Download CSV' }));
    const sen = readCsv(file.text).find((row) => row.Group === 'SEN')!;
    expect(sen).toEqual({
      Measure: 'Target achievement rate (ticks)',
      Group: 'SEN',
      'Half term': HALF_TERM,
      'Group score': '50.0',
      'Rest of the school': '75.0',
      'Gap (points)': '-25.0',
      'Children in group': '2',
      'Children in the rest': '1',
      Rating: 'Red',
    });

    await reports.chooseGapMeasure('attendance');
    await expect(drill).toBeHidden();
    await expectGap('SEN', GAPS.attendanceSen);
    await reports.chooseGapMeasure('progress');
    await expectGap('SEN', GAPS.progressSen);
  });

  await test.step('export the whole school as JSON and a record type as CSV, read back', async () => {
    await reports.open('Export');
    const json = await reports.download(
      page.getByRole('button', { name: 'Export the whole school (JSON)' }),
    );
    type Named = { id: string; firstName: string; lastName: string };
    const exported = JSON.parse(json.text) as {
      format: string;
      version: number;
      records: {
        children: Named[];
        ticks: { childId: string; outcome: string; recordedAt: string }[];
        sessions: {
          date: string;
          minutes: number;
          isUnscheduled?: boolean;
          attendance: { childId: string; isPresent: boolean; absenceReason?: string }[];
        }[];
        scores: { childId: string; phase: string; date: string; value: number }[];
      };
    };
    expect(exported.format).toBe('waymark/send-record');
    expect(exported.version).toBe(1);
    const { records } = exported;
    expect(records.children).toHaveLength(60);
    const names = new Map(records.children.map((c) => [c.id, `${c.firstName} ${c.lastName}`]));
    const count = (values: string[]) =>
      Object.fromEntries(
        [...new Set(values)].sort().map((v) => [v, values.filter((x) => x === v).length]),
      );

    expect(records.ticks.every((tick) => tick.recordedAt === NOW.toISOString())).toBe(true);
    expect(
      count(records.ticks.map((tick) => `${names.get(tick.childId)}: ${tick.outcome}`)),
    ).toEqual({
      [`${ETHAN}: absent`]: 1,
      [`${ETHAN}: achieved`]: 1,
      [`${ETHAN}: partly`]: 1,
      [`${GRACE}: not_yet`]: 1,
      [`${GRACE}: partly`]: 1,
      [`${IMOGEN}: achieved`]: 1,
      [`${IMOGEN}: partly`]: 1,
    });

    const sessions = records.sessions
      .map((s) => ({
        date: s.date,
        minutes: s.minutes,
        unscheduled: !!s.isUnscheduled,
        present: s.attendance.filter((a) => a.isPresent).length,
        absent: s.attendance
          .filter((a) => !a.isPresent)
          .map((a) => `${names.get(a.childId)} (${a.absenceReason})`),
      }))
      .sort((a, b) => a.date.localeCompare(b.date) || a.minutes - b.minutes);
    expect(sessions).toEqual([
      { date: '2026-12-07', minutes: 30, unscheduled: true, present: 1, absent: [] },
      {
        date: '2026-12-08',
        minutes: 12,
        unscheduled: false,
        present: 5,
        absent: [`${OLLIE} (ill)`],
      },
      {
        date: '2026-12-08',
        minutes: 20,
        unscheduled: true,
        present: 0,
        absent: [`${ETHAN} (ill)`],
      },
    ]);

    expect(
      records.scores.map((s) => `${names.get(s.childId)} ${s.phase} ${s.date} ${s.value}`).sort(),
    ).toEqual([
      `${ETHAN} entry 2026-09-16 2`,
      `${ETHAN} exit 2026-12-08 4`,
      `${ETHAN} interim 2026-11-25 3`,
      `${GRACE} entry 2026-11-02 20`,
      `${GRACE} exit 2026-12-08 32`,
      `${OSCAR} entry 2026-11-02 30`,
      `${OSCAR} exit 2026-12-08 36`,
    ]);

    const sessionsCsv = readCsv(
      (await reports.download(page.getByRole('button', { name: 'Session logs CSV' }))).text,
    );
    expect(sessionsCsv.map((row) => `${row.Date} ${row.Minutes}`).sort()).toEqual([
      '07/12/2026 30',
      '08/12/2026 12',
      '08/12/2026 20',
    ]);
    // Names and words, not ids and JSON: only the last column holds an id.
    for (const row of sessionsCsv) {
      const cells = Object.values(row);
      expect(cells.slice(0, -1).join('|')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|^\[|\|\[|\{/);
      expect(Object.keys(row).at(-1)).toBe('Id');
    }
  });

  await teacher.context.close();
  await ta.context.close();
  await senco.context.close();
});
