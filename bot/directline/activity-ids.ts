import type { Activity } from 'botframework-schema';

/** The id Direct Line clients see for the activity with sequence number `seq`. */
export const activityIdFor = (conversationId: string, seq: number) =>
  `${conversationId}|${String(seq).padStart(7, '0')}`;

/**
 * An activity's JSON as the log stores it: without its id, which has a column of its own (an append can then write
 * the activity before its sequence number, and so its id, is known). Readers put the id back (withStoredId).
 */
export function storedJsonOf(activity: Partial<Activity>): string {
  return JSON.stringify(activity.id === undefined ? activity : { ...activity, id: undefined });
}

/** An activity read from the log, with its id from the id column (rows written before ids had one repeat it). */
export function withStoredId(json: string, activityId: string): Partial<Activity> {
  return { ...(JSON.parse(json) as Partial<Activity>), id: activityId };
}
