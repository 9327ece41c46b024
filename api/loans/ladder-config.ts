import { DEFAULT_LOAN_LADDER, LoanLadder, ZLoanLadder } from '../../domain';
import { readJsonConfigFile } from '../config-file';

/**
 * The reminder/escalation ladder new loans take a snapshot of (R-L10): DOMAIN.md's default, or the
 * JSON file LOAN_LADDER_FILE names (shape: domain/loan-ladder.ts `ZLoanLadder`). Read once when
 * the API starts; a bad file stops the start-up with the reason.
 */
export const loadLoanLadder = (file: string | undefined): LoanLadder => (file ? readJsonConfigFile('LOAN_LADDER_FILE', file, ZLoanLadder) : DEFAULT_LOAN_LADDER);
