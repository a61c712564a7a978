/**
 * Slack message text as people typed it. Slack escapes &, < and > and wraps links, e-mail addresses,
 * phone numbers and mentions in angle brackets (`<mailto:ada@example.com|ada@example.com>`,
 * `<https://example.com|example.com>`, `<@U123>`); the dialogs and SMS travellers need plain text.
 * (The other way, text into mrkdwn, is `esc` in cards/slack/blocks.)
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<([^<>]+)>/g, (_m, inner: string) => {
      const bar = inner.indexOf('|');
      const target = bar >= 0 ? inner.slice(0, bar) : inner;
      const label = bar >= 0 ? inner.slice(bar + 1) : '';
      if (target.startsWith('@') || target.startsWith('#'))
        return label ? `${target[0]}${label.replace(/^[@#]/, '')}` : target;
      if (target.startsWith('!')) return `@${(label || target.slice(1)).replace(/^@/, '').split('^')[0]}`;
      if (/^(mailto|tel|sms):/i.test(target)) return label || target.replace(/^[a-z]+:/i, '');
      if (!label) return target;
      const bare = target.replace(/^[a-z]+:\/\//i, '').replace(/\/$/, '');
      return label === target || label === bare || label.replace(/\/$/, '') === bare ? label : `${label} (${target})`;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
