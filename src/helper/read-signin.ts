// The sign-in profile's state is read by the helper, the tray's session checks and logout alike.
export { CACHE_REREAD, readSigninCache, readSigninState, readSigninStateSettled, type SigninCache, type SigninState } from '../node/signin-state';
