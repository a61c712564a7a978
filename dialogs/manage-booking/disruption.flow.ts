import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { formatMoney } from '../../api/domain/money';
import { disruptionSituation } from '../../cards/shared/disruption';
import { formatInstant } from '../../cards/shared/format';
import type { Disruption } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { identityOf } from '../core/deps';
import { say } from '../messages';
import { DISRUPTION_DIALOG, type DisruptionDone, type DisruptionOptions } from './disruption.dialog';
import type { BookingRef } from './shared';

/**
 * "My flight was cancelled, what now?" on a booking: its open disruption and offers, or, when its flights run as
 * booked, that said plainly with their times.
 */
export async function startDisruption(
  deps: DialogDeps,
  step: WaterfallStepContext,
  ref: BookingRef,
  replying: boolean,
): Promise<DialogTurnResult> {
  const who = await identityOf(deps, step.context);
  const open = await deps.disruptions.disruptionOf(who, ref.pnr, ref.lastName);
  if (open && open.offers.length)
    return step.beginDialog(DISRUPTION_DIALOG, { ...ref, replying } satisfies DisruptionOptions);
  await say(step.context, open ? settled(open) : await noDisruption(deps, step, ref));
  return step.endDialog();
}

/** What the traveller is told after choosing (the new e-ticket after a rebooking). */
export async function afterDisruption(
  deps: DialogDeps,
  step: WaterfallStepContext,
  ref: BookingRef,
  r: DisruptionDone,
): Promise<DialogTurnResult> {
  const ctx = step.context;
  if ('rebooked' in r) {
    const who = await identityOf(deps, ctx);
    const booking = await deps.api.getBooking(who, r.rebooked, ref.lastName);
    const ticketUrl = deps.api.ticketUrl(r.rebooked, booking.masked);
    const flights = booking.flights.map((f) => `${f.flightNumber} at ${formatInstant(f.departureTime)}`).join(', ');
    await say(ctx, {
      text:
        `Done: booking ${r.rebooked} is now on ${flights}. Here is your new e-ticket: ${ticketUrl}\n` +
        'It is on its way by email too.',
      card: { kind: 'confirmation', booking, ticketUrl },
    });
  } else if ('refunded' in r)
    await say(
      ctx,
      `Done: booking ${ref.pnr} is cancelled and ${formatMoney(r.refunded)} is on its way back to your card. ` +
        'It can take 5–10 days to show; we will email you.',
    );
  else if ('kept' in r)
    await say(
      ctx,
      `OK, you stay on ${r.kept.flight.flightNumber}, now leaving at ` +
        `${formatInstant(r.kept.newDepartureTime ?? r.kept.flight.departureTime)}. I'll tell you here if anything ` +
        'changes.',
    );
  else if ('notNow' in r) await say(ctx, 'OK, nothing has changed. Say "my flight" whenever you are ready to choose.');
  else await say(ctx, await noDisruption(deps, step, ref));
  return step.endDialog();
}

/** A disruption with nothing left to choose: a short delay, or one the traveller has answered. */
function settled(d: Disruption): string {
  const what = disruptionSituation(d);
  switch (d.chosen) {
    case null:
      return `${what} It is a short delay, so your booking stays as it is and there is nothing to choose.`;
    case 'keep':
      return `${what} You chose to stay on it, so your booking stays as it is.`;
    case 'rebook':
      return `${what} You were moved to another flight: say "my booking" to see it and your e-ticket.`;
    case 'refund':
      return `${what} You chose a full refund, so booking ${d.pnr} is cancelled and the money is on its way back.`;
  }
}

/** The booking's flights run as booked: said plainly, with the next departure's local time and offset. */
async function noDisruption(deps: DialogDeps, step: WaterfallStepContext, ref: BookingRef): Promise<string> {
  const booking = await deps.api.getBooking(await identityOf(deps, step.context), ref.pnr, ref.lastName);
  const now = deps.clock.now().getTime();
  const next = booking.flights.find((f) => Date.parse(f.departureUtc) > now);
  if (!next) return `Booking ${ref.pnr} has no flight still to come, and nothing about it was delayed or cancelled.`;
  return (
    `Your flight ${next.flightNumber} ${next.origin.code}–${next.destination.code} is running as booked: it leaves ` +
    `at ${formatInstant(next.departureTime)}, with no delay or cancellation. If that changes, I'll tell you here.`
  );
}
