/**
 * What the main process says to staff in front-desk mode: the tray and the close question.
 * Main has no i18n of its own (the page's words live in src-renderer/src/i18n); these few
 * are English until the settings' language reaches the shell.
 */
export const frontDeskWords = {
  trayTooltip: 'Classdesk',
  showDesk: 'Show desk',
  quit: 'Quit Classdesk…',
  closeTitle: 'Classdesk',
  closeQuestion: 'Close Classdesk?',
  closeDetail: 'Check-in stops at this desk until it is opened again.',
  keepOpen: 'Keep Classdesk open',
  close: 'Close Classdesk',
} as const;
