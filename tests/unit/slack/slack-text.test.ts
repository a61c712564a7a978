import { fromSlackText } from '../../../bot/channels/slack/slack-text';
import { esc as toSlackText } from '../../../cards/slack/blocks';

describe('fromSlackText: what a person typed in Slack', () => {
  it.each([
    ['plain text', 'London to Paris tomorrow', 'London to Paris tomorrow'],
    ['escaped characters', 'A &amp; B &lt;3 &gt; C', 'A & B <3 > C'],
    [
      'an e-mail address Slack made a link',
      'my email is <mailto:ada@example.com|ada@example.com>',
      'my email is ada@example.com',
    ],
    ['a phone number', 'call <tel:+442079460123|+44 20 7946 0123>', 'call +44 20 7946 0123'],
    ['a bare link', 'see <https://example.com/x>', 'see https://example.com/x'],
    ['an auto-linked domain', 'go to <http://example.com|example.com>', 'go to example.com'],
    [
      'a labelled link keeps its address',
      'read <https://example.com/policy|our policy>',
      'read our policy (https://example.com/policy)',
    ],
    ['a user mention', 'ask <@U123ABC>', 'ask @U123ABC'],
    ['a named user mention', 'ask <@U123ABC|alice>', 'ask @alice'],
    ['a channel mention', 'in <#C123|support>', 'in #support'],
    ['a special mention', '<!here> look', '@here look'],
  ])('%s', (_what, input, output) => {
    expect(fromSlackText(input)).toBe(output);
  });

  it('does not turn escaped angle brackets into links', () => {
    expect(fromSlackText('&lt;https://x.y&gt;')).toBe('<https://x.y>');
  });

  it('escapes for mrkdwn', () => {
    expect(toSlackText('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
  });
});
