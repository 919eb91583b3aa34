/**
 * Steps on the SEN register waiting for the SENCo: a teacher's review that
 * stepped a child up or down records the step on the review (the register
 * is the SENCo's to change), and the SENCo confirms it or keeps the status.
 *
 * A step waits while all of these hold: it is the child's latest review
 * with a step; the child is still at the status the step was from (if the
 * status has moved since, the step is out of date, not waiting); and the
 * SENCo has not confirmed or kept the status on or after the review's date
 * (`child.senStatusConfirmedOn`). Why the date and not a flag on the review:
 * a review is an event, never edited; the child record is where the SENCo's
 * answer belongs, and it syncs and merges like any other field.
 */
import { senStatusAfterReview, type SenStatus, type StoredRecord } from '..';
import { childName, type SchoolRecords } from './common';

export type SenStepToConfirm = {
  childId: string;
  name: string;
  className?: string;
  reviewId: string;
  reviewDate: string;
  recordedBy?: string;
  from: SenStatus;
  to: SenStatus;
};

const later = (a: StoredRecord<'review'>, b: StoredRecord<'review'>): boolean =>
  a.date !== b.date ? a.date > b.date : a.recordedAt > b.recordedAt;

export const senStepsToConfirm = (records: SchoolRecords): SenStepToConfirm[] => {
  const latest = new Map<string, StoredRecord<'review'>>();
  for (const review of records.reviews) {
    if (!review.senStatusTo || !review.senStatusFrom) continue;
    // Why re-derived and not trusted: the step is whatever a teacher's device
    // sent. Only a step the decisions really make (one rung, school-set
    // statuses) is put to the SENCo; "monitoring to EHCP" never is.
    if (senStatusAfterReview(review.senStatusFrom, review.decisions) !== review.senStatusTo)
      continue;
    const held = latest.get(review.childId);
    if (!held || later(review, held)) latest.set(review.childId, review);
  }
  const children = new Map(records.children.map((c) => [c.id, c]));
  const classes = new Map(records.classes.map((c) => [c.id, c.name]));
  const staff = new Map(records.staff.map((s) => [s.id, s.name]));
  const steps: SenStepToConfirm[] = [];
  for (const review of latest.values()) {
    const { senStatusFrom: from, senStatusTo: to } = review;
    if (!from || !to) continue;
    const child = children.get(review.childId);
    if (!child || child.leftOn) continue;
    if (child.senStatus !== from) continue;
    if (child.senStatusConfirmedOn && child.senStatusConfirmedOn >= review.date) continue;
    steps.push({
      childId: child.id,
      name: childName(child),
      ...(child.classId && classes.has(child.classId)
        ? { className: classes.get(child.classId) }
        : {}),
      reviewId: review.id,
      reviewDate: review.date,
      ...(review.recordedBy && staff.has(review.recordedBy)
        ? { recordedBy: staff.get(review.recordedBy) }
        : {}),
      from,
      to,
    });
  }
  return steps.sort(
    (a, b) => a.reviewDate.localeCompare(b.reviewDate) || a.name.localeCompare(b.name),
  );
};
