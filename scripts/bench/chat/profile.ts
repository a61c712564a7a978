/**
 * Summarises a V8 CPU profile (.cpuprofile) of the app: where the busy time went, by package or
 * project folder (self time), the hottest functions (self time), and the project functions with the
 * most time under them (inclusive, synchronous part only: an async function's continuations are
 * separate stacks).
 */
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface ProfileLine {
  name: string;
  ms: number;
  /** Share of the busy (non-idle) time, %. */
  pct: number;
}

export interface ProfileSummary {
  file: string;
  seconds: number;
  busyMs: number;
  idleMs: number;
  categories: ProfileLine[];
  selfTop: ProfileLine[];
  inclusiveTop: ProfileLine[];
}

const ROOT = process.cwd();

function pathOf(url: string): string {
  return url.startsWith('file://') ? decodeURIComponent(url.slice(7)) : url;
}

/** "typeorm", "mysql2", "dialogs/nlu", "node core", "(garbage collector)" … */
export function categoryOf(f: CallFrame): string {
  if (!f.url) return f.functionName.startsWith('(') ? f.functionName : '(native / V8 builtins)';
  if (f.url.startsWith('node:')) return 'node core';
  const p = pathOf(f.url);
  const nm = p.lastIndexOf(`${sep}node_modules${sep}`);
  if (nm >= 0) {
    const parts = p.slice(nm + 14).split(sep);
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const rel = relative(ROOT, p);
  if (rel.startsWith('..')) return p;
  const parts = rel.split(sep);
  return parts.length > 2 ? `jetway ${parts[0]}/${parts[1]}` : `jetway ${rel}`;
}

/** "fn file" (line numbers under tsx point into transpiled code, so they are left out). */
function frameName(f: CallFrame): string {
  const where = f.url ? (categoryOf(f).startsWith('jetway') ? relative(ROOT, pathOf(f.url)) : categoryOf(f)) : '';
  return `${f.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
}

/** Frames that only wrap others (the benchmark's own probes) are left out of the inclusive list. */
const WRAPPERS = /scripts\/bench\//;

export function summariseProfile(file: string, top = 20): ProfileSummary {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const totalSamples = prof.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0) || 1;
  const msPerSample = (prof.endTime - prof.startTime) / 1000 / totalSamples;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  let idleMs = 0;
  const categories = new Map<string, number>();
  const self = new Map<string, number>();
  for (const n of prof.nodes) {
    const ms = (n.hitCount ?? 0) * msPerSample;
    if (!ms) continue;
    if (n.callFrame.functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    const cat = categoryOf(n.callFrame);
    categories.set(cat, (categories.get(cat) ?? 0) + ms);
    const name = frameName(n.callFrame);
    self.set(name, (self.get(name) ?? 0) + ms);
  }
  // Inclusive time of project functions: each sample counts once per distinct function on its stack.
  const inclusive = new Map<string, number>();
  for (const n of prof.nodes) {
    const ms = (n.hitCount ?? 0) * msPerSample;
    if (!ms || n.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (
      let cur: ProfileNode | undefined = n;
      cur;
      cur = parent.has(cur.id) ? byId.get(parent.get(cur.id)!) : undefined
    ) {
      if (!categoryOf(cur.callFrame).startsWith('jetway') || WRAPPERS.test(pathOf(cur.callFrame.url))) continue;
      const name = frameName(cur.callFrame);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  }
  const busyMs = [...categories.values()].reduce((a, b) => a + b, 0) || 1;
  const lines = (m: Map<string, number>, n: number): ProfileLine[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms, pct: (ms / busyMs) * 100 }));
  return {
    file,
    seconds: (prof.endTime - prof.startTime) / 1e6,
    busyMs,
    idleMs,
    categories: lines(categories, 18),
    selfTop: lines(self, top),
    inclusiveTop: lines(inclusive, top),
  };
}
