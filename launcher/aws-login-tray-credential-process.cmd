@echo off
chcp 65001 >nul 2>&1
rem aws-login-tray: stable launcher for the credential_process helper (see README, "How auto-login works").
rem Written by aws-login-tray enable-auto-login and rewritten each time the app starts. Edits here are overwritten.
rem runtime: {{RUNTIME_JSON}}
setlocal
{{ENV}}{{NATIVE}}{{COMMAND}} %*
exit /b %ERRORLEVEL%
