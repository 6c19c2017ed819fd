// The errors people see, defined in the core; the window and the IPC contract take them from here.
export * from '../core/errors';
