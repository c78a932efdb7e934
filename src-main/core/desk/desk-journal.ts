import { open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import { DeskAction } from '../../../src-shared/domain';

/**
 * The desk's actions, appended one JSON line per state change and fsynced
 * before anyone is told the action is accepted. Replaying the file gives the
 * latest state of every action, so nothing the desk accepted is lost in a crash.
 */
export class DeskJournal {
  private constructor(
    private readonly file: FileHandle,
    private readonly actions: Map<string, DeskAction>,
    /** Line numbers that could not be read back, for the core to report. */
    readonly damagedLines: readonly number[],
  ) {}

  static async open(path: string): Promise<DeskJournal> {
    const { actions, damagedLines } = await replay(path);
    const file = await open(path, 'a', 0o600);
    return new DeskJournal(file, actions, damagedLines);
  }

  get(actionId: string): DeskAction | undefined {
    return this.actions.get(actionId);
  }

  all(): DeskAction[] {
    return [...this.actions.values()];
  }

  /** Durable once this resolves. */
  async record(action: DeskAction): Promise<void> {
    const parsed = DeskAction.parse(action);
    await this.file.appendFile(`${JSON.stringify(parsed)}\n`, 'utf8');
    await this.file.sync();
    this.actions.set(parsed.id, parsed);
  }

  async close(): Promise<void> {
    await this.file.close();
  }
}

interface Replay {
  actions: Map<string, DeskAction>;
  damagedLines: number[];
}

async function replay(path: string): Promise<Replay> {
  const actions = new Map<string, DeskAction>();
  const damagedLines: number[] = [];
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { actions, damagedLines };
    throw error;
  }
  // A crash mid-append leaves a line without its newline; cut it off so the next append starts clean.
  const complete = bytes.lastIndexOf(0x0a) + 1;
  if (complete < bytes.length) await truncate(path, complete);
  const text = bytes.subarray(0, complete).toString('utf8');
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  lines.forEach((line, index) => {
    const parsed = safeParseLine(line);
    // A damaged line cannot be read back whatever we do; keep every other action and say which line.
    if (parsed) actions.set(parsed.id, parsed);
    else damagedLines.push(index + 1);
  });
  return { actions, damagedLines };
}

function safeParseLine(line: string): DeskAction | undefined {
  try {
    const result = DeskAction.safeParse(JSON.parse(line));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
