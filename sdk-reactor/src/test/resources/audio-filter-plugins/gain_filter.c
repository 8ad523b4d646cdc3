/*
 * A test audio filter plugin for the livekit-ffi core's C plugin interface (the symbols the
 * core's AudioFilterPlugin looks up with dlsym). Built by the tests with the machine's C compiler.
 *
 * Per stream, the options string given to audio_filter_create is "gain=<number>;log=<file>"
 * (or "refuse", for which it makes no session and returns NULL):
 * every sample is multiplied by the gain (saturated to 16 bits), and the file gets one line when
 * the session is created (with the sample rate, options and the core's stream info JSON), one
 * per stream-info update, and one when it is destroyed (with the number of process calls and
 * samples). Each line is written with a single append so concurrent sessions do not interleave.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct session {
  double gain;
  char log[1024];
  unsigned long calls;
  unsigned long samples;
};

static void log_line(const struct session *s, const char *line) {
  if (s->log[0] == '\0') {
    return;
  }
  FILE *f = fopen(s->log, "a");
  if (f != NULL) {
    fputs(line, f);
    fputc('\n', f);
    fclose(f);
  }
}

int audio_filter_on_load(const char *options) {
  (void) options;
  return 0;
}

void *audio_filter_create(uint32_t sample_rate, const char *options, const char *stream_info) {
  if (options != NULL && strcmp(options, "refuse") == 0) {
    return NULL;
  }
  struct session *s = calloc(1, sizeof *s);
  if (s == NULL) {
    return NULL;
  }
  s->gain = 1.0;
  const char *gain = options != NULL ? strstr(options, "gain=") : NULL;
  if (gain != NULL) {
    s->gain = strtod(gain + 5, NULL);
  }
  const char *log = options != NULL ? strstr(options, "log=") : NULL;
  if (log != NULL) {
    size_t n = strcspn(log + 4, ";");
    if (n >= sizeof s->log) {
      n = sizeof s->log - 1;
    }
    memcpy(s->log, log + 4, n);
    s->log[n] = '\0';
  }
  char line[4096];
  snprintf(line, sizeof line, "create rate=%u options=%s stream=%s", (unsigned) sample_rate,
           options != NULL ? options : "", stream_info != NULL ? stream_info : "");
  log_line(s, line);
  return s;
}

void audio_filter_destroy(const void *p) {
  struct session *s = (struct session *) p;
  char line[256];
  snprintf(line, sizeof line, "destroy calls=%lu samples=%lu", s->calls, s->samples);
  log_line(s, line);
  free(s);
}

void audio_filter_process_int16(const void *p, size_t n, const int16_t *in, int16_t *out) {
  struct session *s = (struct session *) p;
  for (size_t i = 0; i < n; i++) {
    double v = in[i] * s->gain;
    out[i] = v > 32767.0 ? 32767 : v < -32768.0 ? -32768 : (int16_t) v;
  }
  s->calls++;
  s->samples += n;
}

void audio_filter_process_float(const void *p, size_t n, const float *in, float *out) {
  struct session *s = (struct session *) p;
  for (size_t i = 0; i < n; i++) {
    out[i] = (float) (in[i] * s->gain);
  }
}

void audio_filter_update_stream_info(const void *p, const char *stream_info) {
  const struct session *s = (const struct session *) p;
  char line[4096];
  snprintf(line, sizeof line, "update stream=%s", stream_info != NULL ? stream_info : "");
  log_line(s, line);
}
