import nodemailer, { type Transporter } from 'nodemailer';
import { type Mailer, messageId, type OutgoingMail } from './mailer';

/** Sends through an SMTP server given as smtp(s)://user:pass@host:port. */
export class SmtpMailer implements Mailer {
  readonly name = 'smtp';
  private readonly transport: Transporter;

  constructor(smtpUrl: string) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      messageId: messageId(mail.outboxId, mail.from),
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments,
    });
  }
}
