/** How a profile gets its credentials (see README, "Profile kinds"). */
export type ProfileKind =
  | 'login' // has login_session: `aws login`
  | 'auto-login' // credential_process runs our helper / the shell recipe / export-credentials for a sign-in profile
  | 'sso'
  | 'assume-role'
  | 'static-keys' // long-term access keys on disk: flagged
  | 'credential-process' // any other credential_process
  | 'other';
