import type { Twilio } from 'twilio';

/** Sends one SMS. */
export interface SmsSender {
  /** Resolves with the provider's id for the message (Twilio's MessageSid) and its first status. */
  send(to: string, body: string): Promise<{ sid: string; status: string }>;
}

/** Twilio's "Attempt to send to unsubscribed recipient": the number replied STOP to Twilio itself. */
export const TWILIO_UNSUBSCRIBED = 21610;

/** The Twilio error code of a failed REST call, if any. */
export function twilioErrorCode(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

export interface TwilioSenderOptions {
  /** Our number, E.164 (or an alphanumeric sender id); used when no messaging service is set. */
  fromNumber?: string;
  /** A Messaging Service (picks the sender, handles its own opt-out list); wins over fromNumber. */
  messagingServiceSid?: string;
  /** Where Twilio posts delivery status updates (absent without PUBLIC_URL: Twilio could not reach us). */
  statusCallback?: string;
}

/** Messages through Twilio's REST API (`POST /2010-04-01/Accounts/{sid}/Messages.json`). */
export class TwilioSender implements SmsSender {
  constructor(
    private readonly client: Pick<Twilio, 'messages'>,
    private readonly opts: TwilioSenderOptions,
  ) {
    if (!opts.fromNumber && !opts.messagingServiceSid)
      throw new Error('TwilioSender needs a from number or a messaging service sid.');
  }

  async send(to: string, body: string): Promise<{ sid: string; status: string }> {
    const m = await this.client.messages.create({
      to,
      body,
      ...(this.opts.messagingServiceSid
        ? { messagingServiceSid: this.opts.messagingServiceSid }
        : { from: this.opts.fromNumber }),
      ...(this.opts.statusCallback ? { statusCallback: this.opts.statusCallback } : {}),
    });
    return { sid: m.sid, status: String(m.status ?? 'queued') };
  }
}
