/**
 * What a roster row offers comes from the desk-action registry (one table for
 * buttons, shortcuts, help and palette); the row only needs its entries.
 */
export { actionsFor, type DeskActionEntry as RowAction } from '../../desk/desk-action-registry';
