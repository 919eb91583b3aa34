/**
 * The SENCo adds one member of staff: a teacher, a TA, a headteacher (who
 * sees the whole school and changes nothing) or another SENCo, optionally
 * with a class they teach or support, and gets an activation code slip to
 * hand over. The staff record (and the class's teachers or TAs) is written
 * on this device and synced like an import's; the server then makes the
 * sign-in from the synced record. Needs a connection for that last step.
 */
import { useState } from 'preact/hooks';
import { newId, type Role } from '../../domain';
// recordsOf gives live, countable rows only (no tombstones).
import { patchEntities, recordsOf } from '../../storage';
import type { Signed } from '../app-state';
import { useWatch } from '../hooks/use-watch';
import { FormError } from '../components/FormError';
import { StatusMessage } from '../components/StatusMessage';
import { ActivationSlips, type Slip } from './ActivationSlip';

const ROLE_CHOICES: { value: Role; label: string }[] = [
  { value: 'teacher', label: 'Teacher' },
  { value: 'ta', label: 'Teaching assistant' },
  { value: 'headteacher', label: 'Headteacher (sees everything, changes nothing)' },
  { value: 'senco', label: 'SENCo' },
];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function AddStaffForm({
  current,
  onAdded,
}: {
  current: Signed;
  /** Told once a sign-in is made, so the staff list below can show the person. */
  onAdded?: () => void;
}) {
  const { store } = current;
  const staff = useWatch(() => recordsOf(store, 'staff'), [store]);
  const classes = useWatch(() => recordsOf(store, 'class'), [store]);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('teacher');
  const [classId, setClassId] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [slips, setSlips] = useState<Slip[]>([]);

  const hasClass = role === 'teacher' || role === 'ta';
  const liveClasses = [...(classes ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  const add = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const cleanName = name.trim();
    const cleanEmail = email.trim().toLowerCase();
    if (!cleanName) return setError('Give the person’s name.');
    if (!EMAIL.test(cleanEmail)) return setError(`“${email}” is not an email address.`);
    // Why checked here as well as on the server: a second record with the
    // same email would sync, and then never get a sign-in.
    if ((staff ?? []).some((s) => s.email.toLowerCase() === cleanEmail)) {
      return setError(`${cleanEmail} is already on the staff list below.`);
    }
    setError(undefined);
    setBusy(`Adding ${cleanName}…`);
    try {
      const staffId = newId();
      const chosen = hasClass ? liveClasses.find((c) => c.id === classId) : undefined;
      const field = role === 'teacher' ? 'teacherIds' : 'taIds';
      await patchEntities(store, [
        {
          entity: 'staff',
          id: staffId,
          fields: { name: cleanName, email: cleanEmail, role, isActive: true },
        },
        ...(chosen
          ? [
              {
                entity: 'class' as const,
                id: chosen.id,
                fields: { [field]: [...chosen[field], staffId] },
              },
            ]
          : []),
      ]);
      // The record must reach the server before it can make the sign-in.
      const synced = await current.engine.sync();
      if (!synced.ok) {
        setError(
          `${cleanName} is saved on this device, but the server could not be reached (${synced.message}). Try “Make sign-ins” below when online.`,
        );
        return;
      }
      const [result] = await current.privacy.createAccounts([staffId]);
      if (result?.status !== 'created' || !result.activationCode) {
        setError(
          result?.status === 'email_taken'
            ? `Another sign-in in this school already uses ${cleanEmail}.`
            : 'The server did not make the sign-in. Try again in a moment.',
        );
        return;
      }
      setSlips((earlier) => [
        {
          staffId,
          name: cleanName,
          email: cleanEmail,
          code: result.activationCode!,
          expiresAt: result.activationExpiresAt!,
        },
        ...earlier,
      ]);
      setName('');
      setEmail('');
      setClassId('');
      onAdded?.();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section class="card add-staff" aria-labelledby="add-staff-heading">
      <h2 id="add-staff-heading">Add a member of staff</h2>
      <p>
        They get an activation code to set their own password. To add many at once, import your MIS
        staff list (Reports, Import).
      </p>
      <form onSubmit={(e) => void add(e)} noValidate>
        <div class="fields">
          <label>
            Name
            <input
              value={name}
              autoComplete="off"
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </label>
          <label>
            Email
            <input
              type="email"
              value={email}
              autoComplete="off"
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </label>
          <label>
            Role
            <select value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
              {ROLE_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </label>
          {hasClass && (
            <label>
              {role === 'teacher' ? 'Teaches class' : 'Supports class'}
              <select value={classId} onChange={(e) => setClassId(e.currentTarget.value)}>
                <option value="">(none for now)</option>
                {liveClasses.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <p>
          <button type="submit" class="primary" aria-disabled={busy ? true : undefined}>
            Add and make an activation code
          </button>
        </p>
      </form>
      <FormError message={error} />
      <StatusMessage class="busy" message={busy} />
      <ActivationSlips slips={slips} />
    </section>
  );
}
