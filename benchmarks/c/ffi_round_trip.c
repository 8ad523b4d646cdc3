/*
 * The floor of the FFI round-trip benchmark: the same request as FfiRoundTrip (RoomFlux), the
 * Python and the Node contenders, called from C with nothing around it. The request bytes are a
 * constant (FfiRequest{new_audio_resampler{}}), the response is read by walking its few protobuf
 * fields by hand to find the resampler handle (no protobuf library), and both handles are dropped.
 * What is left is the core's own cost plus one C call.
 *
 *   cc -O2 -o ffi_round_trip ffi_round_trip.c -ldl
 *   ffi_round_trip <liblivekit_ffi.so> [iterations per round] [rounds]
 *
 * Prints one line per round and `RESULT c <median ns/op>`.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef void (*callback_fn)(const uint8_t *, size_t);
typedef void (*init_fn)(callback_fn, int, const char *, const char *);
typedef uint64_t (*request_fn)(const uint8_t *, size_t, const uint8_t **, size_t *);
typedef int (*drop_fn)(uint64_t);

static request_fn request;
static drop_fn drop_handle;

/* FfiRequest, field 29 (new_audio_resampler), length-delimited, empty. */
static const uint8_t REQUEST[] = {0xEA, 0x01, 0x00};

static void on_event(const uint8_t *data, size_t len) {
  (void) data;
  (void) len;
}

static uint64_t varint(const uint8_t **p, const uint8_t *end) {
  uint64_t v = 0;
  for (int shift = 0; *p < end && shift < 64; shift += 7) {
    uint8_t b = *(*p)++;
    v |= (uint64_t) (b & 0x7F) << shift;
    if (!(b & 0x80)) {
      break;
    }
  }
  return v;
}

/* The bytes of the first length-delimited field `field` inside [*p, end), or NULL. */
static const uint8_t *field(const uint8_t *p, const uint8_t *end, uint32_t wanted, const uint8_t **field_end) {
  while (p < end) {
    uint64_t key = varint(&p, end);
    uint32_t number = (uint32_t) (key >> 3);
    switch (key & 7) {
      case 0:
        varint(&p, end);
        break;
      case 2: {
        uint64_t len = varint(&p, end);
        if (number == wanted) {
          *field_end = p + len;
          return p;
        }
        p += len;
        break;
      }
      default:
        return NULL;
    }
  }
  return NULL;
}

static uint64_t resampler_handle(const uint8_t *data, size_t len) {
  const uint8_t *end = data + len, *e1, *e2, *e3;
  const uint8_t *response = field(data, end, 29, &e1);           /* new_audio_resampler */
  const uint8_t *owned = response ? field(response, e1, 1, &e2) : NULL; /* resampler */
  const uint8_t *handle = owned ? field(owned, e2, 1, &e3) : NULL;     /* handle */
  if (!handle || handle >= e3 || *handle != 0x08) {                    /* id = 1, varint */
    fprintf(stderr, "unexpected response\n");
    exit(1);
  }
  handle++;
  return varint(&handle, e3);
}

static void once(void) {
  const uint8_t *res;
  size_t res_len;
  uint64_t response = request(REQUEST, sizeof REQUEST, &res, &res_len);
  if (response == 0) {
    fprintf(stderr, "request refused\n");
    exit(1);
  }
  uint64_t resampler = resampler_handle(res, res_len);
  drop_handle(response);
  drop_handle(resampler);
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s <liblivekit_ffi.so> [iterations] [rounds]\n", argv[0]);
    return 2;
  }
  long iterations = argc > 2 ? atol(argv[2]) : 200000;
  int rounds = argc > 3 ? atoi(argv[3]) : 5;
  void *lib = dlopen(argv[1], RTLD_NOW);
  if (!lib) {
    fprintf(stderr, "%s\n", dlerror());
    return 1;
  }
  init_fn initialize = (init_fn) dlsym(lib, "livekit_ffi_initialize");
  request = (request_fn) dlsym(lib, "livekit_ffi_request");
  drop_handle = (drop_fn) dlsym(lib, "livekit_ffi_drop_handle");
  if (!initialize || !request || !drop_handle) {
    fprintf(stderr, "missing symbols\n");
    return 1;
  }
  initialize(on_event, 0, "c-floor", "0");
  for (int i = 0; i < 50000; i++) {
    once();
  }
  double *ns = calloc((size_t) rounds, sizeof *ns);
  for (int r = 0; r < rounds; r++) {
    long long start = now_ns();
    for (long i = 0; i < iterations; i++) {
      once();
    }
    ns[r] = (double) (now_ns() - start) / (double) iterations;
    printf("c round %d: %.0f ns/op over %ld ops\n", r + 1, ns[r], iterations);
  }
  qsort(ns, (size_t) rounds, sizeof *ns, by_value);
  printf("RESULT c %.0f\n", ns[rounds / 2]);
  return 0;
}
