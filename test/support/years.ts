import { fiscalYearAt } from '../../domain';

/** The fiscal year new requests and loans belong to while the tests run: the China year of now. */
export const THIS_YEAR = fiscalYearAt(Date.now());
