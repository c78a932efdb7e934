import { z } from 'zod';

/**
 * The two Booking API calls the relay makes on a gym's behalf: answering a
 * booking request (v2 PATCH, as the desk's adapter does) and reading a slot's
 * numbers when no desk ever told the relay. Bearer token per gym.
 */

export type WellhubAnswer = { ok: true } | { ok: false; retryable: boolean; status?: number; message: string };

export interface BookingAnswer {
  status: 'RESERVED' | 'REJECTED';
  reasonCategory?: string;
  reason?: string;
}

const ErrorBody = z.object({ errors: z.array(z.looseObject({ message: z.string().nullish(), key: z.string().nullish() })) });
const Slot = z.looseObject({ total_capacity: z.number().int().nonnegative(), total_booked: z.number().int().nonnegative() });

export interface WellhubClient {
  answerBooking(gymId: string, token: string, bookingNumber: string, answer: BookingAnswer): Promise<WellhubAnswer>;
  slotNumbers(gymId: string, token: string, classId: number, slotId: number): Promise<{ totalCapacity: number; totalBooked: number } | undefined>;
}

export function wellhubClient(baseUrl: string, timeoutMs: number): WellhubClient {
  const call = (token: string, method: string, path: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });

  return {
    async answerBooking(gymId, token, bookingNumber, answer) {
      const body = {
        status: answer.status,
        ...(answer.reasonCategory ? { reason_category: answer.reasonCategory } : {}),
        ...(answer.reason ? { reason: answer.reason } : {}),
      };
      let response: Response;
      try {
        response = await call(token, 'PATCH', `/booking/v2/gyms/${encodeURIComponent(gymId)}/bookings/${encodeURIComponent(bookingNumber)}`, body);
      } catch (error) {
        return { ok: false, retryable: true, message: `Wellhub could not be reached: ${error instanceof Error ? error.message : String(error)}` };
      }
      if (response.ok) return { ok: true };
      const text = await response.text().catch(() => '');
      const parsed = ErrorBody.safeParse(safeJson(text));
      const said = parsed.success ? parsed.data.errors.map((e) => e.message ?? e.key ?? '').filter(Boolean).join('; ') : text.slice(0, 200);
      const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
      return { ok: false, retryable, status: response.status, message: `Wellhub answered ${response.status}${said ? `: ${said}` : ''}` };
    },

    async slotNumbers(gymId, token, classId, slotId) {
      try {
        const response = await call(token, 'GET', `/booking/v1/gyms/${encodeURIComponent(gymId)}/classes/${classId}/slots/${slotId}`);
        if (!response.ok) return undefined;
        const slot = Slot.safeParse(await response.json());
        return slot.success ? { totalCapacity: slot.data.total_capacity, totalBooked: slot.data.total_booked } : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

