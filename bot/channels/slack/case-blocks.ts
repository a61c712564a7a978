import type { CaseKind, CaseStatus } from '../../../api/domain/types';
import { formatMoney } from '../../../api/domain/money';
import type { BookingView } from '../../../api/services/booking-view';
import type { CancellationQuote } from '../../../api/services/cancellation.service';
import { flightLine, passengerName } from '../../../cards/shared/describe';
import { truncate } from '../../../cards/shared/format';
import { specialRequestLines } from '../../../cards/shared/special-requests';
import {
  type SlackBlock,
  type SlackButton,
  actions,
  context,
  esc,
  fieldsSection,
  header,
  limitBlocks,
  plain,
  section,
  textSections,
} from '../../../cards/slack/blocks';
import { renderSlack } from '../../../cards/slack/render';

/**
 * Block Kit for the agents' side: the case header (who, which channel, the booking, the status, the
 * buttons), the transcript, thread notes, the cancellation confirmation. Pure: callers gather the data.
 */

/** Action ids of the agents' buttons; their value is the case id ("12"), or "12:<quote id>". */
export const CASE_ACTIONS = {
  take: 'case:take',
  handBack: 'case:handback',
  resolve: 'case:resolve',
  booking: 'case:booking',
  link: 'case:link',
  ticket: 'case:ticket',
  seat: 'case:seat',
  cancel: 'case:cancel',
  confirmCancel: 'case:cancel_confirm',
  keep: 'case:cancel_keep',
} as const;

export const isCaseAction = (actionId: string) => actionId.startsWith('case:');

export interface CaseHeader {
  caseId: number;
  kind: CaseKind;
  reason: string;
  status: CaseStatus;
  channelId: string;
  traveller: { name: string | null; email: string | null; address: string | null };
  booking: { summary: string; pnr: string | null; status: string | null; payment: string | null } | null;
  queue: { position: number; expectedWaitMinutes: number } | null;
  agentName: string | null;
  progress: string | null;
}

const CHANNELS: Record<string, string> = {
  directline: 'Web chat',
  webchat: 'Web chat',
  sms: 'SMS',
  slack: 'Slack',
  msteams: 'Microsoft Teams',
  emulator: 'Emulator',
  console: 'Terminal',
};
const REASONS: Record<string, string> = {
  asked_for_agent: 'asked for a person',
  not_understood: 'the bot did not understand twice in a row',
  complaint: 'complaint',
};

export const channelLabel = (channelId: string) => CHANNELS[channelId] ?? channelId;
const reasonLabel = (reason: string) => REASONS[reason] ?? reason.replace(/_/g, ' ');

export function statusLine(h: Pick<CaseHeader, 'status' | 'queue' | 'agentName'>): string {
  switch (h.status) {
    case 'queued': {
      const q =
        h.queue && h.queue.position > 0
          ? ` — #${h.queue.position} in the queue, expected wait about ${h.queue.expectedWaitMinutes} min`
          : '';
      return `:hourglass_flowing_sand: *Waiting for an agent*${q}`;
    }
    case 'agent':
      return (
        `:headphones: *With ` +
        `${esc(h.agentName ?? 'an agent')}* — the bot is silent; replies in this thread go to the traveller`
      );
    case 'bot':
      return ':robot_face: *Handed back to the bot*';
    case 'resolved':
      return ':white_check_mark: *Resolved*';
  }
}

/** "2026-11-01T10:30:00.000Z" → "2026-11-01 10:30 UTC". */
const readableTimes = (text: string) =>
  text.replace(/(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}):\d{2}(?:\.\d+)?Z/g, '$1 $2 UTC');

function button(label: string, actionId: string, value: string, style?: SlackButton['style']): SlackButton {
  return { type: 'button', text: plain(label), action_id: actionId, value, ...(style ? { style } : {}) };
}

/** The fallback/notification text of the header. */
export function caseHeaderText(h: CaseHeader): string {
  const who = h.traveller.name ?? h.traveller.email ?? 'A traveller';
  return `Support case #${h.caseId} (${channelLabel(h.channelId)}): ${who} — ${reasonLabel(h.reason)}`;
}

/** The thread's first message: updated in place (chat.update) whenever the case changes. */
export function caseHeaderBlocks(h: CaseHeader): SlackBlock[] {
  const id = String(h.caseId);
  const t = h.traveller;
  const who = [t.name, t.email].filter(Boolean).join(' · ') || 'Not signed in (no verified email)';
  const rows = [
    { label: 'Traveller', value: who },
    {
      label: 'Channel',
      value:
        `${channelLabel(h.channelId)}` +
        `${t.address && !t.address.startsWith('<@') && !t.name?.includes(t.address) ? ` · ${t.address}` : ''}`,
    },
    { label: 'Reason', value: reasonLabel(h.reason) },
  ];
  if (h.progress && h.kind === 'complaint') rows.push({ label: 'Complaint status', value: h.progress });
  const blocks: SlackBlock[] = [
    header(`${h.kind === 'complaint' ? 'Complaint' : 'Support case'} #${h.caseId}`),
    fieldsSection(rows),
  ];
  if (t.address?.startsWith('<@')) blocks.push(context(`Slack user ${t.address}`));
  const b = h.booking;
  if (b) {
    const lines = ['*Booking*'];
    if (b.summary) lines.push(esc(b.summary));
    const facts = [
      b.pnr ? `PNR *${esc(b.pnr)}*` : 'no PNR yet',
      b.status ? `status ${esc(b.status)}` : '',
      b.payment ? `payment: ${esc(readableTimes(b.payment))}` : '',
    ].filter(Boolean);
    lines.push(facts.join(' · '));
    blocks.push(section(lines.join('\n')));
  } else blocks.push(section('*Booking*\nNothing in progress.'));
  blocks.push(section(statusLine(h)));

  const moves: SlackButton[] = [];
  if (h.status === 'queued' || h.status === 'bot') moves.push(button('Take over', CASE_ACTIONS.take, id, 'primary'));
  if (h.status === 'queued' || h.status === 'agent') moves.push(button('Hand back to bot', CASE_ACTIONS.handBack, id));
  if (h.status !== 'resolved') moves.push(button('Resolve', CASE_ACTIONS.resolve, id));
  blocks.push(...actions(moves));
  if (h.status !== 'resolved') {
    if (b?.pnr)
      blocks.push(
        ...actions([
          button('View booking', CASE_ACTIONS.booking, id),
          button('Resend payment link', CASE_ACTIONS.link, id),
          button('Resend ticket', CASE_ACTIONS.ticket, id),
          button('Change seat…', CASE_ACTIONS.seat, id),
          button('Cancel booking…', CASE_ACTIONS.cancel, id, 'danger'),
        ]),
      );
    else blocks.push(context('No booking linked yet: type `!pnr ABC123` in the thread to link one.'));
    blocks.push(
      context(
        'Reply in this thread to write to the traveller (after *Take over*). ' +
          '`!help` lists the commands; start with `//` for a note only agents ' +
          'see.',
      ),
    );
  }
  return blocks;
}

/** The recent conversation, posted as the thread's first reply. */
export function transcriptBlocks(lines: { from: string; text: string; at: string }[]): SlackBlock[] {
  if (lines.length === 0) return [context('_No conversation yet._')];
  const rows = lines.map(
    (l) =>
      `${l.from === 'traveller' ? ':bust_in_silhouette: *Traveller*' : ':robot_face: *Bot*'} ` +
      `${l.at.slice(11, 16)}  ` +
      `${esc(truncate(l.text.replace(/\s+/g, ' '), 400))}`,
  );
  return limitBlocks([section('*Recent conversation*'), ...textSections(rows)]);
}

/** A line in the thread: a traveller's message, the bot's, or a system note. */
export function threadLineBlocks(author: 'traveller' | 'system' | 'bot', text: string): SlackBlock[] {
  if (author === 'system') return [context(`:information_source: ${esc(truncate(text, 2900))}`)];
  const who = author === 'traveller' ? ':bust_in_silhouette: *Traveller*' : ':robot_face: *Bot*';
  return textSections(`${who}: ${esc(text)}`.split('\n'));
}

export function threadLineText(author: 'traveller' | 'system' | 'bot', text: string): string {
  return `${author === 'traveller' ? 'Traveller' : author === 'bot' ? 'Bot' : 'Note'}: ${truncate(text, 2900)}`;
}

/** The booking as agents see it (unmasked contact), with its flight ids for `!seat`. */
export function agentBookingBlocks(booking: BookingView, now: Date): SlackBlock[] {
  const card = renderSlack({ text: '', card: { kind: 'booking', booking } }, { now }).blocks;
  const flights = booking.flights.map((f) => `• flight id ${f.flightId}: ${esc(flightLine(f, ' → '))}`);
  const requests = specialRequestLines(booking).map((line) => `• ${esc(line)}`);
  return limitBlocks([
    ...card,
    context(
      `Contact ${esc(booking.contact.email)}${booking.contact.phone ? ` · ${esc(booking.contact.phone)}` : ''}`,
      booking.payment ? `Paid ${formatMoney(booking.payment.amount)} by ${esc(booking.payment.provider)}` : 'Not paid',
    ),
    ...textSections(['*Flights*', ...flights]),
    ...(requests.length > 0 ? textSections(['*Special requests*', ...requests]) : []),
  ]);
}

/** How to change a seat from the thread: the passengers and flights to name. */
export function seatHelpBlocks(booking: BookingView): SlackBlock[] {
  const pax = booking.passengers.map((p, i) => {
    const seats = booking.flights.map((f) => `${f.flightNumber} ${p.seats[String(f.flightId)] ?? '—'}`).join(', ');
    return (
      `• passenger *${i + 1}*: ${esc(passengerName(p))}` +
      `${p.type === 'INF' ? ' (lap infant, no seat)' : ` — ${esc(seats)}`}`
    );
  });
  const flights = booking.flights.map(
    (f) => `• *${esc(f.flightNumber)}* (id ${f.flightId}): ${esc(flightLine(f, ' → '))}`,
  );
  const example = `!seat 1 ${booking.flights[0]?.flightNumber ?? 'JW101'} 12A`;
  return textSections([
    `*Change a seat on ${esc(booking.pnr)}*: type ` +
      '`!seat &lt;passenger#&gt; &lt;flight number or id&gt; &lt;seat&gt;` in the thread, ' +
      `e.g. \`${esc(example)}\`.`,
    '*Passengers*',
    ...pax,
    '*Flights*',
    ...flights,
  ]);
}

/** The cancellation quote with its confirmation step. */
export function quoteBlocks(caseId: number, pnr: string, q: CancellationQuote, now: Date): SlackBlock[] {
  const minutes = Math.max(0, Math.round((new Date(q.expiresAt).getTime() - now.getTime()) / 60_000));
  return [
    section(`*Cancel booking ${esc(pnr)}?*`),
    fieldsSection([
      { label: 'Refund', value: formatMoney(q.refund) },
      { label: 'Cancellation fee', value: q.waived ? `${formatMoney(q.fee)} (waived)` : formatMoney(q.fee) },
    ]),
    context(
      esc(q.rule),
      `This quote is valid for ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      q.waived ? '' : 'To waive the fee: `!cancel waive &lt;reason&gt;` in the thread.',
    ),
    ...actions([
      button('Confirm cancellation', CASE_ACTIONS.confirmCancel, `${caseId}:${q.id}`, 'danger'),
      button('Keep booking', CASE_ACTIONS.keep, String(caseId)),
    ]),
  ];
}

export const AGENT_HELP = [
  '*Commands in a case thread*',
  '• any other message: sent to the traveller on their channel (take over first)',
  '• `// …`: a note for agents only',
  '• `!take`, `!handback`, `!resolve`: move the case',
  '• `!booking`: show the booking',
  '• `!link`: send the traveller a new payment link',
  '• `!ticket`: send the e-ticket again',
  '• `!seat <passenger#> <flight number or id> <seat>`: change a seat, e.g. `!seat 1 JW101 12A`',
  '• `!cancel` or `!cancel waive <reason>`: quote a cancellation with refund, then confirm',
  '• `!pnr <PNR>`: link the case to a booking',
  '• `!status <text>`: complaint progress the traveller sees when they ask',
];
