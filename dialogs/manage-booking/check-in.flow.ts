import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { BoardingPassView } from '../../api/services/boarding-pass.service';
import type { CheckInFlight } from '../../api/services/check-in.service';
import { formatExpiry } from '../../cards/shared/format';
import type { DialogDeps } from '../core/deps';
import { identityOf } from '../core/deps';
import { errorSentence } from '../error-sentences';
import { say } from '../messages';
import { CHECK_IN_DIALOG, type CheckInOptions, type CheckInResult } from './check-in.dialog';
import type { BookingRef } from './shared';

/** How the manage flow goes back to the booking with a note. */
type Back = (note: string) => Promise<DialogTurnResult>;

/**
 * "Check in" on a booking: starts the check-in dialog for the first flight whose check-in is open and
 * has passengers left, shows the passes when everyone is already checked in, or says when check-in
 * opens (or why it cannot be done online).
 */
export async function startCheckIn(
  deps: DialogDeps,
  step: WaterfallStepContext,
  ref: BookingRef,
  back: Back,
): Promise<DialogTurnResult> {
  const status = await deps.api.checkInStatus(await identityOf(deps, step.context), ref.pnr, ref.lastName);
  if (status.bookingStatus === 'cancelled') return back(errorSentence('booking_cancelled'));
  if (status.bookingStatus !== 'confirmed') return back(errorSentence('check_in_unpaid'));
  const open = status.flights.filter((f) => f.phase === 'open');
  const pending = open.find((f) => f.passengers.some((p) => !p.checkedIn));
  if (pending) {
    const last = status.flights[status.flights.length - 1]!;
    const booking = await deps.api.getBooking(await identityOf(deps, step.context), ref.pnr, ref.lastName);
    const lastDay = booking.flights[booking.flights.length - 1]?.arrivalTime.slice(0, 10) ?? last.departureTime;
    return step.beginDialog(CHECK_IN_DIALOG, {
      ...ref,
      flightId: pending.flightId,
      flightNumber: pending.flightNumber,
      route: `${pending.from}–${pending.to}`,
      departureTime: pending.departureTime,
      lastDay,
      passengers: pending.passengers.filter((p) => !p.checkedIn).map((p) => ({ index: p.index, name: p.name })),
    } satisfies CheckInOptions);
  }
  const done = open.find((f) => f.passengers.every((p) => p.checkedIn));
  if (done) {
    await showPasses(
      step,
      'Everyone is already checked in. Here are the boarding passes again.',
      passesOf(status, done),
    );
    return step.endDialog();
  }
  return back(whyNotNow(status.flights, deps.clock.now()));
}

/** After the check-in dialog: the boarding passes, or the booking again. */
export async function afterCheckIn(
  step: WaterfallStepContext,
  r: Exclude<CheckInResult, { problem: string }>,
  back: Back,
): Promise<DialogTurnResult> {
  if ('notNow' in r) return back('OK, not now. Say "check in" whenever you are ready.');
  await showPasses(
    step,
    "You're checked in! Here are your boarding passes; they are on their way by email too.",
    r.checkedIn,
  );
  return step.endDialog();
}

function passesOf(status: { boardingPasses: BoardingPassView[] }, f: CheckInFlight): BoardingPassView[] {
  return status.boardingPasses.filter((p) => p.flightId === f.flightId);
}

async function showPasses(step: WaterfallStepContext, intro: string, passes: BoardingPassView[]): Promise<void> {
  await say(step.context, intro);
  for (const pass of passes)
    await say(step.context, {
      text: `Boarding pass for ${pass.name}, ${pass.flightNumber}.`,
      card: { kind: 'boarding_pass', pass },
    });
}

/** Why no flight can be checked in now: when it opens, or that it has closed or departed. */
function whyNotNow(flights: CheckInFlight[], now: Date): string {
  const next = flights.find((f) => f.phase === 'not_open');
  if (next)
    return (
      `Check-in for ${next.flightNumber} opens ${formatExpiry(next.opensAt, now)}. ` +
      "I'll send you a reminder as soon as it opens."
    );
  if (flights.some((f) => f.phase === 'closed')) return errorSentence('check_in_closed');
  return errorSentence('check_in_flight_departed');
}
