import { randomUUID } from 'node:crypto';
import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';

/**
 * A terminal channel: each typed line is a turn; the bot's messages are printed through a renderer
 * (plain text, or SMS rendering to exercise that channel's look). Used by `npm run chat`.
 */
export class ConsoleAdapter extends BotAdapter {
  readonly conversation = { id: `console-${randomUUID()}` };
  readonly user = { id: 'console-user', name: 'You', role: 'user' };
  readonly bot = { id: 'jetway', name: 'jetway', role: 'bot' };

  constructor(
    private readonly print: (activity: Partial<Activity>) => void,
    readonly channelId = 'console',
  ) {
    super();
  }

  /** Runs one turn for a line the user typed (or a conversation start when `text` is null). */
  async receive(text: string | null, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    await this.receiveActivity(text, undefined, logic);
  }

  /** Runs one turn for typed text and/or a card submission (`value`). */
  async receiveActivity(
    text: string | null,
    value: Record<string, unknown> | undefined,
    logic: (ctx: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity: Partial<Activity> = {
      id: randomUUID(),
      type: text === null && !value ? ActivityTypes.ConversationUpdate : ActivityTypes.Message,
      ...(text === null && !value ? { membersAdded: [this.user] } : { text: text ?? '', ...(value ? { value } : {}) }),
      channelId: this.channelId,
      conversation: { ...this.conversation, isGroup: false, conversationType: 'personal', name: 'console' },
      from: this.user,
      recipient: this.bot,
      serviceUrl: 'urn:jetway:console',
      timestamp: new Date(),
      localTimezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    };
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  async sendActivities(_ctx: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    return activities.map((a) => {
      if (a.type === ActivityTypes.Message || a.type === undefined) this.print(a);
      return { id: randomUUID() };
    });
  }

  async updateActivity(_ctx: TurnContext, activity: Partial<Activity>): Promise<void> {
    this.print(activity);
  }

  async deleteActivity(): Promise<void> {
    // Nothing to delete on a terminal.
  }

  async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (ctx: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    );
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
