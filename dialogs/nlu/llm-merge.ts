/**
 * The model's answer is a suggestion: every value is checked (codes against the gazetteer, dates against
 * today, a booking reference against the message) and anything that fails keeps the offline value.
 */
import { parseIso } from './calendar';
import type { Gazetteer } from './gazetteer';
import type { LlmUnderstanding } from './llm-schema';
import type { Place, Understanding } from './recognizer';

export interface MergeContext {
  text: string;
  today: string;
  gazetteer?: Gazetteer;
}

const MAX_DAYS_AHEAD = 2 * 366;
const PNR = /^[A-HJKMNP-Z2-9]{6}$/;

/** A model place, kept only when its code or its words are a place we know. */
function checkPlace(p: LlmUnderstanding['origin'], ctx: MergeContext): Place | null {
  if (!p) return null;
  const code = p.code?.trim().toUpperCase() ?? '';
  if (!ctx.gazetteer)
    return /^[A-Z]{3}$/.test(code)
      ? { text: p.text, codes: [code], ambiguous: false, candidates: [], distance: 0 }
      : null;
  const senses = (code ? [ctx.gazetteer.byCode(code)] : []).filter((s) => s !== undefined);
  const found = senses.length ? senses : ctx.gazetteer.byName(p.text);
  if (!found.length) return null;
  const codes: string[] = [];
  for (const s of found) for (const c of s.codes) if (!codes.includes(c)) codes.push(c);
  return {
    text: p.text,
    codes,
    ambiguous: found.length > 1 || found.some((s) => s.multiAirport),
    candidates: found.flatMap((s) => s.candidates),
    distance: 0,
  };
}

/** A model date, kept only when it exists and lies between `notBefore` and two years ahead. */
function checkDate(d: string | null, notBefore: number): string | null {
  const day = d ? parseIso(d) : null;
  return day !== null && day >= notBefore && day - notBefore <= MAX_DAYS_AHEAD ? d : null;
}

/** Offline understanding overlaid with the model's checked suggestions. */
export function mergeSuggestion(base: Understanding, s: LlmUnderstanding, ctx: MergeContext): Understanding {
  const today = parseIso(ctx.today) ?? 0;
  const u: Understanding = { ...base };
  u.intent = s.intent;
  u.confidence = Math.min(s.confidence, 0.95);
  u.helpTopic = s.intent === 'help' ? (s.helpTopic ?? base.helpTopic ?? 'general') : null;
  u.more = s.intent === 'more' || base.more;
  u.origin = checkPlace(s.origin, ctx) ?? base.origin;
  u.destination = checkPlace(s.destination, ctx) ?? base.destination;
  u.departDate = checkDate(s.departDate, today) ?? base.departDate;
  const departDay = u.departDate ? (parseIso(u.departDate) ?? today) : today;
  u.returnDate = checkDate(s.returnDate, departDay) ?? base.returnDate;
  u.tripType = s.tripType ?? base.tripType;
  u.cabin = s.cabin ?? base.cabin;
  u.nonStop = s.nonStop ?? base.nonStop;
  u.departTime = s.departTime ?? base.departTime;
  u.returnTime = s.returnTime ?? base.returnTime;
  const airlineCode = s.airlineCode?.trim().toUpperCase() ?? '';
  if (/^[A-Z0-9]{2}$/.test(airlineCode)) {
    const known = ctx.gazetteer?.airlineByCode(airlineCode);
    if (known || !ctx.gazetteer) u.airline = known ?? { code: airlineCode, name: airlineCode };
  }
  if (s.passengers && s.passengers.adults + s.passengers.children + s.passengers.infants > 0)
    u.passengers = s.passengers;
  u.sort = s.sort ?? base.sort;
  u.flexDays = s.flexDays ?? base.flexDays;
  // A booking reference must literally be in the message: models like to invent them.
  const pnr = s.pnr?.trim().toUpperCase() ?? '';
  if (PNR.test(pnr) && ctx.text.toUpperCase().includes(pnr)) u.pnr = pnr;
  if (u.returnDate && !u.tripType) u.tripType = 'round_trip';
  return u;
}
