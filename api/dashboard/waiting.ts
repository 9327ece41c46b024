const HOUR = 3_600_000;

interface OpenTask { subjectId: string; openedAt: Date; assignee: { displayName: string } }

/**
 * What each subject (a request or a loan) waits on: the open tasks of the step it is at now, since
 * when (the earliest) and whose. `current` gives the subject a task belongs to, or undefined when the
 * subject is out of scope or has moved past the task's step. Oldest first.
 */
export function waitingRows<T extends OpenTask, S, R>(
  tasks: T[], current: (t: T) => S | undefined, present: (s: S) => R, now: Date,
): (R & { waitingSince: Date; ageHours: number; waitingOn: string[] })[] {
  const rows = new Map<S, { since: Date; waitingOn: string[] }>();
  for (const t of tasks) {
    const subject = current(t);
    if (subject === undefined) continue;
    const row = rows.get(subject) ?? { since: t.openedAt, waitingOn: [] };
    if (t.openedAt < row.since) row.since = t.openedAt;
    row.waitingOn.push(t.assignee.displayName);
    rows.set(subject, row);
  }
  return [...rows.entries()]
    .map(([subject, { since, waitingOn }]) => ({
      ...present(subject), waitingSince: since, ageHours: Math.floor((now.getTime() - since.getTime()) / HOUR), waitingOn,
    }))
    .sort((a, b) => a.waitingSince.getTime() - b.waitingSince.getTime());
}
