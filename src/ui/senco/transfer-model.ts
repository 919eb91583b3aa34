/**
 * Bringing in a child's SEND record from their previous school, without
 * markup: choose the file, see whose record it is, which child here it
 * matches and what it holds, then add it. Nothing is written until the
 * SENCo presses "Add"; then it is one event (the transferred record),
 * synced like any other. ImportView renders it.
 */
import { signal } from '@preact/signals';
import { legalName, type StoredRecord, type TransferredRecord } from '../../domain';
import {
  buildTransferredRecord,
  matchTransfer,
  readTransferFile,
  transferChildName,
  transferCounts,
  type TransferMatch,
} from '../../domain/reports/transfer';
import type { ChosenFile } from './import-model';

export type TransferDeps = {
  /** The children this school holds, to match the record to. */
  children: () => readonly StoredRecord<'child'>[];
  /** Records already brought in, to say when this file was added before. */
  transferredOf: (childId: string) => Promise<readonly StoredRecord<'transferredRecord'>[]>;
  add: (record: TransferredRecord) => Promise<unknown>;
  sync: () => Promise<unknown>;
  nowIso: () => string;
};

export type TransferPreview = {
  /** The legal name the file gives. */
  name: string;
  fromSchool: TransferredRecord['fromSchool'];
  exportedAt: string;
  match?: TransferMatch;
  counts?: ReturnType<typeof transferCounts>;
  record?: TransferredRecord;
  /** The same school's export of the same moment is already on the child. */
  isAlreadyAdded?: boolean;
  /** Why it cannot be added, when it cannot. */
  problem?: string;
};

export const createTransferModel = (deps: TransferDeps) => {
  const fileError = signal<string | undefined>(undefined);
  const preview = signal<TransferPreview | undefined>(undefined);
  const done = signal<{ childId: string; name: string } | undefined>(undefined);
  const saveError = signal<string | undefined>(undefined);
  const busy = signal(false);

  const chooseFile = async (file: ChosenFile | undefined) => {
    fileError.value = undefined;
    preview.value = undefined;
    done.value = undefined;
    saveError.value = undefined;
    if (!file) return;
    const text = new TextDecoder().decode(await file.arrayBuffer());
    const read = readTransferFile(text);
    if ('error' in read) {
      fileError.value = read.error;
      return;
    }
    const base = {
      name: transferChildName(read),
      fromSchool: read.fromSchool,
      exportedAt: read.exportedAt,
    };
    const match = matchTransfer(read, deps.children());
    if (!match) {
      preview.value = {
        ...base,
        problem: `No child on your roll matches ${base.name} by UPN, or by name and date of birth. Import the child from your MIS or their Common Transfer File first, then choose this file again.`,
      };
      return;
    }
    const built = buildTransferredRecord(read, match.child.id, deps.nowIso());
    if ('error' in built) {
      preview.value = { ...base, match, problem: built.error };
      return;
    }
    const held = await deps.transferredOf(match.child.id);
    preview.value = {
      ...base,
      match,
      record: built.record,
      counts: transferCounts(built.record.document),
      isAlreadyAdded: held.some(
        (r) =>
          r.exportedAt === built.record.exportedAt && r.fromSchool.name === read.fromSchool.name,
      ),
    };
  };

  const confirm = async () => {
    const shown = preview.value;
    if (!shown?.record || !shown.match || busy.value) return;
    busy.value = true;
    try {
      await deps.add(shown.record);
      done.value = { childId: shown.match.child.id, name: legalName(shown.match.child) };
      preview.value = undefined;
      void deps.sync();
    } catch {
      saveError.value = 'Nothing was added: the device could not save it. Try again.';
    } finally {
      busy.value = false;
    }
  };

  return { fileError, preview, done, saveError, busy, chooseFile, confirm };
};

export type TransferModel = ReturnType<typeof createTransferModel>;

/** "2 plans, 5 targets, 1 review, a passport, 1 group or 1:1, 3 scores". */
export const describeCounts = (counts: NonNullable<TransferPreview['counts']>): string => {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return [
    n(counts.plans, 'plan', 'plans'),
    n(counts.targets, 'target', 'targets'),
    n(counts.reviews, 'review', 'reviews'),
    counts.passports > 0 ? 'a passport' : 'no passport',
    n(counts.groups, 'group or 1:1', 'groups or 1:1s'),
    n(counts.scores, 'score', 'scores'),
    n(counts.ticks, 'tick', 'ticks'),
  ].join(', ');
};
