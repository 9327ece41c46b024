import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import { Prisma, type PrismaClient } from '../prisma/client';
import { htmlOf, textFor } from './mail-html';
import { directQuery, directSql } from '../prisma/direct-sql';

export interface OutgoingMail {
  /** unique per message, so a retried activity sends it once */
  key: string;
  to: string;
  subject: string;
  text: string;
  /** files to attach, made only when the message is actually sent (a retry after sending makes none) */
  attachments?: () => Promise<MailAttachment[]>;
  /** what is stored with the message record, in its statement (a CTE body): its decision links' tokens */
  storedWith?: Prisma.Sql;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * Sends through nodemailer and records each message by key; a message already sent is skipped.
 * A crash between sending and recording can send twice — e-mail is at-least-once by nature — but
 * both copies carry the same Message-ID (derived from the key), so mail clients show it once.
 * Two statements a message, sent past Prisma (prisma/direct-sql.ts): recording it (or finding it
 * recorded) with whether its recipient keeps English lines and what is stored with it (`storedWith`),
 * and marking it sent.
 */
export function createMailer(prisma: PrismaClient, transport: Transporter, from: string): Mailer {
  return {
    async send(mail) {
      const [row] = await directSql<{ sent: boolean; mailEnglish: boolean | null }>(prisma, Prisma.sql`${mail.storedWith ? Prisma.sql`WITH stored_with AS (${mail.storedWith}) ` : Prisma.empty}
        INSERT INTO "EmailMessage" ("key", "to", "subject", "body", "createdAt")
        VALUES (${mail.key}, ${mail.to}, ${mail.subject}, ${mail.text}, now() AT TIME ZONE 'UTC')
        ON CONFLICT ("key") DO UPDATE SET "key" = EXCLUDED."key"
        RETURNING "sentAt" IS NOT NULL AS sent, (SELECT u."mailEnglish" FROM "User" u WHERE u.email = ${mail.to} LIMIT 1) AS "mailEnglish"`);
      if (row.sent) return;
      // HTML with a plain-text part; English lines only for those who keep them (User.mailEnglish).
      const text = textFor(mail.text, row.mailEnglish ?? true);
      const attachments = mail.attachments ? await mail.attachments() : undefined;
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text, html: htmlOf(mail.subject, text), messageId: messageIdOf(mail.key), attachments });
      await directQuery(prisma, `UPDATE "EmailMessage" SET "sentAt" = now() AT TIME ZONE 'UTC' WHERE "key" = $1`, [mail.key]);
    },
  };
}

/** The Message-ID of the mail with this key: the same on every retry. */
export const messageIdOf = (key: string): string => `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@approvals.county.local>`;
