// A stand-in livekit-ffi for benchmarks/dispatch-latency.sh: a shared library with the core's four
// C functions that RoomFlux's own binding (NativeCore) loads through the system property
// roomflux.ffi.library, so that every event reaches the JVM through the same FFM upcall stub the
// real core calls. What it does instead of WebRTC:
//   - livekit_ffi_request hands each request to a handler the benchmark installs (a Java upcall
//     that answers Connect, ReadyForRoomEvent and Disconnect the way the core does);
//   - callbacks the handler posts are delivered from this library's own pthread, as the core
//     delivers them from its own threads, after the request has returned;
//   - source_start() starts another pthread that calls the installed callback with pre-encoded
//     FfiEvent bytes at a paced rate, writing CLOCK_MONOTONIC (the clock of Java's
//     System.nanoTime() on Linux) into each event's payload just before the call.
// Built by the script with gcc -O2 -shared -fPIC -pthread. Not a test double for anything else.
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef void (*event_cb)(const uint8_t *data, size_t len);
typedef uint64_t (*request_fn)(const uint8_t *data, size_t len, const uint8_t **res_ptr, size_t *res_len);

static event_cb callback;
static request_fn handler;
static atomic_ulong drops;

// ---- posted callbacks: a small FIFO drained by one delivery thread ----
typedef struct posted {
  struct posted *next;
  size_t len;
  uint8_t data[];
} posted;
static pthread_mutex_t post_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t post_cond = PTHREAD_COND_INITIALIZER;
static posted *post_head, *post_tail;
static bool post_stop;
static pthread_t post_thread;
static bool post_started;

static void *deliver(void *arg) {
  (void)arg;
  for (;;) {
    pthread_mutex_lock(&post_lock);
    while (post_head == NULL && !post_stop) {
      pthread_cond_wait(&post_cond, &post_lock);
    }
    posted *p = post_head;
    if (p == NULL) {
      pthread_mutex_unlock(&post_lock);
      return NULL;
    }
    post_head = p->next;
    if (post_head == NULL) {
      post_tail = NULL;
    }
    pthread_mutex_unlock(&post_lock);
    callback(p->data, p->len);
    free(p);
  }
}

void livekit_ffi_initialize(event_cb cb, bool capture_logs, const char *sdk, const char *version) {
  (void)capture_logs;
  (void)sdk;
  (void)version;
  callback = cb;
  if (!post_started && pthread_create(&post_thread, NULL, deliver, NULL) == 0) {
    post_started = true;
  }
}

uint64_t livekit_ffi_request(const uint8_t *data, size_t len, const uint8_t **res_ptr, size_t *res_len) {
  return handler == NULL ? 0 : handler(data, len, res_ptr, res_len);
}

bool livekit_ffi_drop_handle(uint64_t handle) {
  (void)handle;
  atomic_fetch_add(&drops, 1);
  return true;
}

// ---- the paced source ----
typedef struct {
  const uint8_t *events;      // every event's bytes, back to back
  const uint64_t *offsets;    // count + 1 offsets into events
  uint8_t *const *stamp_at;   // per event: where to write the 8-byte send time (inside its payload)
  uint64_t count;
  uint64_t period_ns;
  int64_t *sent_ns;           // out: the send time of each event
  int64_t *returned_ns;       // out: when the upcall returned
} run_args;
static run_args source;
static pthread_t source_thread;
static bool source_running;

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *pace(void *arg) {
  (void)arg;
  int64_t start = now_ns() + 1000000;  // 1 ms from now
  for (uint64_t i = 0; i < source.count; i++) {
    int64_t due = start + (int64_t)(i * source.period_ns);
    struct timespec at = {.tv_sec = due / 1000000000LL, .tv_nsec = due % 1000000000LL};
    // Behind schedule: send at once (the sleep returns immediately); never skip an event.
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL) == EINTR) {
    }
    int64_t t = now_ns();
    memcpy(source.stamp_at[i], &t, sizeof t);
    source.sent_ns[i] = t;
    callback(source.events + source.offsets[i], (size_t)(source.offsets[i + 1] - source.offsets[i]));
    source.returned_ns[i] = now_ns();
  }
  return NULL;
}

// ---- control functions for the benchmark (Java downcalls) ----

// Installs the request handler.
void source_set_handler(request_fn fn) { handler = fn; }

// Copies an event and has the delivery thread hand it to the callback after the caller returns.
int source_post(const uint8_t *data, size_t len) {
  posted *p = malloc(sizeof *p + len);
  if (p == NULL) {
    return -1;
  }
  p->next = NULL;
  p->len = len;
  memcpy(p->data, data, len);
  pthread_mutex_lock(&post_lock);
  if (post_tail == NULL) {
    post_head = p;
  } else {
    post_tail->next = p;
  }
  post_tail = p;
  pthread_cond_signal(&post_cond);
  pthread_mutex_unlock(&post_lock);
  return 0;
}

// Starts sending count events, one every period_ns, from a new pthread; 0 on success.
int source_start(const uint8_t *events, const uint64_t *offsets, uint8_t *const *stamp_at, uint64_t count,
                 uint64_t period_ns, int64_t *sent_ns, int64_t *returned_ns) {
  if (callback == NULL || source_running) {
    return -1;
  }
  source = (run_args){events, offsets, stamp_at, count, period_ns, sent_ns, returned_ns};
  if (pthread_create(&source_thread, NULL, pace, NULL) != 0) {
    return -1;
  }
  source_running = true;
  return 0;
}

// Waits until every event of the run was handed to the callback.
int source_join(void) {
  if (!source_running) {
    return -1;
  }
  source_running = false;
  return pthread_join(source_thread, NULL);
}

// How many handles were dropped so far.
uint64_t source_drops(void) { return atomic_load(&drops); }

void livekit_ffi_dispose(void) {
  if (source_running) {
    source_join();
  }
  if (post_started) {
    pthread_mutex_lock(&post_lock);
    post_stop = true;
    pthread_cond_signal(&post_cond);
    pthread_mutex_unlock(&post_lock);
    pthread_join(post_thread, NULL);
    post_started = false;
  }
}
