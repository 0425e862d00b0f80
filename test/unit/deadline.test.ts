import * as clock from '../../src/domain/deadline';
import { incidentFactsSchema } from '../../src/domain/incident';
import { sampleFacts } from '../support/people';

const H = 3_600_000;
const facts = incidentFactsSchema.parse(sampleFacts({ awareAt: '2026-11-20T00:00:00Z' }));
const start = Date.parse('2026-11-20T00:00:00Z');
const make = (pausedByHold = false) =>
  clock.deadlineFromRunbook(
    {
      id: 'd',
      title: 'Regulator',
      after: '72h',
      from: 'awareness',
      reminders: [0.9, 0.5, 0.75],
      metBy: { gate: 'g' },
      pausedByHold,
    },
    facts,
  );

describe('deadline clocks', () => {
  it('schedules reminders in order and then the miss', () => {
    const d = make();
    expect(d.dueAt).toBe(start + 72 * H);
    expect(clock.nextEventAt(d)).toBe(start + 36 * H);
    expect(clock.fireDue(d, start + 36 * H - 1)).toEqual([]);
    expect(clock.fireDue(d, start + 60 * H)).toEqual([
      { kind: 'reminder', fraction: 0.5 },
      { kind: 'reminder', fraction: 0.75 },
    ]);
    expect(clock.fireDue(d, start + 80 * H)).toEqual([
      { kind: 'reminder', fraction: 0.9 },
      { kind: 'missed' },
    ]);
    expect(d.status).toBe('missed');
    expect(clock.nextEventAt(d)).toBeUndefined();
  });

  it('a hold stops a clock that allows it, and moves the due time by the time held', () => {
    const d = make(true);
    clock.pause(d, start + 10 * H);
    expect(clock.nextEventAt(d)).toBeUndefined();
    expect(clock.fireDue(d, start + 100 * H)).toEqual([]);
    clock.resume(d, start + 34 * H);
    expect(d.dueAt).toBe(start + 96 * H);
    expect(clock.nextEventAt(d)).toBe(start + 60 * H);
    const other = make(false);
    clock.pause(other, start + 10 * H);
    expect(clock.nextEventAt(other)).toBe(start + 36 * H);
  });

  it('met on time, late, and after a miss', () => {
    const a = make();
    clock.markMet(a, start + 10 * H);
    expect(a.status).toBe('met');
    const b = make();
    clock.markMet(b, start + 73 * H);
    expect(b.status).toBe('met_late');
    const c = make();
    clock.fireDue(c, start + 100 * H);
    clock.markMet(c, start + 101 * H);
    expect(c.status).toBe('met_late');
  });

  it('waits for a determination when the clock starts there', () => {
    const d = clock.deadlineFromRunbook(
      {
        id: 'sec',
        title: '8-K',
        after: '4d',
        from: 'determination',
        reminders: [],
        metBy: { gate: 'g' },
        pausedByHold: false,
      },
      facts,
    );
    expect(d.status).toBe('awaiting_trigger');
    clock.restart(d, { ...facts, determinedAt: '2026-11-21T00:00:00Z' });
    expect(d.status).toBe('pending');
    expect(d.dueAt).toBe(Date.parse('2026-11-25T00:00:00Z'));
  });
});
