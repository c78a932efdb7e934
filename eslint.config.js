import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Besides the usual checks, these rules keep the process boundaries honest:
 * src-shared runs everywhere, so it imports neither Electron, Node nor Dexie;
 * the renderer never reaches into src-main; only the Electron shell imports electron;
 * the core never imports either of its hosts (the shell, browser mode); the HTTP client
 * knows no provider.
 */
const electronShell = ['src-main/index.ts', 'src-main/preload.ts', 'src-main/shell/**/*.ts'];
const noElectron = { name: 'electron', message: 'Only the Electron shell (index.ts, preload.ts, shell/) may import electron.' };
const noUpdater = {
  name: 'electron-updater',
  message: 'Only the Electron shell loads electron-updater (it needs Electron); the update policy in src-main/updates is plain Node.',
};
const noHosts = {
  regex: '(^|/)(shell|web)(/|$)',
  message: 'The core runs under both hosts: it never imports the Electron shell or browser mode; they import it.',
};
const noProviders = {
  regex: '(^|/)providers(/|$)',
  message: 'The HTTP client serves every provider: it imports none of them (errors live in core/provider-error.ts).',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'dexie', message: 'src-shared runs in every process; Dexie belongs to the renderer.' }],
          patterns: [
            { regex: '^node:', message: 'src-shared runs in the renderer too: no Node built-ins.' },
            { regex: '^(fs|path|os|crypto|http|https|net|child_process|url|util)$', message: 'src-shared runs in the renderer too: no Node built-ins.' },
            { regex: '^dexie', message: 'src-shared runs in every process; Dexie belongs to the renderer.' },
            { regex: 'src-main|src-renderer', message: 'src-shared depends on nothing else in the project.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The page has no Node: the web typecheck says so too (no Node types), this says it in the editor.
      'no-restricted-globals': ['error', 'Buffer', 'process', 'require', '__dirname', '__filename', 'global'],
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { regex: 'src-main', message: 'The renderer talks to the core only through the contract (src-shared).' },
            { regex: '^node:', message: 'The renderer runs in a sandboxed browser page: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    // In a test, a wrong `!` fails the test, which is what it is for.
    files: ['test/**/*.{ts,tsx}', 'relay/test/**/*.ts', 'relay/bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['src-main/**/*.ts', 'test/**/*.ts'],
    ignores: electronShell,
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron, noUpdater] }] },
  },
  {
    // The update policy is decided in plain Node, tested without Electron; the shell acts on it.
    files: ['src-main/core/**/*.ts', 'src-main/updates/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron, noUpdater], patterns: [noHosts] }] },
  },
  {
    files: ['src-main/core/http/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron, noUpdater], patterns: [noHosts, noProviders] }] },
  },
);
