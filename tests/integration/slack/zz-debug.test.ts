import { blockAction, buttonsOf, createSlackApp, dm, FakeSlack, newTs, textOf } from './slack-harness';
it('debug', async () => {
  const fake = new FakeSlack().install();
  const h = await createSlackApp();
  const ch = 'DX';
  await h.event(dm('UX', ch, 'London to New York next friday one way 1 adult'));
  await h.idle();
  let replies = fake.posts(ch);
  const pick = async (label: RegExp) => {
    const b = replies.flatMap(buttonsOf).find((x) => label.test(x.label))!;
    fake.clear();
    await h.action(blockAction({ user: 'UX', channel: ch, messageTs: newTs(), actionId: b.actionId, value: b.value, label: b.label }));
    await h.idle();
    replies = fake.posts(ch);
  };
  await pick(/^Select$/);
  await pick(/^Select /);
  const sel = replies.flatMap((r) => (r.blocks as any[]) ?? []).flatMap((b: any) => b.elements ?? []).find((e: any) => e.type === 'static_select');
  const o = sel.option_groups[0].options[0];
  fake.clear();
  await h.action(blockAction({ user: 'UX', channel: ch, messageTs: newTs(), actionId: sel.action_id, option: { value: o.value, text: o.text.text } }));
  await h.idle();
  console.log(o, fake.posts(ch).map(textOf).join('\n=====\n').slice(0, 3000));
  console.log(JSON.stringify(fake.calls.map(c=>c.method)));
  await h.close(); fake.uninstall();
}, 60000);
