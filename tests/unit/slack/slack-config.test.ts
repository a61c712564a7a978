import { loadConfig } from '../../../api/config/config';
import { SlackChannel } from '../../../bot/channels/slack';
import type { SlackChannelDeps } from '../../../bot/channels/slack/slack.channel';

function services(env: Record<string, string>) {
  const lines: string[] = [];
  const log = {
    info: (m: string) => lines.push(m),
    warn: (m: string) => lines.push(m),
    error: (m: string) => lines.push(m),
    debug: () => undefined,
  };
  const s = {
    settings: loadConfig({ NODE_ENV: 'test', ...env }),
    log,
    clock: { now: () => new Date() },
    db: {},
    support: {},
    caseActions: {},
    refs: {},
  } as unknown as SlackChannelDeps;
  return { s, lines };
}

describe('Slack configuration', () => {
  it('is off without Slack settings, with a clear log line', () => {
    const { s, lines } = services({});
    expect(SlackChannel.fromConfig(s)).toBeNull();
    expect(lines.join('\n')).toMatch(
      /Slack channel off \(set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET .*SLACK_APP_TOKEN for Socket Mode/,
    );
  });

  it('runs over HTTP with a bot token and a signing secret; agents need the support channel', () => {
    const { s, lines } = services({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' });
    const slack = SlackChannel.fromConfig(s)!;
    expect(slack).not.toBeNull();
    expect(slack.socketMode).toBe(false);
    expect(slack.notifier).toBeNull();
    expect(lines.join('\n')).toMatch(/Slack agents' channel off \(set SLACK_SUPPORT_CHANNEL/);
    const withAgents = SlackChannel.fromConfig(
      services({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', SLACK_SUPPORT_CHANNEL: 'C0SUPPORT' }).s,
    )!;
    expect(withAgents.notifier?.name).toBe('slack');
    expect(withAgents.notifier?.channel).toBe('C0SUPPORT');
  });

  it('uses Socket Mode when SLACK_APP_TOKEN is set', () => {
    const slack = SlackChannel.fromConfig(services({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).s)!;
    expect(slack.socketMode).toBe(true);
  });

  it('refuses a bot token without a way to receive events (configuration check)', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(
      /SLACK_SIGNING_SECRET \(or SLACK_APP_TOKEN/,
    );
  });
});
