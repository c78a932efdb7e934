import { describe, expect, it } from 'vitest';
import { checkForm, valuesOf } from '../../src-renderer/src/screens/connections/connection-fields';
import { aConnection } from './fixtures';

/**
 * The demo's own Wellhub side (`npm run demo:wellhub`) has no field in the form: editing it keeps its
 * marker, so the demo studio stays beside it; the form never adds the marker to another connection.
 */
const demoWellhub = aConnection({
  id: 'wellhub-demo',
  provider: 'wellhub',
  label: 'Wellhub (demo)',
  tenant: undefined,
  baseUrl: 'http://127.0.0.1:4010',
  scopeId: '4711',
  timeZone: 'Europe/Berlin',
  relayUrl: 'http://127.0.0.1:8787',
  hasRelayToken: true,
  demo: true,
});

describe('the demo marker in the connection form', () => {
  it('is kept when the demo’s Wellhub connection is edited', () => {
    const checked = checkForm({ ...valuesOf(demoWellhub), label: 'Wellhub (try-out)' }, demoWellhub.id, true, true);
    expect(checked.settings).toMatchObject({ label: 'Wellhub (try-out)', demo: true });
  });

  it('is not added to any other connection', () => {
    const { demo: _marker, ...real } = demoWellhub;
    expect(checkForm(valuesOf(real), real.id, true, true).settings).not.toHaveProperty('demo');
  });
});
