/**
 * The demo school, "Oakfield Primary School" (every name is made up): term
 * dates for England 2026-27, six staff, three classes of twenty children,
 * focus children with learning plans and termly targets, two provisions and
 * two interventions. Written through the same mutation path as a push, as
 * a server device, so every seeded record reaches devices by pull.
 *
 * Ids are uuid v5 of fixed names, so the demo looks the same on every
 * machine. The seed runs once: it does nothing when any school exists.
 */
import { v5 as uuidv5 } from 'uuid';
import { ENGLAND_DEFAULT_TERMS, termsOfSchoolYear, type Role } from '../../src/domain';
import type { Db } from '../db/connection';
import { countSchools } from '../store/schools';
import { writeDemoHistory } from './history';
import { setUpSchool } from '../store/school-setup';

const NAMESPACE = '6f1c8a52-3c1e-4c8e-9a57-0d6a1b2c3d4e';
/** The demo's fixed id for a name, e.g. `demoId('child:y3:0')` (tests use it too). */
export const demoId = (name: string): string => uuidv5(`oakfield:${name}`, NAMESPACE);
const idFor = demoId;

export const DEMO_SCHOOL_ID = idFor('school');
/** The server's own "device" that writes the seed. */
export const DEMO_SEED_DEVICE_ID = idFor('device:seed');

export const DEMO_SIGN_INS = [
  { email: 'senco@demo.school', name: 'Sam Patel', role: 'senco' },
  { email: 'teacher@demo.school', name: 'Jo Hughes', role: 'teacher' },
  { email: 'ta@demo.school', name: 'Alex Morgan', role: 'ta' },
] as const satisfies readonly { email: string; name: string; role: Role }[];

const STAFF = [
  ...DEMO_SIGN_INS,
  { email: 'priya.shah@demo.school', name: 'Priya Shah', role: 'teacher' },
  { email: 'tom.reid@demo.school', name: 'Tom Reid', role: 'teacher' },
  { email: 'ellie.green@demo.school', name: 'Ellie Green', role: 'teacher' },
] as const;

const staffId = (email: string): string => idFor(`staff:${email}`);
const JO = staffId('teacher@demo.school');
const ALEX = staffId('ta@demo.school');
const PRIYA = staffId('priya.shah@demo.school');
const TOM = staffId('tom.reid@demo.school');

/** England's term dates for 2026-27, the defaults a school starts with. */
export const DEMO_TERMS = termsOfSchoolYear(ENGLAND_DEFAULT_TERMS, 2026);

export const DEMO_CLOSURES = [
  { date: '2026-11-27', reason: 'INSET day: SEND training for all staff' },
  { date: '2027-06-07', reason: 'INSET day: curriculum planning' },
];

const CLASSES = [
  { key: 'y3', name: 'Year 3 Hazel', yearGroup: 3, teacherIds: [JO], taIds: [ALEX], born: 2017 },
  { key: 'y4', name: 'Year 4 Rowan', yearGroup: 4, teacherIds: [PRIYA], taIds: [], born: 2016 },
  { key: 'y5', name: 'Year 5 Willow', yearGroup: 5, teacherIds: [TOM], taIds: [ALEX], born: 2015 },
] as const;
const classId = (key: string): string => idFor(`class:${key}`);

const FIRST_NAMES_F = [
  'Amelia',
  'Isla',
  'Ava',
  'Maya',
  'Freya',
  'Zara',
  'Poppy',
  'Aisha',
  'Evie',
  'Lily',
  'Hana',
  'Ruby',
  'Grace',
  'Chloe',
  'Nia',
  'Sofia',
  'Ella',
  'Martha',
  'Layla',
  'Rosie',
  'Imogen',
  'Fatima',
  'Harper',
  'Daisy',
  'Olivia',
  'Mia',
  'Aria',
  'Erin',
  'Jessica',
  'Niamh',
];
const FIRST_NAMES_M = [
  'Oliver',
  'Noah',
  'Leo',
  'Arthur',
  'Muhammad',
  'Jack',
  'Harry',
  'Oscar',
  'Theo',
  'Finley',
  'Reuben',
  'Kai',
  'Ethan',
  'Yusuf',
  'Callum',
  'Dylan',
  'Mason',
  'Toby',
  'Rhys',
  'Samuel',
  'Jacob',
  'Ibrahim',
  'Louis',
  'Ollie',
  'Zain',
  'Alfie',
  'Jayden',
  'Tomasz',
  'Hugo',
  'Max',
];
const LAST_NAMES = [
  'Thompson',
  'Ahmed',
  'Evans',
  'Kowalski',
  'Davies',
  'Okafor',
  'Wright',
  'Begum',
  'Roberts',
  'Hughes',
  'Clarke',
  'Nowak',
  'Walker',
  'Khan',
  'Bennett',
  'Ali',
  'Turner',
  'Mensah',
  'Price',
  'Hall',
  'Lewis',
  'Singh',
  'Foster',
  'Jones',
  'Ward',
  'Hussain',
  'Cooper',
  'Murphy',
  'Green',
  'Baker',
];

/**
 * A small seeded generator (mulberry32) so the demo is the same on every
 * run. Started again by each seed, so that a second demo school seeded in
 * the same process (tests do, one per engine) has the same children.
 */
const RANDOM_SEED = 20_262_027;
let randomState = RANDOM_SEED;
const random = () => {
  randomState = (randomState + 0x6d2b79f5) | 0;
  let t = Math.imul(randomState ^ (randomState >>> 15), 1 | randomState);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

type FocusPlan = {
  senStatus: 'monitoring' | 'sen_support' | 'ehcp';
  areasOfNeed: string[];
  reason: string;
  planTitle: string;
  targets: {
    text: string;
    areaOfNeed: string;
    successCriteria: string;
    strategies: string;
    /** Termly unless said; long-range targets are not ticked in lessons. */
    level?: 'ehcp_outcome' | 'annual';
    /** Index in this list of the target this one nests under. */
    parent?: number;
  }[];
};

const T = (
  text: string,
  areaOfNeed: string,
  successCriteria: string,
  strategies: string,
  nesting: { level?: 'ehcp_outcome' | 'annual'; parent?: number } = {},
): FocusPlan['targets'][number] => ({ text, areaOfNeed, successCriteria, strategies, ...nesting });

/**
 * Jo Hughes's six focus children in Year 3 Hazel: three termly targets each
 * (18 to tick in a lesson), some nested under annual targets and, for the
 * child with an EHCP, an EHCP outcome above those.
 */
const Y3_FOCUS: FocusPlan[] = [
  {
    senStatus: 'sen_support',
    areasOfNeed: ['cognition_learning'],
    reason: 'Working well below age-related expectations in maths and reading.',
    planTitle: 'Autumn learning plan: number and early reading',
    targets: [
      T(
        'Use a number line to add two 2-digit numbers',
        'cognition_learning',
        'Gets 4 out of 5 additions right using a number line, three lessons running.',
        'Number line on the desk; model the jumps of ten first; talk partner.',
        { parent: 3 },
      ),
      T(
        'Count on and back in tens from any number up to 100',
        'cognition_learning',
        'Counts on and back in tens from a given number without prompts.',
        'Hundred square; daily 2-minute counting warm-up with an adult.',
        { parent: 3 },
      ),
      T(
        'Read 20 Phase 5 common exception words on sight',
        'cognition_learning',
        'Reads all 20 words from flash cards within 1 minute.',
        'Precision Teaching daily; words sent home on a key ring.',
      ),
      T(
        'Add and subtract 2-digit numbers with confidence by the end of Year 3',
        'cognition_learning',
        'Meets the Year 3 addition and subtraction objectives in the summer assessment.',
        'Daily number fluency; concrete, pictorial, abstract; pre-teaching.',
        { level: 'annual' },
      ),
    ],
  },
  {
    senStatus: 'sen_support',
    areasOfNeed: ['communication_interaction'],
    reason: 'Speech and language referral; finds it hard to follow spoken instructions.',
    planTitle: 'Autumn learning plan: listening and talk',
    targets: [
      T(
        'Follow a two-step instruction given to the whole class',
        'communication_interaction',
        'Completes both steps without a reminder in 4 out of 5 lessons.',
        'Instructions given with a visual prompt; check back by asking "what first?".',
        { parent: 3 },
      ),
      T(
        'Use "because" to explain an answer in a sentence',
        'communication_interaction',
        'Gives a "because" sentence when asked, in 3 lessons in a week.',
        'Sentence stem on the table; adult models first.',
        { parent: 3 },
      ),
      T(
        'Take turns in a small-group discussion',
        'communication_interaction',
        'Waits for a turn and responds to a peer twice in a 10-minute discussion.',
        'Talking object passed round; group roles card.',
        { parent: 3 },
      ),
      T(
        'Understand and use the language of the classroom to join in whole-class learning',
        'communication_interaction',
        'Follows class instructions and answers questions in full sentences by the summer.',
        'Speech and language programme from the therapist; word mats; visual prompts.',
        { level: 'annual' },
      ),
    ],
  },
  {
    senStatus: 'monitoring',
    areasOfNeed: ['semh'],
    reason: 'Anxiety at the start of the day since moving house; on the SENCo watch list.',
    planTitle: 'Autumn plan: settling and self-regulation',
    targets: [
      T(
        'Come into class and start the morning task within 5 minutes',
        'semh',
        'Settles within 5 minutes on 4 mornings out of 5.',
        'Meet and greet at the door; morning job; visual timetable.',
      ),
      T(
        'Use the calm corner and return to learning within 10 minutes',
        'semh',
        'Returns to the task within 10 minutes after using the calm corner.',
        'Zones of regulation card; 2-minute sand timer.',
      ),
      T(
        'Ask an adult for help using a help card',
        'semh',
        'Uses the help card at least once a lesson instead of leaving the table.',
        'Help card on the desk; praise each time it is used.',
      ),
    ],
  },
  {
    senStatus: 'sen_support',
    areasOfNeed: ['cognition_learning', 'sensory_physical'],
    reason: 'Handwriting and fine motor difficulties; OT advice received in the summer.',
    planTitle: 'Autumn learning plan: handwriting and spelling',
    targets: [
      T(
        'Form all lower-case letters correctly, starting in the right place',
        'sensory_physical',
        'All 26 letters correctly formed in a handwriting check.',
        'Daily 5-minute handwriting; pencil grip; letter families.',
        { parent: 3 },
      ),
      T(
        'Spell words with the "ai" and "ay" patterns correctly',
        'cognition_learning',
        'Spells 8 out of 10 words correctly in a dictation.',
        'Look, say, cover, write, check; sound buttons.',
      ),
      T(
        'Copy the date and title from the board within 3 minutes',
        'sensory_physical',
        'Date and title copied neatly within 3 minutes in 4 out of 5 lessons.',
        'Seat facing the board; near-point copy on the desk.',
        { parent: 3 },
      ),
      T(
        'Write legibly and at a pace that lets them record ideas in every subject',
        'sensory_physical',
        'Writes a page of legible joined writing in 20 minutes by the summer.',
        'OT programme; writing slope and pencil grip; typed recording when needed.',
        { level: 'annual' },
      ),
    ],
  },
  {
    senStatus: 'monitoring',
    areasOfNeed: ['cognition_learning'],
    reason: 'Attainment dropped in reading at the end of Year 2; gaps in phonics.',
    planTitle: 'Autumn plan: phonics catch-up',
    targets: [
      T(
        'Blend and read CVCC and CCVC words',
        'cognition_learning',
        'Reads 9 out of 10 words correctly from a word list.',
        'Phonics catch-up group 3 times a week; robot arms blending.',
      ),
      T(
        'Read a book at the right level with 95% accuracy',
        'cognition_learning',
        'Running record shows 95% accuracy on a phonically decodable book.',
        'Daily reading with an adult; reading record sent home.',
      ),
      T(
        'Retell a story in order using three pictures',
        'communication_interaction',
        'Retells beginning, middle and end using story language.',
        'Story map; first, next, last cards.',
      ),
    ],
  },
  {
    senStatus: 'ehcp',
    areasOfNeed: ['communication_interaction', 'semh'],
    reason: 'EHCP for autism; termly next steps from the annual review.',
    planTitle: 'EHCP termly next steps: Autumn',
    targets: [
      T(
        'Move between activities when the timer sounds, with a visual prompt',
        'semh',
        'Moves to the next activity within 2 minutes of the timer, 4 times in 5.',
        'Now and next board; 2-minute warning; visual timer.',
        { parent: 3 },
      ),
      T(
        'Greet a familiar adult and a peer each morning',
        'communication_interaction',
        'Says or signs hello to an adult and a peer on 4 mornings in 5.',
        'Social story; practise in the morning group.',
        { parent: 3 },
      ),
      T(
        'Work alongside a partner for 10 minutes on a shared task',
        'communication_interaction',
        'Stays with the partner and the task for 10 minutes in 3 lessons a week.',
        'Chosen partner; clear roles; task broken into steps on a checklist.',
        { parent: 3 },
      ),
      T(
        'Cope with changes in the school day and join in learning with a partner',
        'semh',
        'Moves between activities and works with a partner with visual support, most days.',
        'Now and next board; social stories; agreed quiet space.',
        { level: 'annual', parent: 4 },
      ),
      T(
        'Communicate needs and take part in learning alongside peers (EHCP Section E)',
        'communication_interaction',
        'Reviewed at the annual review of the EHCP.',
        'As set out in Section F of the EHCP.',
        { level: 'ehcp_outcome' },
      ),
    ],
  },
];

/** Focus children in the other classes, for the other teachers. */
const OTHER_FOCUS: (FocusPlan & { classKey: 'y4' | 'y5'; teacherId: string })[] = [
  {
    classKey: 'y4',
    teacherId: PRIYA,
    senStatus: 'sen_support',
    areasOfNeed: ['cognition_learning'],
    reason: 'Dyslexic profile; spelling and reading fluency well below peers.',
    planTitle: 'Autumn learning plan: reading fluency',
    targets: [
      T(
        'Read 60 words per minute on a Year 3 text',
        'cognition_learning',
        'Reads 60 words correctly per minute in a timed reading.',
        'Paired reading; repeated reading of short passages.',
      ),
      T(
        'Recall multiplication facts for the 3 and 4 times tables',
        'cognition_learning',
        'Answers 20 mixed facts correctly within 2 minutes.',
        'Times tables practice 3 times a week; songs and chanting.',
      ),
    ],
  },
  {
    classKey: 'y4',
    teacherId: PRIYA,
    senStatus: 'monitoring',
    areasOfNeed: ['semh'],
    reason: 'Friendship difficulties at lunchtime; parents have raised concerns.',
    planTitle: 'Autumn plan: friendships',
    targets: [
      T(
        'Join a structured lunchtime game with two peers',
        'semh',
        'Takes part in the game for 15 minutes on 3 days a week.',
        'Lunchtime club; buddy system.',
      ),
      T(
        'Name a feeling and a strategy to manage it',
        'semh',
        'Names the feeling and a strategy in a check-in, 4 times in a week.',
        'ELSA sessions; feelings thermometer.',
      ),
    ],
  },
  {
    classKey: 'y5',
    teacherId: TOM,
    senStatus: 'ehcp',
    areasOfNeed: ['sensory_physical'],
    reason: 'EHCP for hearing impairment; annual review due in the spring.',
    planTitle: 'EHCP termly next steps: Autumn',
    targets: [
      T(
        'Check the radio aid is on at the start of each lesson',
        'sensory_physical',
        'Radio aid checked and working without a reminder, every lesson for a week.',
        'Checklist on the desk; teacher wears the transmitter.',
      ),
      T(
        'Ask for repetition when something is missed',
        'communication_interaction',
        'Asks for repetition at least once a lesson when needed.',
        'Agreed signal with the teacher; seat near the front.',
      ),
    ],
  },
];

export type SeedOptions = {
  password: string;
  nowMs?: number;
  /** Half a term of lessons, ticks, sessions, scores and reviews before today (./history). */
  withHistory?: boolean;
};

/**
 * Seeds the demo school unless the database already holds a school.
 * Returns true when it seeded.
 */
export const seedDemoSchool = async (db: Db, options: SeedOptions): Promise<boolean> => {
  const nowMs = options.nowMs ?? Date.now();
  randomState = RANDOM_SEED;
  let mutationCount = 0;
  const newId = () => idFor(`mutation:${++mutationCount}`);
  return db.transaction().execute(async (trx) => {
    if ((await countSchools(trx)) > 0) return false;
    // The first staff member (the SENCo) is recorded as the author of the set-up.
    const writer = await setUpSchool(trx, {
      id: DEMO_SCHOOL_ID,
      name: 'Oakfield Primary School',
      details: {
        urn: '999123',
        terms: DEMO_TERMS,
        closures: DEMO_CLOSURES,
        customGroups: ['Young carer'],
      },
      staff: STAFF.map((member) => ({
        id: staffId(member.email),
        name: member.name,
        email: member.email,
        role: member.role,
        password: options.password,
      })),
      deviceId: DEMO_SEED_DEVICE_ID,
      nowMs,
      newId,
    });

    for (const schoolClass of CLASSES) {
      writer.patch('class', classId(schoolClass.key), {
        name: schoolClass.name,
        yearGroup: schoolClass.yearGroup,
        teacherIds: schoolClass.teacherIds,
        taIds: schoolClass.taIds,
      });
    }

    let upn = 0;
    const childIdsByClass: Record<string, string[]> = {};
    const focusQueue: Record<string, FocusPlan[]> = {
      y3: [...Y3_FOCUS],
      y4: OTHER_FOCUS.filter((f) => f.classKey === 'y4'),
      y5: OTHER_FOCUS.filter((f) => f.classKey === 'y5'),
    };
    const focusChildren: { childId: string; classKey: string; plan: FocusPlan; staffId: string }[] =
      [];
    for (const schoolClass of CLASSES) {
      const ids: string[] = [];
      const queue = focusQueue[schoolClass.key] ?? [];
      for (let i = 0; i < 20; i += 1) {
        const id = idFor(`child:${schoolClass.key}:${i}`);
        ids.push(id);
        const isFemale = i % 2 === 0;
        // Spread the focus children through the register, not all at the top.
        const plan = i % 3 === 1 ? queue.shift() : undefined;
        const senStatus = plan?.senStatus ?? (i === 18 ? 'monitoring' : 'none');
        const groups: string[] = [];
        if (random() < 0.22) groups.push('fsm', 'pupil_premium');
        else if (random() < 0.06) groups.push('pupil_premium');
        if (random() < 0.15) groups.push('eal');
        if (schoolClass.key === 'y4' && i === 7) groups.push('cic', 'pupil_premium');
        const month = 1 + Math.floor(random() * 12);
        const year = month >= 9 ? schoolClass.born - 1 : schoolClass.born;
        const day = 1 + Math.floor(random() * 28);
        upn += 1;
        writer.patch('child', id, {
          firstName: pick(isFemale ? FIRST_NAMES_F : FIRST_NAMES_M),
          lastName: pick(LAST_NAMES),
          dateOfBirth: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
          upn: `A${String(938_206_410_000 + upn * 37)}`,
          classId: classId(schoolClass.key),
          yearGroup: schoolClass.yearGroup,
          gender: isFemale ? 'female' : 'male',
          senStatus,
          areasOfNeed:
            plan?.areasOfNeed ?? (senStatus === 'monitoring' ? ['cognition_learning'] : []),
          groups: [...new Set(groups)],
        });
        if (plan) {
          const teacherId = 'teacherId' in plan ? (plan as { teacherId: string }).teacherId : JO;
          focusChildren.push({ childId: id, classKey: schoolClass.key, plan, staffId: teacherId });
        }
      }
      childIdsByClass[schoolClass.key] = ids;
    }

    for (const focus of focusChildren) {
      const { childId, plan } = focus;
      writer.patch('focusChild', idFor(`focus:${childId}`), {
        childId,
        classId: classId(focus.classKey),
        staffId: focus.staffId,
        reason: plan.reason,
        until: '2026-12-09',
      });
      const planId = idFor(`plan:${childId}`);
      writer.patch('learningPlan', planId, {
        childId,
        title: plan.planTitle,
        areaOfNeed: plan.areasOfNeed[0],
        startDate: '2026-09-14',
        reviewDate: '2026-12-09',
      });
      plan.targets.forEach((target, index) => {
        writer.patch('target', idFor(`target:${childId}:${index}`), {
          childId,
          planId,
          level: target.level ?? 'termly',
          ...(target.parent === undefined
            ? {}
            : { parentTargetId: idFor(`target:${childId}:${target.parent}`) }),
          text: target.text,
          areaOfNeed: target.areaOfNeed,
          successCriteria: target.successCriteria,
          strategies: target.strategies,
          startDate: '2026-09-14',
        });
      });
      if (plan.senStatus === 'ehcp') {
        writer.patch('passport', idFor(`passport:${childId}`), {
          childId,
          strengths: 'Loves building and drawing; remembers facts about animals.',
          needs: 'Needs time to process spoken language and warning before changes.',
          whatHelpsMe: 'A visual timetable, a quiet space, and being told what is next.',
          pupilVoice: 'I like it when I know what is happening.',
          parentVoice: 'Calmer at home when the school day has been predictable.',
        });
      }
    }

    const precisionTeaching = idFor('provision:precision-teaching');
    const elsa = idFor('provision:elsa');
    writer.patch('provision', precisionTeaching, {
      name: 'Precision Teaching',
      description: 'Short daily sessions to build fluency in sight words or number facts.',
      areaOfNeed: 'cognition_learning',
      wave: 3,
      format: 'group',
      sessionsPerWeek: 5,
      sessionMinutes: 10,
      staffHourlyCostPence: 1_450,
      resourceCostPerPupilPence: 500,
      measure: {
        name: 'Words read correctly in a minute',
        unit: 'words',
        isHigherBetter: true,
        min: 0,
        max: 120,
      },
    });
    writer.patch('provision', elsa, {
      name: 'ELSA',
      description: 'Emotional Literacy Support: weekly one-to-one sessions with a trained TA.',
      areaOfNeed: 'semh',
      wave: 3,
      format: 'one_to_one',
      sessionsPerWeek: 1,
      sessionMinutes: 30,
      staffHourlyCostPence: 1_450,
      resourceCostPerPupilPence: 0,
      measure: {
        name: 'Wellbeing scale',
        unit: 'points',
        isHigherBetter: true,
        min: 1,
        max: 5,
      },
    });

    // Alex Morgan's groups. Precision Teaching runs every school day all year,
    // so "My sessions today" always has a session on a school day.
    const y3Focus = focusChildren.filter((f) => f.classKey === 'y3').map((f) => f.childId);
    const semhFocus = focusChildren
      .filter((f) => f.classKey === 'y3' && f.plan.areasOfNeed.includes('semh'))
      .map((f) => f.childId);
    writer.patch('intervention', idFor('intervention:pt-y3'), {
      provisionId: precisionTeaching,
      name: 'Precision Teaching: Year 3 sight words',
      childIds: y3Focus,
      staffIds: [ALEX],
      schedule: ['mon', 'tue', 'wed', 'thu', 'fri'].map((weekday) => ({ weekday, time: '09:05' })),
      sessionMinutes: 10,
      startDate: '2026-09-21',
      endDate: '2027-07-21',
    });
    writer.patch('intervention', idFor('intervention:elsa-friendship'), {
      provisionId: elsa,
      name: 'ELSA 1:1: feelings and friendships',
      childIds: semhFocus.slice(0, 1),
      staffIds: [ALEX],
      schedule: [{ weekday: 'wed', time: '13:30' }],
      sessionMinutes: 30,
      startDate: '2026-09-16',
      endDate: '2027-07-21',
    });

    if (options.withHistory) {
      const focusFacts = focusChildren.map((focus) => ({
        childId: focus.childId,
        classId: classId(focus.classKey),
        teacherId: focus.staffId,
        planId: idFor(`plan:${focus.childId}`),
        senStatus: focus.plan.senStatus,
        // Long-range targets are not ticked in lessons.
        targetIds: focus.plan.targets.flatMap((target, index) =>
          target.level ? [] : [idFor(`target:${focus.childId}:${index}`)],
        ),
      }));
      const y4 = focusFacts.filter((f) => f.classId === classId('y4'));
      const reviewed = y4.find((f) => f.senStatus === 'sen_support')!;
      const steppedUp = y4.find((f) => f.senStatus === 'monitoring')!;
      const sencoId = staffId('senco@demo.school');
      writeDemoHistory(writer, {
        nowMs,
        calendar: { terms: DEMO_TERMS, closures: DEMO_CLOSURES },
        idFor,
        focus: focusFacts,
        precisionTeaching: {
          id: idFor('intervention:pt-y3'),
          childIds: y3Focus,
          staffId: ALEX,
          startDate: '2026-09-21',
        },
        elsa: {
          id: idFor('intervention:elsa-friendship'),
          childIds: semhFocus.slice(0, 1),
          staffId: ALEX,
          startDate: '2026-09-16',
        },
        reviewed: { ...reviewed, reviewerId: sencoId },
        steppedUp: { ...steppedUp, reviewerId: sencoId },
      });
    }

    await writer.flush(trx);
    return true;
  });
};
