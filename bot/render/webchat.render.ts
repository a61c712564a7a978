import type { Activity } from 'botbuilder';
import { renderAdaptive } from '../../cards';
import type { BotMessage } from '../../cards/types';

/**
 * Web Chat (Direct Line, Azure channels) shows a channel-neutral message as text plus an Adaptive
 * Card and suggested actions. The neutral message itself is dropped from channelData: it is for
 * renderers, not for clients.
 */
export function renderForWebChat(activity: Partial<Activity>, now: Date): Partial<Activity> {
  const data = activity.channelData as ({ jetway?: BotMessage } & Record<string, unknown>) | undefined;
  if (!data?.jetway) return activity;
  const { jetway, ...rest } = data;
  const r = renderAdaptive(jetway, { now });
  return {
    ...activity,
    text: r.text,
    ...(r.attachments.length ? { attachments: r.attachments, attachmentLayout: 'list' } : {}),
    ...(r.suggestedActions ? { suggestedActions: { ...r.suggestedActions, to: [] } } : {}),
    channelData: Object.keys(rest).length ? rest : undefined,
  };
}
