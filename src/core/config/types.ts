/** One `key = value` line (with its continuation or sub-property lines) of an AWS ini file. */
export interface IniProperty {
  /** Lower-cased name, as the SDKs compare it. */
  key: string;
  /** The value as the SDKs see it; sub-properties read as one string ("\nname = value"). */
  value: string;
  /** 1-based line of `key = value`. */
  line: number;
  /** 1-based last line that belongs to this property (continuations, sub-properties). */
  endLine: number;
  /** False when the SDKs ignore the property because its name has characters they do not allow. */
  valid: boolean;
}

export type SectionKind = 'profile' | 'sso-session' | 'services' | 'other';

/** One `[...]` section with every property in file order (duplicates kept; last one wins). */
export interface IniSection {
  /** The text between the brackets, trimmed. */
  header: string;
  kind: SectionKind;
  /** Profile / sso-session / services name ('default' for [default] and [profile default]). */
  name: string;
  /** True for `[profile x]` (and `[profile default]`) in the config file. */
  hasProfilePrefix: boolean;
  /** False when the SDKs ignore the section (bad name, missing `profile ` prefix in config, ...). */
  valid: boolean;
  /** 1-based line of the header. */
  line: number;
  /** 1-based last line of the section's body (before the next header or end of file). */
  endLine: number;
  properties: IniProperty[];
}

/** A parsed AWS config or credentials file that keeps enough layout to edit it line by line. */
export interface IniDocument {
  /** Path it was read from (used in error messages). */
  file: string;
  fileKind: 'config' | 'credentials';
  /** Lines without their line endings; lines[0] is line 1 (BOM stripped). */
  lines: string[];
  eol: '\n' | '\r\n';
  bom: boolean;
  finalNewline: boolean;
  sections: IniSection[];
}

/** Where a value or a section came from. */
export interface SourceRef {
  file: string;
  line: number;
  /** Which of the two files (properties only): credentials-file keys outrank login_session, config-file keys do not. */
  fileKind?: 'config' | 'credentials';
}

/** A profile after merging the config and credentials files exactly as the AWS SDKs do. */
export interface AwsProfile {
  name: string;
  /** Lower-cased keys; the credentials file wins on duplicates. */
  properties: Record<string, string>;
  /** Where each property's winning value came from. */
  sources: Record<string, SourceRef>;
  /** Section headers that make up this profile, in the order read. */
  sections: SourceRef[];
}

export interface AwsProfiles {
  /** In order of first appearance (config file first, then credentials-only profiles). */
  profiles: AwsProfile[];
  ssoSessions: Record<string, Record<string, string>>;
  services: Record<string, Record<string, string>>;
}

/** A file the SDKs would reject; message reads `FILE:LINE: reason`. */
export class AwsConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'AwsConfigError';
  }
}
