import type { AwsProfile, AwsProfiles, IniDocument, IniSection } from './types';

/** A record without a prototype, so a key like `__proto__` is plain data. */
function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Copies a section's valid properties into a record (later lines win). */
function mergeSection(target: Record<string, string>, section: IniSection): void {
  for (const p of section.properties) if (p.valid) target[p.key] = p.value;
}

/**
 * Merges the parsed config and credentials files as the SDKs do: sections the SDKs ignore are
 * skipped, duplicate sections merge in file order, and the credentials file wins on duplicate keys.
 */
export function buildProfiles(config: IniDocument | null, credentials: IniDocument | null): AwsProfiles {
  const byName = new Map<string, AwsProfile>();
  const ssoSessions = record<Record<string, string>>();
  const services = record<Record<string, string>>();

  for (const doc of [config, credentials]) {
    if (!doc) continue;
    for (const section of doc.sections) {
      if (!section.valid) continue;
      if (section.kind === 'profile') {
        let profile = byName.get(section.name);
        if (!profile) {
          profile = { name: section.name, properties: record(), sources: record(), sections: [] };
          byName.set(section.name, profile);
        }
        profile.sections.push({ file: doc.file, line: section.line });
        for (const p of section.properties) {
          if (!p.valid) continue;
          profile.properties[p.key] = p.value;
          profile.sources[p.key] = { file: doc.file, line: p.line, fileKind: doc.fileKind };
        }
      } else if (section.kind === 'sso-session' || section.kind === 'services') {
        const target = section.kind === 'sso-session' ? ssoSessions : services;
        mergeSection((target[section.name] ??= record()), section);
      }
    }
  }
  return { profiles: [...byName.values()], ssoSessions, services };
}
