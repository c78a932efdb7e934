import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Snapshot } from '../../src-shared/contract';
import { DeskAction, type DeskStatus } from '../../src-shared/domain';
import { freePort } from '../e2e/web-desk';
import { SportAllianceSimulator } from '../simulators/sport-alliance-simulator';
import { SportAllianceSpec } from '../simulators/sport-alliance-spec';
import { AnswerLost, DeskSocket, seedFrom, seededRandom, seededUuid, shuffled, spawnCore, type CoreProcess } from './desk-process';

/**
 * Crash test. The built core books members into Magicline classes (the
 * simulator, in this process) for 500+ distinct member/class pairs, several
 * commands in flight at once, and is killed with SIGKILL at random moments,
 * some of them while it boots (opening its store, re-sending what was pending), then started again on the same data directory.
 * The test re-sends every command that got no answer with the same action id,
 * as a renderer would. In the end every action the core answered has booked its
 * member exactly once at the studio, none is lost, and the desk calls them all
 * confirmed.
 *
 * Booking is the hard case: the studio refuses nothing twice by itself, and the
 * simulator answers a booking only after a delay, so kills land between "booked
 * at the studio" and "the desk knows". Replay a run with CLASSDESK_CRASH_SEED=<seed>
 * (the plan is the same; the operating system's timing is not).
 */

const NOW = new Date('2026-05-12T08:00:00.000Z'); // a Tuesday, 10:00 in Berlin
const ACTIONS = 520;
/** Kills while commands are in flight, at random points of the load. */
const KILLS = 20;
/** Kills while the core is still starting (opening its store, re-sending what was pending). */
const MAX_BOOT_KILLS = 3;
const IN_FLIGHT = 8;
const CONNECTION = 'ml-crash';
const API_KEY = `ml-crash-${randomBytes(8).toString('hex')}`;
const BOOK_TEMPLATE = '/v1/classes/booking/book';

const seed = seedFrom('CLASSDESK_CRASH_SEED');
const plan = seededRandom(seed);
const timing = seededRandom(seed ^ 0x5f3759df);

interface Action {
  id: string;
  customerId: number;
  slotId: number;
}

interface Kill {
  /** Commands sent and not yet answered when the core died. */
  inFlight: number;
  /** Of those, how many had already booked at the studio: only the journal can tell the restarted core. */
  bookedUnanswered: number;
}

const sim = new SportAllianceSimulator({ now: NOW, apiKey: API_KEY, size: { customers: 12, capacity: 40 }, bookAnswerDelayMs: 120 });
const spec = SportAllianceSpec.load();
let core: CoreProcess | undefined;
let dataDir: string | undefined;
let passed = false;

afterAll(async () => {
  if (core && core.child.exitCode === null && core.child.signalCode === null) {
    core.child.kill('SIGKILL');
    await core.exited;
  }
  await sim.stop();
  if (passed && dataDir) await rm(dataDir, { recursive: true, force: true });
  else if (dataDir) console.log(`crash test: the core's data directory is kept at ${dataDir}`);
});

/** Every member/class pair the studio would book now, drawn at random. */
function planActions(): Action[] {
  const { studio } = sim;
  const pairs = studio.customers
    .filter((customer) => !customer.noContingent && !customer.idle)
    .flatMap((customer) => studio.slots.filter((slot) => studio.validate(customer, slot) === 'AVAILABLE').map((slot) => ({ customerId: customer.id, slotId: slot.id })));
  if (pairs.length < ACTIONS) throw new Error(`the simulator offers only ${pairs.length} bookable pairs`);
  return shuffled(pairs, plan)
    .slice(0, ACTIONS)
    .map((pair) => ({ ...pair, id: seededUuid(plan) }));
}

/**
 * After how many answers each kill comes: one in each of KILLS equal stretches of the load (from 3% to
 * 90% of it), at a random place in its stretch but at least MIN_APART answers after the one before.
 * (Drawing them all at random and rejecting near ones can jam with no place left, and never end.)
 */
const MIN_APART = 12;
function planKills(): number[] {
  const first = ACTIONS * 0.03;
  const stretch = (ACTIONS * 0.87) / KILLS;
  return Array.from({ length: KILLS }, (_, i) => Math.floor(first + i * stretch + plan() * (stretch - MIN_APART)));
}

const sessionId = (action: Action) => `${CONNECTION}:session:${action.slotId}`;
const memberId = (action: Action) => `${CONNECTION}:member:${action.customerId}`;
const bookedAtStudio = (action: Action) =>
  sim.studio.bookings.some((b) => b.customerId === action.customerId && b.slotId === action.slotId && b.status !== 'CANCELED');

it(
  'keeps every accepted booking, exactly once, through SIGKILLs at random moments',
  async () => {
    const simUrl = await sim.start();
    const seeded = new Set(sim.studio.bookings.map((b) => b.bookingId));
    const actions = planActions();
    const killPoints = planKills();
    console.log(`crash test: seed ${seed} (replay with CLASSDESK_CRASH_SEED=${seed}), kills after answers ${killPoints.join(', ')}`);

    const started = Date.now();
    dataDir = await mkdtemp(join(tmpdir(), 'classdesk-crash-'));
    const token = randomBytes(24).toString('base64url');
    // One clock across lives: each start continues where the last one stopped.
    const spawnNext = async () => spawnCore({ port: await freePort(), dataDir: dataDir!, startAt: new Date(NOW.getTime() + Date.now() - started).toISOString(), token });

    // First life: connect Magicline through the contract and wait for its first sync.
    core = await spawnNext();
    let lives = 1;
    let socket: DeskSocket | undefined = await DeskSocket.connect(await core.ready);
    await socket.value('saveConnection', { settings: { id: CONNECTION, provider: 'magicline', label: 'Crash test studio', baseUrl: simUrl }, apiKey: API_KEY });
    await socket.value('syncNow', {});
    const first = Snapshot.parse(await socket.value('getSnapshot', {}));
    const known = new Set(first.records.sessions.map((s) => s.id));
    expect(actions.filter((action) => !known.has(sessionId(action)))).toEqual([]);

    const todo = [...actions];
    const unanswered: Action[] = [];
    const inFlight = new Set<Action>();
    const answers = new Map<string, DeskAction>();
    const refusals = new Map<string, string>();
    const sends = new Map<string, number>();
    const kills: Kill[] = [];
    let bootKills = 0;
    let idleKills = 0;

    while (answers.size + refusals.size < ACTIONS) {
      if (Date.now() - started > 120_000) throw new Error(`crash test: out of time with ${answers.size} of ${ACTIONS} answered`);
      if (!socket) {
        core = await spawnNext();
        lives += 1;
        const booting = core;
        let killedBooting = false;
        if (bootKills < MAX_BOOT_KILLS && timing() < 0.35) {
          setTimeout(() => {
            if (booting.isReady()) return;
            killedBooting = true;
            booting.child.kill('SIGKILL');
          }, 20 + timing() * 400);
        }
        const url = await booting.ready.catch(() => undefined);
        const connected = url && !killedBooting ? await DeskSocket.connect(url).catch(() => undefined) : undefined;
        if (!connected || killedBooting) {
          if (!killedBooting) throw new Error(`the core did not start:\n${booting.output()}`);
          await booting.exited;
          bootKills += 1;
          continue;
        }
        socket = connected;
      }

      const live = socket;
      const lifeCore = core;
      const killAfter = killPoints[kills.length + idleKills];
      let killing = false;
      const killNow = () => {
        const killed: Kill = { inFlight: inFlight.size, bookedUnanswered: [...inFlight].filter(bookedAtStudio).length };
        lifeCore.child.kill('SIGKILL');
        if (killed.inFlight > 0) kills.push(killed);
        else idleKills += 1;
      };
      const worker = async (): Promise<void> => {
        while (live.isOpen()) {
          // What got no answer before a crash goes again first, with the same action id.
          const action = unanswered.shift() ?? todo.shift();
          if (!action) return;
          inFlight.add(action);
          sends.set(action.id, (sends.get(action.id) ?? 0) + 1);
          try {
            const result = await live.request('bookMember', { actionId: action.id, sessionId: sessionId(action), memberId: memberId(action) });
            if (result.ok) answers.set(action.id, DeskAction.parse(result.value));
            else refusals.set(action.id, `${result.error.code}: ${JSON.stringify(result.error.message)}`);
          } catch (error) {
            if (!(error instanceof AnswerLost)) throw error;
            unanswered.push(action);
            return;
          } finally {
            inFlight.delete(action);
          }
          if (killAfter !== undefined && !killing && answers.size >= killAfter) {
            killing = true;
            setTimeout(killNow, timing() * 300);
          }
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      if (!killing && !live.isOpen()) throw new Error(`the core went away by itself:\n${lifeCore.output()}`);
      if (killing) {
        await lifeCore.exited;
        socket = undefined;
      }
    }
    const loadDone = Date.now();

    // The desk settles: sync until nothing is pending, as a renderer's "sync now" would.
    if (!socket) {
      core = await spawnNext();
      lives += 1;
      socket = await DeskSocket.connect(await core.ready);
    }
    let status: DeskStatus;
    let syncs = 0;
    const requestsAtLoadDone = sim.log.length;
    let slowestSyncNow = 0;
    do {
      const asked = Date.now();
      status = await socket.value<DeskStatus>('syncNow', {});
      slowestSyncNow = Math.max(slowestSyncNow, Date.now() - asked);
      syncs += 1;
    } while (status.pendingActions > 0 && Date.now() - loadDone < 30_000);
    const final = Snapshot.parse(await socket.value('getSnapshot', {}));
    socket.close();
    core.child.kill('SIGTERM');
    await core.exited;
    const duration = Date.now() - started;

    const bookExchanges = sim.exchanges.filter((e) => e.method === 'POST' && e.template === BOOK_TEMPLATE);
    const bookedTwice = bookExchanges.filter((e) => e.status === 400 && (e.body as { errorCode?: string }).errorCode === 'CUSTOMER_ALREADY_BOOKED');
    const made = sim.studio.bookings.filter((b) => !seeded.has(b.bookingId));
    const resentCommands = [...sends.values()].reduce((sum, n) => sum + n - 1, 0);
    const requestsTo = (template: string) => sim.exchanges.filter((e) => e.method === 'GET' && e.template === template).length;
    console.log(
      [
        `crash test: ${ACTIONS} book actions, ${IN_FLIGHT} in flight; ${kills.length} kills with commands in flight`,
        `(in flight ${kills.map((k) => k.inFlight).join('/')}; booked at the studio but unanswered ${kills.map((k) => k.bookedUnanswered).join('/')}),`,
        `${bootKillsText(bootKills, idleKills)}; ${lives} core lives; ${resentCommands} commands re-sent with the same id;`,
        `${bookExchanges.length} booking requests, ${bookedTwice.length} refused as already booked, ${sim.rateLimited} rate-limited;`,
        `${sim.log.length} requests in all (${requestsTo('/v1/classes/slots')} slot lists, ${requestsTo('/v1/classes/booking')} member booking lists);`,
        `${syncs} syncNow to settle (slowest ${(slowestSyncNow / 1000).toFixed(1)} s, ${sim.log.length - requestsAtLoadDone} requests);`,
        `${(duration / 1000).toFixed(1)} s in all (load ${((loadDone - started) / 1000).toFixed(1)} s)`,
      ].join(' '),
    );

    // Every command was answered, none refused.
    expect([...refusals]).toEqual([]);
    expect(answers.size).toBe(ACTIONS);
    expect(kills.length).toBeGreaterThanOrEqual(16);
    // The hard case did happen: the studio had booked, the desk had not heard back, and the desk died.
    expect(kills.reduce((sum, k) => sum + k.bookedUnanswered, 0)).toBeGreaterThan(0);

    // At the studio: each accepted action booked its member exactly once, and nothing else was booked.
    const pairs = new Map<string, number>();
    for (const booking of made) pairs.set(`${booking.customerId}/${booking.slotId}`, (pairs.get(`${booking.customerId}/${booking.slotId}`) ?? 0) + 1);
    expect([...pairs].filter(([, count]) => count !== 1)).toEqual([]);
    expect(actions.filter((a) => pairs.get(`${a.customerId}/${a.slotId}`) !== 1).map((a) => a.id)).toEqual([]);
    expect(made).toHaveLength(ACTIONS);
    expect(made.every((b) => b.status === 'BOOKED')).toBe(true);
    // A booking that may have arrived is looked up, never sent again.
    expect(bookedTwice).toHaveLength(0);

    // At the desk: nothing pending, every action confirmed with the studio's booking.
    expect(status.pendingActions).toBe(0);
    const deskActions = new Map(final.records.deskActions.map((a) => [a.id, a]));
    expect([...deskActions.keys()].sort()).toEqual(actions.map((a) => a.id).sort());
    const wrong = actions.flatMap((action) => {
      const desk = deskActions.get(action.id);
      const booking = made.find((b) => b.customerId === action.customerId && b.slotId === action.slotId);
      const expected = { kind: 'book', state: 'confirmed', sessionId: sessionId(action), memberId: memberId(action), bookingId: `${CONNECTION}:booking:${booking?.bookingId}` };
      const actual = { kind: desk?.kind, state: desk?.state, sessionId: desk?.sessionId, memberId: desk?.memberId, bookingId: desk?.bookingId };
      return JSON.stringify(actual) === JSON.stringify(expected) ? [] : [{ id: action.id, expected, actual, error: desk?.error }];
    });
    expect(wrong).toEqual([]);

    // Every request the restarted cores sent is one the Open API declares, and the studio never had to say 429.
    expect(sim.log.flatMap((request) => spec.checkRequest(request))).toEqual([]);
    expect(sim.rateLimited).toBe(0);
    passed = true;
  },
  240_000,
);

function bootKillsText(bootKills: number, idleKills: number): string {
  return `${bootKills} kills while booting${idleKills > 0 ? `, ${idleKills} with nothing in flight` : ''}`;
}
