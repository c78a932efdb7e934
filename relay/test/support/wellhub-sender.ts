/**
 * Wellhub's side of a webhook delivery, as its documents describe it: a POST,
 * an answer awaited for 1 s, and when none comes, 3 more tries at once. Only a
 * 2xx counts as delivered (the relay answers 200 only after it stored the event).
 */

export interface Delivery {
  acknowledged: boolean;
  attempts: number;
  status?: number;
  answer?: unknown;
}

export async function deliverWebhook(url: string, body: string, signature: string | undefined, options: { timeoutMs?: number; retries?: number } = {}): Promise<Delivery> {
  const retries = options.retries ?? 3;
  let last: Delivery = { acknowledged: false, attempts: 0 };
  for (let attempt = 1; attempt <= 1 + retries; attempt++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature !== undefined ? { 'x-gympass-signature': signature } : {}) },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 1_000),
      });
      const text = await response.text();
      last = { acknowledged: response.ok, attempts: attempt, status: response.status, answer: parse(text) };
      if (response.ok || response.status < 500) return last;
    } catch {
      last = { acknowledged: false, attempts: attempt };
    }
  }
  return last;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
