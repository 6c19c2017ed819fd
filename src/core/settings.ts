/** User settings, stored as settings.json under the app home. Every field has a default. */
export interface Settings {
  /** Minutes before the (estimated) session end at which to warn; 0 = at the end. */
  warningLeadMinutes: number[];
  /** Default maximum session length in hours (the IAM principal's session duration). */
  defaultMaxSessionHours: number;
  /** Per-profile maximum session length in hours. */
  maxSessionHours: Record<string, number>;
  /** Path of the `aws` executable; null = find it (AWS_LOGIN_TRAY_AWS_CLI, PATH, usual folders). */
  awsCliPath: string | null;
  /** How long `aws login` may take before it is cancelled. */
  loginTimeoutSeconds: number;
  /** After a failed or cancelled login, the credential helper fails at once for this long. */
  loginRetryCooldownSeconds: number;
  startAtLogin: boolean;
  /** Profiles whose warnings are muted. */
  mutedProfiles: string[];
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  warningLeadMinutes: [15, 5, 0],
  defaultMaxSessionHours: 12,
  maxSessionHours: {},
  awsCliPath: null,
  loginTimeoutSeconds: 300,
  loginRetryCooldownSeconds: 60,
  startAtLogin: true,
  mutedProfiles: [],
});
