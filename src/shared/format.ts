// Formatting shared by the tray, the window and the CLI, defined in the core.
export * from '../core/format';
