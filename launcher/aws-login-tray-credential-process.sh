#!/bin/sh
# aws-login-tray: stable launcher for the credential_process helper (see README, "How auto-login works").
# Written by `aws-login-tray enable-auto-login` and rewritten each time the app starts, so it keeps
# pointing at the installed helper when the app is updated or moved. Edits here are overwritten.
# runtime: {{RUNTIME_JSON}}
{{ENV}}{{NATIVE}}exec {{COMMAND}} "$@"
