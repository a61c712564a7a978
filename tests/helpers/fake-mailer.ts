import type { Mailer, OutgoingMail } from '../../api/vendors/mail/mailer';

/**
 * A Mailer that records what it sends. `failNext` makes the next sends throw (a mail server down);
 * `hang` makes sends never finish (the process died mid-send).
 */
export class RecordingMailer implements Mailer {
  readonly name = 'recording';
  readonly sent: OutgoingMail[] = [];
  readonly attempts: OutgoingMail[] = [];
  failNext = 0;
  hang = false;

  async send(mail: OutgoingMail): Promise<void> {
    this.attempts.push(mail);
    if (this.hang) return new Promise<void>(() => undefined);
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('421 4.7.0 Try again later');
    }
    this.sent.push(mail);
  }

  /** Sent mails whose subject contains `text`. */
  withSubject(text: string): OutgoingMail[] {
    return this.sent.filter((m) => m.subject.includes(text));
  }
}
