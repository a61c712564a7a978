import { countRows, MINUTE } from '../../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';
import { DomainEvents, type DomainEvent } from '../../../api/services/domain-events';
import { EventDeliveryRepository } from '../../../api/repositories/event-delivery.repository';
import { createLogger } from '../../../api/logger';

/**
 * Domain events are delivered once per subscriber: each subscriber's delivery is recorded, retried alone with
 * exponential back-off and dead-lettered after EVENT_MAX_ATTEMPTS; workers competing for the outbox (several
 * instances) deliver each event once to each subscriber.
 */
describe.each(DB_TARGETS)('event deliveries (%s)', (target) => {
  let t: TestApp;
  let serial = 0;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 2, env: { EVENT_MAX_ATTEMPTS: '3', EVENT_RETRY_BASE_SECONDS: '1' } });
  }, 60_000);
  afterAll(() => t.close());

  const confirmed = (): DomainEvent => {
    serial++;
    return { type: 'booking.confirmed', bookingId: 900_000 + serial, pnr: `ZQ${String(serial).padStart(4, '0')}` };
  };
  const dispatch = async (events = t.services.events) => {
    for (let i = 0; i < 2; i++) await events.dispatchPending();
  };
  const deliveries = (pnr: string, status: string) =>
    countRows(t, 'event_deliveries d JOIN domain_events e ON e.id = d.event_id', 'd.status = ? AND e.payload LIKE ?', [
      status,
      `%"${pnr}"%`,
    ]);

  it('retries a failing subscriber alone, then dead-letters it; the others get the event once', async () => {
    const event = confirmed();
    const calls = { mail: 0, chat: 0, flaky: 0 };
    let flakyWorks = false;
    const mine = (e: DomainEvent) => e.pnr === event.pnr;
    t.services.events.subscribe('booking.confirmed', 'mail-ish', (e) => void (mine(e) && calls.mail++));
    t.services.events.subscribe('*', 'chat-ish', (e) => void (mine(e) && calls.chat++));
    t.services.events.subscribe('booking.confirmed', 'flaky', (e) => {
      if (!mine(e)) return;
      calls.flaky++;
      if (!flakyWorks) throw new Error('the chat service is down');
    });
    await t.services.events.publish(event);
    await dispatch();
    expect(calls).toEqual({ mail: 1, chat: 1, flaky: 1 });
    expect(await deliveries(event.pnr, 'delivered')).toBe(2);
    expect(await deliveries(event.pnr, 'pending')).toBe(1);

    t.clock.advance(900); // back-off 1 s: not yet
    await dispatch();
    expect(calls.flaky).toBe(1);
    t.clock.advance(200);
    await dispatch();
    expect(calls).toEqual({ mail: 1, chat: 1, flaky: 2 });
    t.clock.advance(1_500); // doubled to 2 s: not yet
    await dispatch();
    expect(calls.flaky).toBe(2);
    t.clock.advance(600);
    await dispatch();
    expect(calls).toEqual({ mail: 1, chat: 1, flaky: 3 });
    expect(await deliveries(event.pnr, 'dead')).toBe(1);
    expect(await deliveries(event.pnr, 'pending')).toBe(0);
    t.clock.advance(60 * MINUTE);
    await dispatch();
    expect(calls).toEqual({ mail: 1, chat: 1, flaky: 3 });

    // Admins see the dead letter and, once its cause is fixed, requeue it: only that subscriber runs again.
    const admin = { Authorization: `Bearer ${await t.token('admin')}` };
    const list = await t.http.get('/api/v1/admin/events/dead-letters').set(admin);
    expect(list.status).toBe(200);
    const dead = (list.body.items as { id: number; pnr: string }[]).find((d) => d.pnr === event.pnr);
    expect(dead).toMatchObject({ type: 'booking.confirmed', subscriber: 'flaky', attempts: 3 });
    expect(dead).toHaveProperty('lastError', 'Error: the chat service is down');
    const agent = { Authorization: `Bearer ${await t.token('agent')}` };
    expect((await t.http.get('/api/v1/admin/events/dead-letters').set(agent)).status).toBe(403);

    flakyWorks = true;
    const retry = await t.http.post(`/api/v1/admin/events/dead-letters/${dead!.id}/retry`).set(admin);
    expect(retry.body).toEqual({ id: dead!.id, requeued: true });
    await dispatch();
    expect(calls).toEqual({ mail: 1, chat: 1, flaky: 4 });
    expect(await deliveries(event.pnr, 'delivered')).toBe(3);
    const again = await t.http.post(`/api/v1/admin/events/dead-letters/${dead!.id}/retry`).set(admin);
    expect(again.body).toEqual({ id: dead!.id, requeued: false });
  });

  it('does not repeat the steps a failed attempt finished (one message per conversation)', async () => {
    const event = confirmed();
    const told: string[] = [];
    let failOn: string | null = 'conv-b';
    t.services.events.subscribe('booking.confirmed', 'teller', async (e, delivery) => {
      if (e.pnr !== event.pnr) return;
      for (const conversation of ['conv-a', 'conv-b', 'conv-c'])
        await delivery.once(conversation, async () => {
          if (conversation === failOn) throw new Error('unreachable');
          told.push(conversation);
        });
    });
    await t.services.events.publish(event);
    await dispatch();
    expect(told).toEqual(['conv-a']);
    failOn = null;
    t.clock.advance(1_100);
    await dispatch();
    expect(told).toEqual(['conv-a', 'conv-b', 'conv-c']);
  });

  it('two workers claiming at once deliver each event once to each subscriber', async () => {
    const seen = new Map<string, number>();
    const log = createLogger({ level: 'error', format: 'json', silent: true });
    const worker = () => {
      const w = new DomainEvents({
        db: t.services.db,
        outboxRepo: t.services.repos.outbox,
        deliveryRepo: new EventDeliveryRepository(t.services.db),
        clock: t.clock,
        log,
      });
      for (const name of ['race-a', 'race-b'])
        w.subscribe('booking.expired', name, async (e) => {
          const key = `${name}:${e.pnr}`;
          seen.set(key, (seen.get(key) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 2)); // let the other worker run meanwhile
        });
      return w;
    };
    const [one, two] = [worker(), worker()];
    const pnrs: string[] = [];
    await t.services.db.transaction(async () => {
      for (let i = 0; i < 40; i++) {
        const e = confirmed();
        pnrs.push(e.pnr);
        await one.publish({ type: 'booking.expired', bookingId: e.bookingId, pnr: e.pnr });
      }
    });
    for (let round = 0; round < 4; round++)
      await Promise.all([one.dispatchPending(), two.dispatchPending(), one.dispatchPending()]);
    for (const pnr of pnrs) {
      expect(seen.get(`race-a:${pnr}`)).toBe(1);
      expect(seen.get(`race-b:${pnr}`)).toBe(1);
    }
    expect(await countRows(t, 'event_deliveries', "subscriber IN ('race-a', 'race-b') AND status = 'delivered'")).toBe(
      80,
    );
  });
});
