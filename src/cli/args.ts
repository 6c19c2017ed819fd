// The one argument parser of the CLI, the credential helper and the preview lives in the core.
export * from '../core/args';
