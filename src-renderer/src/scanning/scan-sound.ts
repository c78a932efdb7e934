/**
 * A scan's answer as a sound, for the receptionist looking at the member rather than the screen:
 * two rising beeps when the member may go in, one low buzz when not. Made with an oscillator, so
 * the desk ships no audio files; silent where the page has no Web Audio (tests, locked-down PCs).
 */
export type ScanSound = 'success' | 'failure';

let context: AudioContext | undefined;

interface Tone {
  frequency: number;
  startS: number;
  lengthS: number;
  wave: OscillatorType;
  volume: number;
}

const tones: Record<ScanSound, readonly Tone[]> = {
  success: [
    { frequency: 1046, startS: 0, lengthS: 0.09, wave: 'sine', volume: 0.25 },
    { frequency: 1568, startS: 0.11, lengthS: 0.12, wave: 'sine', volume: 0.25 },
  ],
  failure: [{ frequency: 196, startS: 0, lengthS: 0.4, wave: 'square', volume: 0.12 }],
};

export function playScanSound(sound: ScanSound): void {
  const Audio = globalThis.AudioContext as typeof AudioContext | undefined;
  if (!Audio) return;
  try {
    context ??= new Audio();
    // A context made before any click starts suspended; the scan's keys count as a gesture.
    if (context.state === 'suspended') void context.resume();
    const now = context.currentTime;
    for (const tone of tones[sound]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = tone.wave;
      oscillator.frequency.value = tone.frequency;
      // Short ramps at both ends: no click as the sound starts and stops.
      gain.gain.setValueAtTime(0, now + tone.startS);
      gain.gain.linearRampToValueAtTime(tone.volume, now + tone.startS + 0.01);
      gain.gain.setValueAtTime(tone.volume, now + tone.startS + tone.lengthS - 0.02);
      gain.gain.linearRampToValueAtTime(0, now + tone.startS + tone.lengthS);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(now + tone.startS);
      oscillator.stop(now + tone.startS + tone.lengthS);
    }
  } catch {
    // A sound is a courtesy; the words on screen are the answer.
  }
}
