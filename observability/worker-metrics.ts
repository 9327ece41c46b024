import { logger } from './logger';

const WORKER_LINE = /^(# (HELP|TYPE) )?(temporal_|mail_outbox_)/;

/**
 * `npm start` runs the worker in a process of its own (main/worker-process.ts), and the Temporal SDK's
 * worker series are recorded there. The API's /metrics appends them, fetched from the worker's /metrics
 * on loopback, so `npm start` keeps one scrape target. Only the `temporal_*` families and the mail
 * outbox's `mail_outbox_*` (activities/mail-outbox.ts): `process_*` and
 * `nodejs_*` describe a process, and the API's own are already in the answer. A worker that does not
 * answer within two seconds leaves them out of that scrape, with a warning.
 */
export function workerTemporalSeries(url: string, token?: string): () => Promise<string> {
  return async () => {
    try {
      const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(2_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const lines = (await res.text()).split('\n').filter((l) => WORKER_LINE.test(l));
      return lines.length ? `${lines.join('\n')}\n` : '';
    } catch (err) {
      logger.warn({ err, url }, 'the worker\'s metrics did not answer; its series are left out of this scrape');
      return '';
    }
  };
}
