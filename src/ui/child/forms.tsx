/**
 * The forms of the plan: a learning plan and a target. Each shows every
 * message beside its field, and writes nothing while anything is wrong.
 */
import { useState } from 'preact/hooks';
import {
  AREAS_OF_NEED,
  AREA_OF_NEED_LABELS,
  TARGET_LEVELS,
  TARGET_LEVEL_LABELS,
  type AreaOfNeed,
  type StoredRecord,
} from '../../domain';
import { saveLearningPlan, saveTarget, type LocalStore } from '../../storage';
import { DateField, Field, TextField } from '../components/Field';
import { ChoiceOptions } from '../components/ChoiceOptions';

export const fieldErrorsFrom = (caught: unknown): Record<string, string> => {
  const fieldErrors = (caught as { fieldErrors?: Record<string, string> }).fieldErrors;
  if (fieldErrors && Object.keys(fieldErrors).length > 0) return fieldErrors;
  return { _: 'That could not be saved on this device. Try again.' };
};

/** The area of need a plan or target is about, or none. */
function AreaOfNeedField({
  id,
  error,
  value,
  onValue,
}: {
  id: string;
  error: string | undefined;
  value: string;
  onValue: (value: string) => void;
}) {
  return (
    <Field id={id} label="Area of need" error={error}>
      {(aria) => (
        <select {...aria} value={value} onChange={(e) => onValue(e.currentTarget.value)}>
          <option value="">Not set</option>
          <ChoiceOptions values={AREAS_OF_NEED} label={(area) => AREA_OF_NEED_LABELS[area]} />
        </select>
      )}
    </Field>
  );
}

/** A message for the whole form (not one field), then save and cancel. */
function FormEnd({
  error,
  submitLabel,
  onCancel,
}: {
  error: string | undefined;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      {error && <p class="error">{error}</p>}
      <div class="row-actions">
        <button type="submit" class="primary">
          {submitLabel}
        </button>
        <button type="button" class="quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}

export function PlanForm({
  store,
  childId,
  plan,
  defaults,
  onDone,
}: {
  store: LocalStore;
  childId: string;
  plan?: StoredRecord<'learningPlan'>;
  defaults: { startDate: string; reviewDate: string };
  onDone: () => void;
}) {
  const [title, setTitle] = useState(plan?.title ?? '');
  const [areaOfNeed, setAreaOfNeed] = useState<string>(plan?.areaOfNeed ?? '');
  const [startDate, setStartDate] = useState(plan?.startDate ?? defaults.startDate);
  const [reviewDate, setReviewDate] = useState(plan?.reviewDate ?? defaults.reviewDate);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const idBase = `plan-${plan?.id ?? 'new'}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      await saveLearningPlan(store, plan?.id, {
        ...(plan ? {} : { childId, isArchived: false }),
        title,
        ...(areaOfNeed ? { areaOfNeed: areaOfNeed as AreaOfNeed } : {}),
        startDate,
        reviewDate,
      });
      setErrors({});
      onDone();
    } catch (caught) {
      setErrors(fieldErrorsFrom(caught));
    }
  };
  return (
    <form
      class="stack-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={plan ? `Edit ${plan.title}` : 'New learning plan'}
    >
      <TextField
        id={`${idBase}-title`}
        label="Title"
        error={errors.title}
        value={title}
        onValue={setTitle}
      />
      <AreaOfNeedField
        id={`${idBase}-area`}
        error={errors.areaOfNeed}
        value={areaOfNeed}
        onValue={setAreaOfNeed}
      />
      <DateField
        id={`${idBase}-start`}
        label="Start date"
        error={errors.startDate}
        value={startDate}
        onValue={setStartDate}
      />
      <DateField
        id={`${idBase}-review`}
        label="Review date"
        error={errors.reviewDate}
        value={reviewDate}
        onValue={setReviewDate}
      />
      <FormEnd
        error={errors._}
        submitLabel={plan ? 'Save plan' : 'Create plan'}
        onCancel={onDone}
      />
    </form>
  );
}

export function TargetForm({
  store,
  childId,
  planId,
  target,
  parents,
  defaultStartDate,
  onDone,
}: {
  store: LocalStore;
  childId: string;
  planId?: string;
  target?: StoredRecord<'target'>;
  /** Targets this one may nest under. */
  parents: { id: string; text: string; level: string }[];
  defaultStartDate: string;
  onDone: () => void;
}) {
  const [text, setText] = useState(target?.text ?? '');
  const [level, setLevel] = useState<string>(target?.level ?? 'termly');
  const [parentTargetId, setParent] = useState(target?.parentTargetId ?? '');
  const [areaOfNeed, setAreaOfNeed] = useState<string>(target?.areaOfNeed ?? '');
  const [successCriteria, setCriteria] = useState(target?.successCriteria ?? '');
  const [strategies, setStrategies] = useState(target?.strategies ?? '');
  const [startDate, setStartDate] = useState(target?.startDate ?? defaultStartDate);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const idBase = `target-form-${target?.id ?? planId ?? 'new'}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      await saveTarget(store, target?.id, {
        ...(target ? {} : { childId, isArchived: false, ...(planId ? { planId } : {}) }),
        text,
        level: level as StoredRecord<'target'>['level'],
        ...(parentTargetId ? { parentTargetId } : {}),
        ...(areaOfNeed ? { areaOfNeed: areaOfNeed as AreaOfNeed } : {}),
        successCriteria,
        strategies,
        startDate,
      });
      setErrors({});
      onDone();
    } catch (caught) {
      setErrors(fieldErrorsFrom(caught));
    }
  };
  return (
    <form
      class="stack-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={target ? 'Edit target' : 'New target'}
    >
      <TextField
        id={`${idBase}-text`}
        label="Target"
        error={errors.text}
        rows={2}
        value={text}
        onValue={setText}
      />
      <Field id={`${idBase}-level`} label="Kind of target" error={errors.level}>
        {(aria) => (
          <select {...aria} value={level} onChange={(e) => setLevel(e.currentTarget.value)}>
            <ChoiceOptions
              values={TARGET_LEVELS.filter((value) => value !== 'lesson')}
              label={(value) => TARGET_LEVEL_LABELS[value]}
            />
          </select>
        )}
      </Field>
      <Field id={`${idBase}-parent`} label="Part of" error={errors.parentTargetId}>
        {(aria) => (
          <select
            {...aria}
            value={parentTargetId}
            onChange={(e) => setParent(e.currentTarget.value)}
          >
            <option value="">Nothing above it</option>
            {parents
              .filter((parent) => parent.id !== target?.id)
              .map((parent) => (
                <option key={parent.id} value={parent.id}>
                  {TARGET_LEVEL_LABELS[parent.level as keyof typeof TARGET_LEVEL_LABELS] ?? ''}:{' '}
                  {parent.text}
                </option>
              ))}
          </select>
        )}
      </Field>
      <AreaOfNeedField
        id={`${idBase}-area`}
        error={errors.areaOfNeed}
        value={areaOfNeed}
        onValue={setAreaOfNeed}
      />
      <TextField
        id={`${idBase}-criteria`}
        label="Success criteria"
        error={errors.successCriteria}
        rows={2}
        value={successCriteria}
        onValue={setCriteria}
      />
      <TextField
        id={`${idBase}-strategies`}
        label="Strategies"
        error={errors.strategies}
        rows={2}
        value={strategies}
        onValue={setStrategies}
      />
      <DateField
        id={`${idBase}-start`}
        label="Start date"
        error={errors.startDate}
        value={startDate}
        onValue={setStartDate}
      />
      <FormEnd
        error={errors._}
        submitLabel={target ? 'Save target' : 'Add target'}
        onCancel={onDone}
      />
    </form>
  );
}
