import { parseSeatCommand } from '../../../bot/channels/slack/agent-actions';
import { parseThreadRef, threadRefOf } from '../../../bot/channels/slack/case-threads';
import {
  agentBookingBlocks,
  CASE_ACTIONS,
  type CaseHeader,
  caseHeaderBlocks,
  caseHeaderText,
  quoteBlocks,
  seatHelpBlocks,
  threadLineBlocks,
  transcriptBlocks,
} from '../../../bot/channels/slack/case-blocks';
import type { SlackBlock } from '../../../cards/slack/blocks';
import { booking, gbp } from '../cards/fixtures';

const base: CaseHeader = {
  caseId: 42,
  kind: 'handoff',
  reason: 'asked_for_agent',
  status: 'queued',
  channelId: 'sms',
  traveller: { name: 'Ada Lovelace', email: 'ada@example.com', address: '+447700900123' },
  booking: {
    summary: 'London → New York, Fri 4 Dec, 2 adults; outbound BA117 chosen, seats 12A 12B',
    pnr: 'K7PQ2M',
    status: 'held',
    payment: 'awaiting payment until 10:30',
  },
  queue: { position: 2, expectedWaitMinutes: 8 },
  agentName: null,
  progress: null,
};

const text = (blocks: SlackBlock[]) => JSON.stringify(blocks);
const buttons = (blocks: SlackBlock[]) =>
  blocks
    .flatMap((b) => (b.type === 'actions' ? b.elements : []))
    .map((e) => ({
      label: e.type === 'button' ? e.text.text : '',
      actionId: e.action_id,
      value: e.type === 'button' ? e.value : undefined,
    }));

describe('the case header', () => {
  it('says who, which channel, why, the booking and the queue, with the case buttons', () => {
    const blocks = caseHeaderBlocks(base);
    const t = text(blocks);
    expect(t).toContain('Support case #42');
    expect(t).toContain('Ada Lovelace · ada@example.com');
    expect(t).toContain('SMS · +447700900123');
    expect(t).toContain('asked for a person');
    expect(t).toContain('London → New York, Fri 4 Dec, 2 adults; outbound BA117 chosen, seats 12A 12B');
    expect(t).toContain('PNR *K7PQ2M*');
    expect(t).toContain('payment: awaiting payment until 10:30');
    expect(t).toContain('#2 in the queue, expected wait about 8 min');
    expect(buttons(blocks).map((b) => b.label)).toEqual([
      'Take over',
      'Hand back to bot',
      'Resolve',
      'View booking',
      'Resend payment link',
      'Resend ticket',
      'Change seat…',
      'Cancel booking…',
    ]);
    expect(buttons(blocks).every((b) => b.value === '42')).toBe(true);
    expect(buttons(blocks)[0]!.actionId).toBe(CASE_ACTIONS.take);
    expect(caseHeaderText(base)).toBe('Support case #42 (SMS): Ada Lovelace — asked for a person');
  });

  it('writes times readably and does not repeat an address already in the name', () => {
    const t = text(
      caseHeaderBlocks({
        ...base,
        traveller: { name: 'SMS ••• ••• 0123', email: null, address: '••• ••• 0123' },
        booking: { ...base.booking!, payment: 'awaiting payment until 2026-11-01T10:30:00.000Z' },
      }),
    );
    expect(t).toContain('awaiting payment until 2026-11-01 10:30 UTC');
    expect(t).toContain('*Channel*\\nSMS"');
  });

  it('shows the buttons each status allows', () => {
    const labels = (h: Partial<CaseHeader>) =>
      buttons(caseHeaderBlocks({ ...base, booking: null, ...h })).map((b) => b.label);
    expect(labels({ status: 'queued' })).toEqual(['Take over', 'Hand back to bot', 'Resolve']);
    expect(labels({ status: 'agent', agentName: 'Alice Smith' })).toEqual(['Hand back to bot', 'Resolve']);
    expect(labels({ status: 'bot' })).toEqual(['Take over', 'Resolve']);
    expect(labels({ status: 'resolved' })).toEqual([]);
    expect(text(caseHeaderBlocks({ ...base, status: 'agent', agentName: 'Alice Smith' }))).toContain(
      'With Alice Smith',
    );
  });

  it('asks for a PNR when no booking is linked, and mentions Slack travellers', () => {
    const t = text(
      caseHeaderBlocks({
        ...base,
        channelId: 'slack',
        booking: null,
        traveller: { name: null, email: null, address: '<@U0TRAV>' },
      }),
    );
    expect(t).toContain('Not signed in');
    expect(t).toContain('Slack user <@U0TRAV>');
    expect(t).toContain('Nothing in progress');
    expect(t).toContain('!pnr ABC123');
  });

  it('escapes what travellers wrote and stays within Block Kit limits', () => {
    const blocks = caseHeaderBlocks({
      ...base,
      traveller: { name: '<script>&', email: null, address: null },
      booking: { ...base.booking!, summary: 'x'.repeat(5000) },
    });
    expect(text(blocks)).toContain('&lt;script&gt;&amp;');
    for (const b of blocks) if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    expect(blocks.length).toBeLessThanOrEqual(50);
  });
});

describe('thread lines', () => {
  it('renders the transcript and notes, escaped', () => {
    const t = text(
      transcriptBlocks([
        { from: 'traveller', text: 'I want <b>help</b>', at: '2026-11-01T10:02:00.000Z' },
        { from: 'bot', text: 'Sure', at: '2026-11-01T10:02:01.000Z' },
      ]),
    );
    expect(t).toContain('*Traveller* 10:02  I want &lt;b&gt;help&lt;/b&gt;');
    expect(t).toContain('*Bot* 10:02  Sure');
    expect(text(transcriptBlocks([]))).toContain('No conversation yet');
    expect(threadLineBlocks('system', 'note')[0]!.type).toBe('context');
    expect(text(threadLineBlocks('traveller', 'hi'))).toContain('*Traveller*: hi');
  });

  it('keeps a long transcript within 50 blocks', () => {
    const lines = Array.from({ length: 200 }, (_, i) => ({
      from: 'traveller',
      text: `${i} ${'y'.repeat(400)}`,
      at: '2026-11-01T10:00:00.000Z',
    }));
    expect(transcriptBlocks(lines).length).toBeLessThanOrEqual(50);
  });
});

describe('booking actions', () => {
  it('quotes a cancellation with Confirm / Keep', () => {
    const q = {
      id: 'q-1',
      refund: gbp(80),
      fee: gbp(20),
      currency: 'GBP',
      expiresAt: '2026-11-01T10:15:00.000Z',
      rule: 'Standard: refund minus a fee',
      waived: false,
    };
    const blocks = quoteBlocks(42, 'K7PQ2M', q, new Date('2026-11-01T10:00:00.000Z'));
    const t = text(blocks);
    expect(t).toContain('Cancel booking K7PQ2M?');
    expect(t).toContain('£80');
    expect(t).toContain('£20');
    expect(t).toContain('valid for 15 minutes');
    expect(t).toContain('!cancel waive');
    expect(buttons(blocks)).toEqual([
      { label: 'Confirm cancellation', actionId: CASE_ACTIONS.confirmCancel, value: '42:q-1' },
      { label: 'Keep booking', actionId: CASE_ACTIONS.keep, value: '42' },
    ]);
    expect(text(quoteBlocks(42, 'K7PQ2M', { ...q, waived: true }, new Date('2026-11-01T10:00:00.000Z')))).toContain(
      '(waived)',
    );
  });

  it('shows agents the booking with contact details and flight ids, and how to change a seat', () => {
    const t = text(agentBookingBlocks(booking, new Date('2026-11-01T10:00:00.000Z')));
    expect(t).toContain(booking.pnr);
    expect(t).toContain(booking.contact.email);
    expect(t).toContain(`flight id ${booking.flights[0]!.flightId}`);
    const help = text(seatHelpBlocks(booking));
    expect(help).toContain(`!seat 1 ${booking.flights[0]!.flightNumber} 12A`);
    expect(help).toContain('passenger *1*');
  });

  it('parses !seat against the booking', () => {
    const f = booking.flights[0]!;
    expect(parseSeatCommand(['1', f.flightNumber.toLowerCase(), '14c'], booking)).toEqual({
      change: { passenger: 0, flightId: f.flightId, designator: '14C' },
      flightNumber: f.flightNumber,
    });
    expect(parseSeatCommand(['#1', String(f.flightId), '2A'], booking)).toEqual({
      change: { passenger: 0, flightId: f.flightId, designator: '2A' },
      flightNumber: f.flightNumber,
    });
    expect(parseSeatCommand(['1', f.flightNumber], booking)).toEqual({ error: expect.stringContaining('Usage') });
    expect(parseSeatCommand(['9', f.flightNumber, '1A'], booking)).toEqual({
      error: expect.stringContaining('There is no passenger 9'),
    });
    expect(parseSeatCommand(['1', 'ZZ999', '1A'], booking)).toEqual({
      error: expect.stringContaining('no flight ZZ999'),
    });
    expect(parseSeatCommand(['1', f.flightNumber, 'window'], booking)).toEqual({
      error: expect.stringContaining('not a seat'),
    });
  });
});

describe('thread references', () => {
  it('round-trips "<channel>:<ts>"', () => {
    expect(threadRefOf('C0SUPPORT', '1700000000.000100')).toBe('C0SUPPORT:1700000000.000100');
    expect(parseThreadRef('C0SUPPORT:1700000000.000100')).toEqual({ channel: 'C0SUPPORT', ts: '1700000000.000100' });
    expect(parseThreadRef(null)).toBeNull();
    expect(parseThreadRef('nonsense')).toBeNull();
  });
});
