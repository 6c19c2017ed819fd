import fs from 'node:fs';
import path from 'node:path';

const dir = path.join(__dirname, '..', '..', 'fixtures', 'conformance');

export interface ParserCase {
  name: string;
  input: { configFile?: string; credentialsFile?: string };
  output: {
    errorContaining?: string;
    config?: { profiles: Record<string, Record<string, string>>; sso_sessions?: Record<string, Record<string, string>> };
  };
}

export interface LocationCase {
  name: string;
  environment: Record<string, string>;
  platform: 'linux' | 'windows';
  profile?: string;
  configLocation: string;
  credentialsLocation: string;
}

/** The 65 smithy-rs profile-parser cases (names are not unique, so callers number them). */
export function parserCases(): ParserCase[] {
  return (JSON.parse(fs.readFileSync(path.join(dir, 'profile-parser-tests.json'), 'utf8')) as { tests: ParserCase[] }).tests;
}

/** The 9 smithy-rs file-location cases. */
export function locationCases(): LocationCase[] {
  return (JSON.parse(fs.readFileSync(path.join(dir, 'file-location-tests.json'), 'utf8')) as { tests: LocationCase[] }).tests;
}
