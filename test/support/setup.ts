// vitest setupFiles, for every test file:
// - code that reads process.env (the SDK's refresh) never reaches AWS's real endpoints;
// - wall-clock times ("ends 18:42") read the same on every machine.
import { OFFLINE_SIGNIN_URL } from './offline';

process.env.AWS_ENDPOINT_URL_SIGNIN ??= OFFLINE_SIGNIN_URL;
process.env.TZ = 'UTC';
