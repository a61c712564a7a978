export { SlackAgentDesk, parseSeatCommand } from './agent-desk';
export { type SlackAgent, SlackAgentDirectory } from './agent-directory';
export { parseThreadRef, SlackAgentNotifier, threadRefOf } from './agent-notifier';
export { CASE_ACTIONS } from './case-blocks';
export { SLACK_CHANNEL_ID, SlackAdapter } from './slack.adapter';
export { SLACK_EVENTS_PATH, type SlackChannelOptions, SlackChannel } from './slack.channel';
export { fromSlackText } from './slack-text';
