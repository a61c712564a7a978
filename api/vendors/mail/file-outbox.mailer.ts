import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { type Mailer, messageId, type OutgoingMail } from './mailer';

/**
 * The default mailer: writes each mail as an .eml file into a folder (data/outbox), so a fresh machine
 * needs no mail server. The file is named after the outbox row, so a retried send overwrites rather
 * than duplicates.
 */
export class FileOutboxMailer implements Mailer {
  readonly name = 'file-outbox';
  private readonly transport: Transporter;

  constructor(private readonly dir: string) {
    this.transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = (await this.transport.sendMail({
      messageId: messageId(mail.outboxId, mail.from),
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments,
    })) as { message: Buffer };
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, `mail-${String(mail.outboxId).padStart(6, '0')}.eml`);
    // Write then rename: a crash never leaves half a mail behind.
    await writeFile(`${file}.tmp`, info.message);
    await rename(`${file}.tmp`, file);
  }
}
