export { enableAutoLogin, type EnableInput } from './enable';
export { disableAutoLogin, type DisableInput } from './disable';
export type { AutoLoginUndo, AutoLoginEdit } from './types';
