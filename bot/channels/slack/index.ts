export { SlackAgentActions, parseSeatCommand } from './agent-actions';
export { type SlackAgent, SlackAgentDirectory } from './agent-directory';
export { parseThreadRef, SlackCaseThreads, threadRefOf } from './case-threads';
export { CASE_ACTIONS } from './case-blocks';
export { SLACK_CHANNEL_ID, SlackAdapter } from './slack.adapter';
export { SLACK_EVENTS_PATH, type SlackChannelOptions, SlackChannel } from './slack.channel';
export { fromSlackText } from './slack-text';
