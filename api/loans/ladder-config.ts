import { readFileSync } from 'node:fs';
import { DEFAULT_LOAN_LADDER, LoanLadder, ZLoanLadder } from '../../domain';

/**
 * The reminder/escalation ladder new loans take a snapshot of (R-L10): DOMAIN.md's default, or the
 * JSON file LOAN_LADDER_FILE names (shape: domain/loan-ladder.ts `ZLoanLadder`). Read once when
 * the API starts; a bad file stops the start-up with the reason.
 */
export function loadLoanLadder(file: string | undefined): LoanLadder {
  if (!file) return DEFAULT_LOAN_LADDER;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`config: LOAN_LADDER_FILE ${file}: ${(err as Error).message}`);
  }
  const parsed = ZLoanLadder.safeParse(raw);
  if (!parsed.success) throw new Error(`config: LOAN_LADDER_FILE ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
