/*
 * aws-login-tray credential_process fast path (see README, "The native fast path").
 *
 * Answers `--profile <signin-profile>` by itself in the one common case: a fast-path record the Node
 * helper wrote (<app home>/cache/fast-path/<hex of the name>.rec) still matches this environment and
 * the exact bytes of the config and credentials files (SHA-256), and the login cache file it names
 * holds a valid token with more than 5 minutes left. Then it prints what the Node helper would print,
 * byte for byte, and exits 0. In EVERY other case it prints nothing (stdout or stderr) and exits
 * DECLINED; the launcher then execs the Node helper with the same arguments, environment, stdin and
 * stdout. It never parses the AWS config: the Node side is the one place where behaviour lives.
 *
 * Usage (written by the launcher only): credential-process --app-home <dir> -- <helper arguments...>
 *
 * C99 and the C library only. Every input is bounded; anything unexpected declines.
 */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* open(O_CLOEXEC), clock_gettime */
#endif
#if defined(__APPLE__) && !defined(_DARWIN_C_SOURCE)
#define _DARWIN_C_SOURCE /* clock_gettime is declared only with it on older SDKs */
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#ifdef _WIN32
#include <io.h>
#include <windows.h>
#define SEP "\\"
#ifndef S_ISREG
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#endif
#else
#include <time.h>
#include <unistd.h>
#define SEP "/"
#endif

/* Exit status meaning "not mine: run the Node helper" (any non-zero status does, see the launcher). */
#define DECLINED 100
#define RECORD_MAX (64 * 1024)
#define AWS_FILE_MAX (4 * 1024 * 1024)
#define CACHE_MAX (1024 * 1024)
#define NAME_MAX_BYTES 100
#define JSON_DEPTH_MAX 64
#define REFRESH_WINDOW_MS 300000LL

static void decline(void) { exit(DECLINED); }

/* ---------- files ---------- */

enum read_status { READ_OK, READ_MISSING, READ_FAILED };

#ifdef _WIN32
static wchar_t *widen(const char *s) {
  int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
  if (n <= 0) decline();
  wchar_t *w = malloc((size_t)n * sizeof(wchar_t));
  if (!w || MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n) != n) decline();
  return w;
}
#endif

/* Reads a whole regular file of at most `max` bytes. Missing = ENOENT/ENOTDIR, as Node's readText. */
static enum read_status read_file(const char *path, size_t max, unsigned char **out, size_t *len) {
#ifdef _WIN32
  wchar_t *wpath = widen(path);
  int fd = _wopen(wpath, _O_RDONLY | _O_BINARY);
  free(wpath);
#else
  int fd = open(path, O_RDONLY | O_CLOEXEC);
#endif
  if (fd < 0) return (errno == ENOENT || errno == ENOTDIR) ? READ_MISSING : READ_FAILED;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0 || (uint64_t)st.st_size > max) {
    close(fd);
    return READ_FAILED;
  }
  size_t want = (size_t)st.st_size;
  unsigned char *buf = malloc(want + 1);
  if (!buf) {
    close(fd);
    return READ_FAILED;
  }
  size_t got = 0;
  for (;;) {
    /* Read one byte past the size fstat gave: a file that grew while we read is not trusted. */
    long r = (long)read(fd, buf + got, (unsigned)(want + 1 - got));
    if (r < 0) {
      if (errno == EINTR) continue;
      close(fd);
      free(buf);
      return READ_FAILED;
    }
    if (r == 0) break;
    got += (size_t)r;
    if (got > want) {
      close(fd);
      free(buf);
      return READ_FAILED;
    }
  }
  close(fd);
  if (got != want) {
    free(buf);
    return READ_FAILED;
  }
  *out = buf;
  *len = got;
  return READ_OK;
}

/* ---------- SHA-256 (FIPS 180-4) ---------- */

static const uint32_t K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_block(uint32_t h[8], const unsigned char *p) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++)
    w[i] = ((uint32_t)p[4 * i] << 24) | ((uint32_t)p[4 * i + 1] << 16) | ((uint32_t)p[4 * i + 2] << 8) | p[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = k + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K256[i] + w[i];
    uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    k = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

/* Lower-case hex SHA-256 of data into out[65]. */
static void sha256_hex(const unsigned char *data, size_t len, char out[65]) {
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  size_t off = 0;
  for (; off + 64 <= len; off += 64) sha256_block(h, data + off);
  unsigned char tail[128];
  size_t rest = len - off;
  memset(tail, 0, sizeof tail);
  if (rest) memcpy(tail, data + off, rest);
  tail[rest] = 0x80;
  size_t tlen = rest + 9 <= 64 ? 64 : 128;
  uint64_t bits = (uint64_t)len * 8;
  for (size_t i = 0; i < 8; i++) tail[tlen - 1 - i] = (unsigned char)(bits >> (8 * i));
  sha256_block(h, tail);
  if (tlen == 128) sha256_block(h, tail + 64);
  static const char hex[] = "0123456789abcdef";
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 4; j++) {
      unsigned v = (h[i] >> (24 - 8 * j)) & 0xff;
      out[8 * i + 2 * j] = hex[v >> 4];
      out[8 * i + 2 * j + 1] = hex[v & 15];
    }
  out[64] = 0;
}

/* ---------- the record ---------- */

/*
 * One `key=value` line each, in this order, LF endings, nothing else (src/node/fast-path-record.ts
 * writes it). Env lines hold `-` (unset) or `+<value>`; file lines `missing` or `<size> <sha256>`.
 */
static const char *const ENV_NAMES[] = {"HOME", "USERPROFILE", "HOMEDRIVE", "HOMEPATH", "AWS_CONFIG_FILE",
                                        "AWS_SHARED_CREDENTIALS_FILE", "AWS_LOGIN_CACHE_DIRECTORY"};
#define ENV_COUNT (sizeof ENV_NAMES / sizeof ENV_NAMES[0])
#define RECORD_MAGIC "aws-login-tray fast-path record 1"

struct line { const char *p; size_t n; };

/* The next line of the record (NUL bytes and CR are refused); returns 0 at the end. */
static int next_line(const char **cur, const char *end, struct line *out) {
  if (*cur >= end) return 0;
  const char *nl = memchr(*cur, '\n', (size_t)(end - *cur));
  if (!nl) decline(); /* every line ends with LF */
  out->p = *cur;
  out->n = (size_t)(nl - *cur);
  if (memchr(out->p, '\0', out->n) || memchr(out->p, '\r', out->n)) decline();
  *cur = nl + 1;
  return 1;
}

/* The value of a `key=value` line as a fresh NUL-terminated string; declines on another key. */
static char *expect_key(const char **cur, const char *end, const char *key) {
  struct line l;
  size_t k = strlen(key);
  if (!next_line(cur, end, &l) || l.n <= k || memcmp(l.p, key, k) != 0 || l.p[k] != '=') decline();
  char *v = malloc(l.n - k);
  if (!v) decline();
  memcpy(v, l.p + k + 1, l.n - k - 1);
  v[l.n - k - 1] = 0;
  return v;
}

#ifdef _WIN32
/* The variable as UTF-8 (Windows keeps the environment in UTF-16), or NULL when unset. */
static char *env_utf8(const char *name) {
  wchar_t *wname = widen(name);
  const wchar_t *w = _wgetenv(wname);
  free(wname);
  if (!w) return NULL;
  int n = WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, w, -1, NULL, 0, NULL, NULL);
  if (n <= 0) decline();
  char *s = malloc((size_t)n);
  if (!s || WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, w, -1, s, n, NULL, NULL) != n) decline();
  return s;
}
#else
static char *env_utf8(const char *name) { return getenv(name); }
#endif

/* The file must be exactly as the record says: missing, or these bytes (size and SHA-256). */
static void check_file(const char *path, const char *expect) {
  unsigned char *buf = NULL;
  size_t len = 0;
  enum read_status st = read_file(path, AWS_FILE_MAX, &buf, &len);
  if (strcmp(expect, "missing") == 0) {
    if (st != READ_MISSING) decline();
    return;
  }
  if (st != READ_OK) decline();
  char want_size[32];
  snprintf(want_size, sizeof want_size, "%llu ", (unsigned long long)len);
  size_t ws = strlen(want_size);
  if (strlen(expect) != ws + 64 || memcmp(expect, want_size, ws) != 0) decline();
  char hex[65];
  sha256_hex(buf, len, hex);
  free(buf);
  if (memcmp(expect + ws, hex, 64) != 0) decline();
}

/* The login cache file the record names, after checking everything it was derived from. */
static char *trusted_cache_path(const char *app_home, const char *profile) {
  size_t plen = strlen(profile);
  if (plen == 0 || plen > NAME_MAX_BYTES) decline();
  size_t hlen = strlen(app_home);
  char *path = malloc(hlen + 32 + 2 * plen);
  if (!path) decline();
  static const char hex[] = "0123456789abcdef";
  char *w = path + sprintf(path, "%s" SEP "cache" SEP "fast-path" SEP, app_home);
  for (size_t i = 0; i < plen; i++) {
    *w++ = hex[(unsigned char)profile[i] >> 4];
    *w++ = hex[(unsigned char)profile[i] & 15];
  }
  strcpy(w, ".rec");

  unsigned char *rec = NULL;
  size_t rlen = 0;
  if (read_file(path, RECORD_MAX, &rec, &rlen) != READ_OK) decline();
  const char *cur = (const char *)rec, *end = cur + rlen;
  struct line l;
  if (!next_line(&cur, end, &l) || l.n != strlen(RECORD_MAGIC) || memcmp(l.p, RECORD_MAGIC, l.n) != 0) decline();
  if (strcmp(expect_key(&cur, end, "profile"), profile) != 0) decline();
  for (size_t i = 0; i < ENV_COUNT; i++) {
    char key[64];
    snprintf(key, sizeof key, "env.%s", ENV_NAMES[i]);
    const char *want = expect_key(&cur, end, key);
    const char *have = env_utf8(ENV_NAMES[i]);
    if (want[0] == '-' && want[1] == 0) {
      if (have) decline();
    } else if (want[0] != '+' || !have || strcmp(want + 1, have) != 0) {
      decline();
    }
  }
  const char *config = expect_key(&cur, end, "config");
  check_file(config, expect_key(&cur, end, "config.file"));
  const char *credentials = expect_key(&cur, end, "credentials");
  check_file(credentials, expect_key(&cur, end, "credentials.file"));
  char *cache = expect_key(&cur, end, "cache");
  if (cur != end || cache[0] == 0) decline();
  return cache;
}

/* ---------- UTF-8 and JSON (exactly what JSON.parse accepts, or decline) ---------- */

/* Well-formed UTF-8 only (what Node decodes without U+FFFD): no overlongs, surrogates or > U+10FFFF. */
static int valid_utf8(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) { i++; continue; }
    size_t extra;
    unsigned lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) extra = 1;
    else if (c == 0xe0) { extra = 2; lo = 0xa0; }
    else if (c >= 0xe1 && c <= 0xec) extra = 2;
    else if (c == 0xed) { extra = 2; hi = 0x9f; }
    else if (c >= 0xee && c <= 0xef) extra = 2;
    else if (c == 0xf0) { extra = 3; lo = 0x90; }
    else if (c >= 0xf1 && c <= 0xf3) extra = 3;
    else if (c == 0xf4) { extra = 3; hi = 0x8f; }
    else return 0;
    if (n - i <= extra) return 0;
    if (s[i + 1] < lo || s[i + 1] > hi) return 0;
    for (size_t k = 2; k <= extra; k++)
      if (s[i + k] < 0x80 || s[i + k] > 0xbf) return 0;
    i += extra + 1;
  }
  return 1;
}

struct parser { const unsigned char *p, *end; int depth; };

/* A decoded JSON string as UTF-8 bytes; lone_surrogate when it held one (we then decline to print it). */
struct jstr { unsigned char *s; size_t n; int lone_surrogate; };

static void ws(struct parser *ps) {
  while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')) ps->p++;
}

static int hex4(struct parser *ps, unsigned *out) {
  if (ps->end - ps->p < 4) return 0;
  unsigned v = 0;
  for (int i = 0; i < 4; i++) {
    unsigned c = ps->p[i], d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return 0;
    v = v * 16 + d;
  }
  ps->p += 4;
  *out = v;
  return 1;
}

static void put_utf8(unsigned char **w, unsigned cp) {
  unsigned char *o = *w;
  if (cp < 0x80) *o++ = (unsigned char)cp;
  else if (cp < 0x800) { *o++ = (unsigned char)(0xc0 | (cp >> 6)); *o++ = (unsigned char)(0x80 | (cp & 0x3f)); }
  else if (cp < 0x10000) {
    *o++ = (unsigned char)(0xe0 | (cp >> 12)); *o++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3f)); *o++ = (unsigned char)(0x80 | (cp & 0x3f));
  } else {
    *o++ = (unsigned char)(0xf0 | (cp >> 18)); *o++ = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
    *o++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3f)); *o++ = (unsigned char)(0x80 | (cp & 0x3f));
  }
  *w = o;
}

/* A string at ps->p (the opening quote); decoded into out. Returns 0 on invalid JSON. */
static int parse_string(struct parser *ps, struct jstr *out) {
  if (ps->p >= ps->end || *ps->p != '"') return 0;
  ps->p++;
  /* Decoded text is never longer than the source text. */
  const unsigned char *start = ps->p;
  if (!memchr(start, '"', (size_t)(ps->end - start))) return 0;
  unsigned char *buf = malloc((size_t)(ps->end - start) + 1), *w = buf;
  if (!buf) decline();
  out->lone_surrogate = 0;
  for (;;) {
    if (ps->p >= ps->end) { free(buf); return 0; }
    unsigned c = *ps->p;
    if (c == '"') { ps->p++; break; }
    if (c < 0x20) { free(buf); return 0; }
    if (c != '\\') { *w++ = (unsigned char)c; ps->p++; continue; }
    ps->p++;
    if (ps->p >= ps->end) { free(buf); return 0; }
    c = *ps->p++;
    switch (c) {
      case '"': *w++ = '"'; break;
      case '\\': *w++ = '\\'; break;
      case '/': *w++ = '/'; break;
      case 'b': *w++ = '\b'; break;
      case 'f': *w++ = '\f'; break;
      case 'n': *w++ = '\n'; break;
      case 'r': *w++ = '\r'; break;
      case 't': *w++ = '\t'; break;
      case 'u': {
        unsigned u;
        if (!hex4(ps, &u)) { free(buf); return 0; }
        if (u >= 0xd800 && u <= 0xdbff) {
          unsigned lo;
          const unsigned char *save = ps->p;
          if (ps->end - ps->p >= 6 && ps->p[0] == '\\' && ps->p[1] == 'u') {
            ps->p += 2;
            if (!hex4(ps, &lo)) { free(buf); return 0; }
            if (lo >= 0xdc00 && lo <= 0xdfff) {
              put_utf8(&w, 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00));
              break;
            }
            ps->p = save; /* the next escape is read on its own */
          }
          out->lone_surrogate = 1;
          break;
        }
        if (u >= 0xdc00 && u <= 0xdfff) { out->lone_surrogate = 1; break; }
        put_utf8(&w, u);
        break;
      }
      default: free(buf); return 0;
    }
  }
  *w = 0;
  out->s = buf;
  out->n = (size_t)(w - buf);
  return 1;
}

static int parse_value(struct parser *ps);

static int parse_number(struct parser *ps) {
  const unsigned char *p = ps->p, *e = ps->end;
  if (p < e && *p == '-') p++;
  if (p >= e) return 0;
  if (*p == '0') p++;
  else if (*p >= '1' && *p <= '9') while (p < e && *p >= '0' && *p <= '9') p++;
  else return 0;
  if (p < e && *p == '.') {
    p++;
    if (p >= e || *p < '0' || *p > '9') return 0;
    while (p < e && *p >= '0' && *p <= '9') p++;
  }
  if (p < e && (*p == 'e' || *p == 'E')) {
    p++;
    if (p < e && (*p == '+' || *p == '-')) p++;
    if (p >= e || *p < '0' || *p > '9') return 0;
    while (p < e && *p >= '0' && *p <= '9') p++;
  }
  ps->p = p;
  return 1;
}

static int literal(struct parser *ps, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0) return 0;
  ps->p += n;
  return 1;
}

/* What an object member is to us: its kind and, for strings, its decoded text. */
enum kind { K_NONE, K_STRING, K_NULL, K_OBJECT, K_OTHER };
struct member { enum kind kind; struct jstr str; const unsigned char *object_at; };

/* Parses (and validates) any value; reports the kind and keeps a string's text. */
static int parse_member_value(struct parser *ps, struct member *m) {
  ws(ps);
  if (ps->p >= ps->end) return 0;
  unsigned c = *ps->p;
  if (c == '"') { m->kind = K_STRING; return parse_string(ps, &m->str); }
  if (c == '{') { m->kind = K_OBJECT; m->object_at = ps->p; return parse_value(ps); }
  if (c == 'n') { m->kind = K_NULL; return literal(ps, "null"); }
  m->kind = K_OTHER;
  return parse_value(ps);
}

/*
 * An object at ps->p. For each member whose key is in keys[], fills members[i]; a key we care about
 * seen twice declines (JSON.parse keeps the last; we do not guess).
 */
static int parse_object(struct parser *ps, const char *const *keys, size_t nkeys, struct member *members) {
  if (++ps->depth > JSON_DEPTH_MAX) decline();
  ps->p++; /* { */
  ws(ps);
  if (ps->p < ps->end && *ps->p == '}') { ps->p++; ps->depth--; return 1; }
  for (;;) {
    ws(ps);
    struct jstr key;
    if (!parse_string(ps, &key)) return 0;
    ws(ps);
    if (ps->p >= ps->end || *ps->p != ':') return 0;
    ps->p++;
    size_t hit = nkeys;
    for (size_t i = 0; i < nkeys; i++)
      if (!key.lone_surrogate && key.n == strlen(keys[i]) && memcmp(key.s, keys[i], key.n) == 0) hit = i;
    free(key.s);
    struct member scratch;
    if (hit < nkeys) {
      if (members[hit].kind != K_NONE) decline();
      if (!parse_member_value(ps, &members[hit])) return 0;
    } else {
      if (!parse_member_value(ps, &scratch)) return 0;
      if (scratch.kind == K_STRING) free(scratch.str.s);
    }
    ws(ps);
    if (ps->p >= ps->end) return 0;
    if (*ps->p == ',') { ps->p++; continue; }
    if (*ps->p == '}') { ps->p++; ps->depth--; return 1; }
    return 0;
  }
}

static int parse_value(struct parser *ps) {
  ws(ps);
  if (ps->p >= ps->end) return 0;
  unsigned c = *ps->p;
  if (c == '{') return parse_object(ps, NULL, 0, NULL);
  if (c == '[') {
    if (++ps->depth > JSON_DEPTH_MAX) decline();
    ps->p++;
    ws(ps);
    if (ps->p < ps->end && *ps->p == ']') { ps->p++; ps->depth--; return 1; }
    for (;;) {
      if (!parse_value(ps)) return 0;
      ws(ps);
      if (ps->p >= ps->end) return 0;
      if (*ps->p == ',') { ps->p++; continue; }
      if (*ps->p == ']') { ps->p++; ps->depth--; return 1; }
      return 0;
    }
  }
  if (c == '"') {
    struct jstr s;
    if (!parse_string(ps, &s)) return 0;
    free(s.s);
    return 1;
  }
  if (c == 't') return literal(ps, "true");
  if (c == 'f') return literal(ps, "false");
  if (c == 'n') return literal(ps, "null");
  return parse_number(ps);
}

/* ---------- the cache ---------- */

static const char *const TOP_KEYS[] = {"accessToken", "clientId", "refreshToken", "dpopKey", "tokenType", "idToken", "signInRegion"};
enum { T_ACCESS, T_CLIENT, T_REFRESH, T_DPOP, T_TOKEN_TYPE, T_ID_TOKEN, T_REGION, T_COUNT };
static const char *const AT_KEYS[] = {"accessKeyId", "secretAccessKey", "sessionToken", "accountId", "expiresAt"};
enum { A_KEY, A_SECRET, A_TOKEN, A_ACCOUNT, A_EXPIRES, A_COUNT };

static int nonempty_string(const struct member *m) { return m->kind == K_STRING && m->str.n > 0; }

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned)(y - era * 400);
  unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int64_t)doe - 719468;
}

static int digits(const unsigned char *s, int n, unsigned *out) {
  unsigned v = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return 0;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return 1;
}

/*
 * Date.parse for the forms the AWS CLI and SDKs write: YYYY-MM-DDTHH:MM:SS, optional .f (1-9
 * digits; Date.parse keeps milliseconds, truncating), then Z or +00:00. Anything else declines.
 */
static int64_t parse_expiry_ms(const unsigned char *s, size_t n) {
  unsigned y, mo, d, h, mi, sec, ms = 0;
  if (n < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') decline();
  if (!digits(s, 4, &y) || !digits(s + 5, 2, &mo) || !digits(s + 8, 2, &d) || !digits(s + 11, 2, &h) ||
      !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &sec))
    decline();
  static const unsigned mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) decline();
  unsigned dim = mdays[mo - 1] + (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
  if (d > dim) decline();
  size_t i = 19;
  if (s[i] == '.') {
    size_t j = i + 1;
    while (j < n && s[j] >= '0' && s[j] <= '9') j++;
    size_t nd = j - i - 1;
    if (nd < 1 || nd > 9) decline();
    unsigned scale = 100;
    for (size_t k = 0; k < nd && k < 3; k++, scale /= 10) ms += (unsigned)(s[i + 1 + k] - '0') * scale;
    i = j;
  }
  if (!((n - i == 1 && s[i] == 'Z') || (n - i == 6 && memcmp(s + i, "+00:00", 6) == 0))) decline();
  return days_from_civil(y, mo, d) * 86400000LL + h * 3600000LL + mi * 60000LL + sec * 1000LL + ms;
}

static int64_t now_ms(void) {
#ifdef _WIN32
  FILETIME ft;
  GetSystemTimeAsFileTime(&ft);
  uint64_t t = ((uint64_t)ft.dwHighDateTime << 32) | ft.dwLowDateTime; /* 100 ns since 1601 */
  return (int64_t)(t / 10000) - 11644473600000LL;
#else
  struct timespec ts;
  if (clock_gettime(CLOCK_REALTIME, &ts) != 0) decline();
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
#endif
}

/* ---------- output: JSON.stringify's escaping of a well-formed string ---------- */

struct out { char *buf; size_t n, cap; };

static void emit(struct out *o, const void *p, size_t n) {
  if (o->n + n > o->cap) decline();
  memcpy(o->buf + o->n, p, n);
  o->n += n;
}

static void emit_json_string(struct out *o, const struct jstr *s) {
  if (s->lone_surrogate) decline(); /* JSON.stringify would print \udxxx; not worth the risk */
  emit(o, "\"", 1);
  for (size_t i = 0; i < s->n; i++) {
    unsigned char c = s->s[i];
    char esc[8];
    const char *e = NULL;
    switch (c) {
      case '"': e = "\\\""; break;
      case '\\': e = "\\\\"; break;
      case '\b': e = "\\b"; break;
      case '\f': e = "\\f"; break;
      case '\n': e = "\\n"; break;
      case '\r': e = "\\r"; break;
      case '\t': e = "\\t"; break;
      default:
        if (c < 0x20) {
          snprintf(esc, sizeof esc, "\\u%04x", c);
          e = esc;
        }
    }
    if (e) emit(o, e, strlen(e));
    else emit(o, &c, 1);
  }
  emit(o, "\"", 1);
}

static void write_all(const char *p, size_t n) {
#ifdef _WIN32
  _setmode(1, _O_BINARY);
#endif
  while (n > 0) {
    long r = (long)write(1, p, (unsigned)n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) exit(DECLINED); /* nothing sensible left to do; Node will report it */
    p += r;
    n -= (size_t)r;
  }
}

/* ---------- main ---------- */

/* The profile from the helper's own arguments, in the exact forms the Node helper accepts, else NULL. */
static const char *profile_arg(int argc, char **argv) {
  int i = 0;
  if (i < argc && strcmp(argv[i], "credential-process") == 0) i++;
  const char *profile = NULL;
  if (argc - i == 2 && strcmp(argv[i], "--profile") == 0) profile = argv[i + 1];
  else if (argc - i == 1 && strncmp(argv[i], "--profile=", 10) == 0) profile = argv[i] + 10;
  if (!profile || profile[0] == 0 || profile[0] == '-') return NULL;
  return profile;
}

int main(int argc, char **argv) {
  if (argc < 4 || strcmp(argv[1], "--app-home") != 0 || argv[2][0] == 0 || strcmp(argv[3], "--") != 0) decline();
  const char *profile = profile_arg(argc - 4, argv + 4);
  if (!profile || !valid_utf8((const unsigned char *)profile, strlen(profile))) decline();
  const char *cache_path = trusted_cache_path(argv[2], profile);

  unsigned char *text = NULL;
  size_t len = 0;
  if (read_file(cache_path, CACHE_MAX, &text, &len) != READ_OK || !valid_utf8(text, len)) decline();
  struct parser ps = {text, text + len, 0};
  struct member top[T_COUNT], at[A_COUNT];
  memset(top, 0, sizeof top);
  memset(at, 0, sizeof at);
  ws(&ps);
  if (ps.p >= ps.end || *ps.p != '{' || !parse_object(&ps, TOP_KEYS, T_COUNT, top)) decline();
  ws(&ps);
  if (ps.p != ps.end) decline();
  if (top[T_ACCESS].kind != K_OBJECT) decline();
  struct parser ap = {top[T_ACCESS].object_at, text + len, 1};
  if (!parse_object(&ap, AT_KEYS, A_COUNT, at)) decline();
  for (int i = 0; i < A_COUNT; i++)
    if (!nonempty_string(&at[i])) decline();
  if (!nonempty_string(&top[T_CLIENT]) || !nonempty_string(&top[T_REFRESH]) || !nonempty_string(&top[T_DPOP])) decline();
  for (int i = T_TOKEN_TYPE; i <= T_REGION; i++)
    if (top[i].kind != K_NONE && top[i].kind != K_NULL && top[i].kind != K_STRING) decline();

  int64_t expires = parse_expiry_ms(at[A_EXPIRES].str.s, at[A_EXPIRES].str.n);
  if (!(expires - now_ms() > REFRESH_WINDOW_MS)) decline();

  struct out o;
  o.cap = 6 * len + 256; /* \u00xx is the longest escape of one byte */
  o.n = 0;
  o.buf = malloc(o.cap);
  if (!o.buf) decline();
  static const char *const names[] = {",\"AccessKeyId\":", ",\"SecretAccessKey\":", ",\"SessionToken\":", ",\"Expiration\":", ",\"AccountId\":"};
  static const int order[] = {A_KEY, A_SECRET, A_TOKEN, A_EXPIRES, A_ACCOUNT};
  emit(&o, "{\"Version\":1", 12);
  for (int i = 0; i < 5; i++) {
    emit(&o, names[i], strlen(names[i]));
    emit_json_string(&o, &at[order[i]].str);
  }
  emit(&o, "}\n", 2);
  write_all(o.buf, o.n);
  return 0;
}
