import { WebSocket } from 'ws';
import type { WellhubDemoWorld } from './wellhub-demo-world.ts';

/**
 * Tells a desk in browser mode about the demo's Wellhub side the way a person would: a saved
 * connection, sent over the desk's own link (its per-run token and its page's Origin).
 */

export const demoWellhubId = 'wellhub-demo';

/**
 * Saves the demo's Wellhub connection through the desk's own browser-mode link, once the desk answers.
 * `beside: 'demo-studio'` marks it as the demo's own Wellhub side (ConnectionSettings.demo), so the demo
 * studio stays as the gym's main system beside it; without it the connection is an ordinary one.
 */
export async function saveWellhubConnection(
  world: WellhubDemoWorld,
  port: number,
  token: string,
  deskStopped: () => boolean,
  options: { beside?: 'demo-studio' } = {},
): Promise<void> {
  const input = {
    settings: {
      id: demoWellhubId,
      provider: 'wellhub',
      label: 'Wellhub (demo)',
      baseUrl: world.wellhubUrl,
      scopeId: world.gymId,
      timeZone: world.sim.timeZone,
      relayUrl: world.relayUrl,
      ...(options.beside === 'demo-studio' ? { demo: true } : {}),
    },
    apiKey: world.sim.token,
    relayDeskToken: world.deskToken,
  };
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (deskStopped()) throw new Error('The desk did not start.');
    const answer = await askDesk(port, token, 'saveConnection', input).catch(() => undefined);
    if (answer !== undefined) {
      if (!answer.ok) throw new Error(`The desk refused the Wellhub connection: ${JSON.stringify(answer.error)}`);
      return;
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error('The desk did not answer within a minute.');
}

type Answer = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Runs one desk command and gives its value; a refusal is an error naming the command. */
export async function deskValue(port: number, token: string, command: string, input: unknown): Promise<unknown> {
  const answer = await askDesk(port, token, command, input);
  if (!answer.ok) throw new Error(`The desk refused ${command}: ${JSON.stringify(answer.error)}`);
  return answer.value;
}

function askDesk(port: number, token: string, command: string, input: unknown): Promise<Answer> {
  return new Promise((resolveAnswer, reject) => {
    const origin = `http://127.0.0.1:${port}`;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { headers: { origin } });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('no answer'));
    }, 10_000);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once('open', () => socket.send(JSON.stringify({ type: 'request', id: 1, command, input })));
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; id?: number; result?: Answer };
      if (frame.type !== 'response' || frame.id !== 1 || !frame.result) return;
      clearTimeout(timer);
      socket.close();
      resolveAnswer(frame.result);
    });
  });
}
