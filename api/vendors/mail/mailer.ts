/** The mail interface: SMTP in production, .eml files in the outbox folder by default. */

export interface OutgoingMail {
  /** Stable id of the outbox row: the Message-ID derives from it, so a retried send is recognisably the same mail. */
  outboxId: number;
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface Mailer {
  readonly name: string;
  send(mail: OutgoingMail): Promise<void>;
}

export function messageId(outboxId: number, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'jetway.local';
  return `<outbox-${outboxId}@${domain}>`;
}
