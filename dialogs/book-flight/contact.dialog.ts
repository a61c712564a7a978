import type { TurnContext } from 'botbuilder';
import type { BotMessage } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { identityOf } from '../core/deps';
import { StepDialog, type StepOutcome } from '../core/step.dialog';
import { matchChoice, type Reply } from '../messages';
import type { Understanding } from '../nlu';
import type { SearchCriteria } from '../state';
import { criteriaChanges, saysChange } from './draft';

export const CONTACT_DIALOG = 'contactDetails';

const EMAIL = /[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[a-z]{2,}/i;
const PHONE = /\+?\d[\d ().-]{5,18}\d/;

export interface ContactOptions {
  email?: string;
  phone?: string;
  /** The trip so far: a change of plan typed here ("actually make it Tuesday") goes back to the booking. */
  criteria?: SearchCriteria;
}

export type ContactResult = { email: string; phone?: string } | { correction: Partial<SearchCriteria> };

interface Data {
  values: { email?: string; phone?: string };
  errors: Partial<Record<'email' | 'phone', string>>;
}

/** The email the confirmation goes to (and a phone for disruptions, optional), from the form or typed. */
export class ContactDialog extends StepDialog<ContactOptions, ContactResult, Data> {
  constructor(deps: DialogDeps) {
    super(CONTACT_DIALOG, deps);
  }

  protected initialData(o: ContactOptions): Data {
    return { values: { email: o.email, phone: o.phone }, errors: {} };
  }

  protected override async ask(ctx: TurnContext, _o: unknown, data: Data): Promise<BotMessage> {
    const known = (await identityOf(this.deps, ctx)).email;
    if (!data.values.email && known) data.values.email = known;
    const errs = Object.values(data.errors);
    return {
      text: errs.length
        ? `${errs.join(' ')}`
        : 'Which email should the confirmation and e-tickets go to? A phone ' +
          'number for delays is optional (e.g. ada@example.com +44 7700 900123).',
      card: { kind: 'contact_form', values: data.values, errors: data.errors },
      ...(data.values.email && !errs.length ? { choices: [{ value: 'use', label: `Use ${data.values.email}` }] } : {}),
    };
  }

  protected override async interpret(
    ctx: TurnContext,
    o: ContactOptions,
    data: Data,
    reply: Reply,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<ContactResult>> {
    const v = reply.value;
    let email: string | undefined;
    let phone: string | undefined;
    if (v && 'form' in v && v.form === 'contact') {
      email = v.email;
      phone = v.phone;
    } else if (matchChoice(reply, shown)?.value === 'use') email = data.values.email;
    else {
      const t = reply.text;
      if (/^use\b|^(yes|ok|that one|same)\b/i.test(t) && data.values.email) email = data.values.email;
      email ??= EMAIL.exec(t)?.[0];
      const change = !email && o.criteria && saysChange(t) ? criteriaChanges(u, o.criteria, t) : null;
      if (change) return { kind: 'done', result: { correction: change } };
      phone = PHONE.exec(t.replace(EMAIL, ' '))?.[0];
    }
    data.errors = {};
    if (!email || !EMAIL.test(email))
      data.errors.email = email
        ? `"${email}" doesn't look like an email address.`
        : 'I need an email address for the confirmation.';
    if (phone && !/^\+?[0-9 ().-]{6,20}$/.test(phone.trim()))
      data.errors.phone = 'That phone number looks wrong; leave it out or use the form +44 7700 900123.';
    data.values = { email: email ?? data.values.email, phone };
    if (Object.keys(data.errors).length) return { kind: 'retry', message: await this.ask(ctx, {}, data) };
    return { kind: 'done', result: { email: email!.trim().toLowerCase(), ...(phone ? { phone: phone.trim() } : {}) } };
  }
}
