/**
 * An activation code slip: what the SENCo hands a new member of staff (or
 * one who lost theirs), on screen and printed. It names the person, the
 * code, the date it stops working and the three steps to use it. Printing
 * shows only the slips (`printing-slips` on the page: see staff.css).
 */
import { formatDate } from './format-date';
import './staff.css';

export type Slip = {
  staffId: string;
  name: string;
  email: string;
  code: string;
  /** ISO time the code stops working. */
  expiresAt: string;
};

export function ActivationSlip({ slip }: { slip: Slip }) {
  return (
    <article
      class="slip"
      data-testid="activation-slip"
      aria-label={`Activation slip for ${slip.name}`}
    >
      <h3>Waymark: your activation code</h3>
      <p class="slip-who">
        For <strong>{slip.name}</strong> ({slip.email})
      </p>
      <p class="slip-code" data-testid="activation-code">
        {slip.code}
      </p>
      <ol>
        <li>
          Open <strong>{location.origin}</strong> on your tablet or computer.
        </li>
        <li>Choose “I have an activation code”.</li>
        <li>Type this code and choose a password of your own (at least 10 characters).</li>
      </ol>
      <p class="slip-note">
        The code works once, until {formatDate(slip.expiresAt)}. Keep this slip private; if it is
        lost, ask your SENCo for a new code (this one then stops working).
      </p>
    </article>
  );
}

/** The slips just made, with a print button; shown once, as the server keeps only their hashes. */
export function ActivationSlips({ slips }: { slips: Slip[] }) {
  if (slips.length === 0) return null;
  const print = () => {
    document.body.classList.add('printing-slips');
    const done = () => {
      document.body.classList.remove('printing-slips');
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
  };
  return (
    <section class="slips" aria-labelledby="slips-heading">
      <h2 id="slips-heading">
        {slips.length === 1 ? 'Activation slip' : `${slips.length} activation slips`}
      </h2>
      <p class="no-print">
        Print or copy {slips.length === 1 ? 'this code' : 'these codes'} now:{' '}
        {slips.length === 1 ? 'it is' : 'they are'} shown only this once. You can issue a new code
        later if a slip is lost.
      </p>
      <p class="no-print">
        <button type="button" class="primary" onClick={print}>
          Print {slips.length === 1 ? 'the slip' : 'the slips'}
        </button>
      </p>
      <div class="slip-list">
        {slips.map((slip) => (
          <ActivationSlip key={`${slip.staffId}:${slip.code}`} slip={slip} />
        ))}
      </div>
    </section>
  );
}
