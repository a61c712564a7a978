import { maskTranscriptText } from '../../api/domain/console-mask';

describe('maskTranscriptText', () => {
  test.each([
    ['agent', 'my card is 4242 4242 4242 4242', 'my card is •••• 4242'],
    ['admin', 'my card is 4242424242424242', 'my card is •••• 4242'],
    ['agent', 'mail jane.doe@example.com please', 'mail j•••@example.com please'],
    ['admin', 'mail jane.doe@example.com please', 'mail jane.doe@example.com please'],
    ['agent', 'call me on +44 20 7946 0958', 'call me on ••• 958'],
    ['agent', 'flight BA117 on 2026-12-24 for 2 adults', 'flight BA117 on 2026-12-24 for 2 adults'],
  ] as const)('%s sees %j as %j', (role, text, shown) => {
    expect(maskTranscriptText(text, role)).toBe(shown);
  });
});
