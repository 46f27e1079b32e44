/*
 * cmsis_pack_manager.h: the C interface of cmsis-pack-manager in Swift
 * (libcmsis_pack_manager.so, built with `swift build -c release --product cmsis_pack_manager`).
 *
 * Ownership, in one rule: every `char *` the library returns (through a
 * return value or a `char **` out-parameter) is the caller's and is released
 * with cpm_string_free(). `const char *` results belong to the library and
 * stay valid as stated next to each function. A cpm_cache is released with
 * cpm_cache_free(), a cpm_task with cpm_task_free(). Strings passed in are
 * read during the call only.
 *
 * Errors: functions that can fail return -1 (or NULL); cpm_last_error() then
 * gives the reason for the calling thread. Operations that ran but could not
 * do everything (a pack that failed to download) return 1 and describe each
 * failure in their JSON report.
 *
 * Threads: any number of threads may call the library at once, on one
 * cpm_cache or on many. Operations that write a folder (cpm_cache_descriptors,
 * cpm_cache_everything, cpm_download_packs, cpm_add_packs, cpm_cache_clean and
 * the tasks) run one at a time on that folder, in the order they were
 * called, whichever cpm_cache they came through; operations on different
 * folders run at once. A call waiting for its turn holds only its own
 * thread, and cpm_cache_cancel() ends the wait. Another process on the same
 * folder is waited for too (its lock is looked at every 50 ms). Reads
 * (cpm_device_json) never wait: index.json is replaced whole. The blocking
 * operations call the progress callback on the calling thread, about ten
 * times a second and once at the end. cpm_cache_configure() applies to the
 * operations that start after it. Free a cpm_cache only when no call on it
 * runs.
 */
#ifndef CMSIS_PACK_MANAGER_H
#define CMSIS_PACK_MANAGER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version ("0.7.0"). Static; never freed. */
const char *cpm_version(void);

/* Frees a string returned by this library. NULL is allowed. */
void cpm_string_free(char *string);

/* The last error of the calling thread, or NULL when there was none.
 * The caller owns the copy: free it with cpm_string_free(). */
char *cpm_last_error(void);

/* ------------------------------------------------------------------------ */
/* The cache: where pack descriptions, packs and the index live. */

typedef struct cpm_cache cpm_cache;

/* Any argument may be NULL for the default (as the reference: the user data
 * folder of "cmsis-pack-manager", or $CMSIS_PACK_MANAGER_DATA_PATH etc.); a
 * NULL json_path with a data_path given puts the index in data_path.
 * vidx_list is the file of index URLs; as in the reference, an update creates
 * it with Keil's index URL when it does not exist. Returns NULL only when out
 * of memory. Free with cpm_cache_free(). */
cpm_cache *cpm_cache_new(const char *data_path, const char *json_path, const char *vidx_list);
void cpm_cache_free(cpm_cache *cache);

/* Sets a download option: "timeout" (seconds), "min-speed" (bytes/s, 0 for
 * none), "concurrency", "per-host" (HTTP/1.1 connections per host, default 6),
 * "http2-streams" (requests per HTTP/2 connection, default 100), "http1" (1:
 * no HTTP/2), "attempts", "speed-window" (seconds), "rate-limit-pause"
 * (seconds after a burst of HTTP 403), "revalidate" (1: ask about every
 * description held, not only those the index lists at a new version) or
 * "cacert" (a PEM file or folder of CA certificates trusted instead of
 * $REQUESTS_CA_BUNDLE, $CURL_CA_BUNDLE, $SSL_CERT_FILE/$SSL_CERT_DIR or the
 * system's store; "" for the default). Returns 0, or -1 for an unknown
 * option or invalid value. */
int cpm_cache_configure(cpm_cache *cache, const char *option, const char *value);

/* The resolved folders. Owned by the cache; valid until cpm_cache_free(). */
const char *cpm_cache_data_path(const cpm_cache *cache);
const char *cpm_cache_json_path(const cpm_cache *cache);

/* ------------------------------------------------------------------------ */
/* Progress of a running operation. The strings are owned by the library and
 * valid only during the callback (or until the next cpm_task_poll()). */

typedef struct cpm_progress {
    const char *phase;   /* "indexes", "descriptors" or "packs" */
    uint64_t done;       /* files finished in this phase */
    uint64_t total;      /* files in this phase */
    uint64_t failed;     /* of `done`, how many failed */
    uint64_t bytes;      /* bytes received in this phase */
} cpm_progress;

typedef void (*cpm_progress_callback)(void *user_data, const cpm_progress *progress);

/* ------------------------------------------------------------------------ */
/* Blocking operations. `callback` may be NULL. `report_json` may be NULL;
 * otherwise it receives a JSON object describing what happened (owned by the
 * caller, free with cpm_string_free()). Return 0 when everything succeeded,
 * 1 when something could not be done (see the report), -1 on an error that
 * stopped the operation (see cpm_last_error()), CPM_CANCELLED when
 * cpm_cache_cancel() stopped it. */

#define CPM_CANCELLED (-2)

/* Fetches every pack description listed by the indexes (index_urls, or when
 * url_count is 0 the vendor list) and updates index.json and aliases.json. */
int cpm_cache_descriptors(cpm_cache *cache, const char *const *index_urls, size_t url_count,
                          cpm_progress_callback callback, void *user_data, char **report_json);

/* The same, then downloads every listed pack. */
int cpm_cache_everything(cpm_cache *cache, const char *const *index_urls, size_t url_count,
                         cpm_progress_callback callback, void *user_data, char **report_json);

/* Downloads packs named "Vendor.Name.version" (already in the device index,
 * e.g. from a device's from_pack) into <data>/<Vendor>/<Name>/<version>.pack. */
int cpm_download_packs(cpm_cache *cache, const char *const *packs, size_t pack_count,
                       cpm_progress_callback callback, void *user_data, char **report_json);

/* Reads .pdsc files, .pack files or folders of them and merges their devices
 * and boards into index.json and aliases.json. CPM_CANCELLED when
 * cpm_cache_cancel() stopped it while it waited for its turn. */
int cpm_add_packs(cpm_cache *cache, const char *const *paths, size_t path_count, char **report_json);

/* Removes what pack-manager put in the data and index folders, and each folder
 * when nothing else is left in it. A folder that is not pack-manager's (no
 * marker file and other files in it), "/", the home folder or a folder that
 * contains the default cache is refused before anything is deleted.
 * Returns 0, -1 on error (cpm_last_error() names the folder and why), or
 * CPM_CANCELLED when cpm_cache_cancel() stopped it while it waited for its
 * turn. */
int cpm_cache_clean(cpm_cache *cache);

/* Cancels what runs on this cache: the blocking operations (cpm_cache_descriptors,
 * cpm_cache_everything, cpm_download_packs, and cpm_add_packs and
 * cpm_cache_clean while they wait for their turn) in every thread, and the
 * tasks started on it. To cancel one operation only, give it a cpm_cache of
 * its own (cheap: cpm_cache_new does no I/O), or use a task. Returns at once; any thread may call it, also while no
 * operation runs (then it does nothing: it does not cancel a later one).
 * Transfers stop and the operation returns CPM_CANCELLED, usually within a
 * tenth of a second. A cancelled update of descriptions changes nothing: the
 * cached descriptions and the index stay as they were. A cancelled download
 * keeps the packs that had arrived complete; a pack cut off is not stored
 * (what arrived of it waits in <data>/.cpm/partial, to be resumed). An
 * operation that was already writing its result finishes normally. */
void cpm_cache_cancel(cpm_cache *cache);

/* One device's index entry as JSON (the object stored in index.json), or
 * NULL when there is no such device (cpm_last_error() says so). Free with
 * cpm_string_free(). */
char *cpm_device_json(cpm_cache *cache, const char *device_name);

/* ------------------------------------------------------------------------ */
/* The same update in the background, for callers that poll. */

typedef struct cpm_task cpm_task;

/* Starts cpm_cache_descriptors (everything = 0) or cpm_cache_everything
 * (everything = 1) on a background thread; its turn on the folder is taken
 * now. The cache must stay alive until cpm_task_finish(); the cpm_task_*
 * functions of one task are called from one thread at a time. Returns NULL
 * on error. */
cpm_task *cpm_task_start_update(cpm_cache *cache, const char *const *index_urls, size_t url_count, int everything);

/* Fills `progress` (may be NULL) and returns 1 when the task has finished,
 * 0 while it runs. */
int cpm_task_poll(cpm_task *task, cpm_progress *progress);

/* Cancels the task, as cpm_cache_cancel() does; returns at once. */
void cpm_task_cancel(cpm_task *task);

/* Waits for the task and returns its result, as the blocking operations do. */
int cpm_task_finish(cpm_task *task, char **report_json);

/* Frees a task (waiting for it first if it still runs). */
void cpm_task_free(cpm_task *task);

/* ------------------------------------------------------------------------ */
/* Flash algorithms (.FLM files). `bytes` is the file's content (read during
 * the call only); `name` names it in error messages (NULL: "flash algorithm").
 * Files over 16 MiB are refused. Both return NULL for a file that cannot be
 * used, with the reason in cpm_last_error(). */

/* The parsed algorithm as JSON: "device" (the FlashDevice description:
 * name, version, type, start, size, page_size, erased_value,
 * program_timeout_ms, erase_timeout_ms, sectors, sector_ranges),
 * "entry_points" (offsets of Init, UnInit, EraseChip, EraseSector,
 * ProgramPage, Verify, BlankCheck, those present), "code", "data",
 * "zero_initialized" ({start, size}), "static_base", "image" (base64: the
 * position-independent code and data a debugger loads) and "warnings". */
char *cpm_flash_algorithm_json(const uint8_t *bytes, size_t length, const char *name);

/* The algorithm placed in RAM [ram_start, ram_start + ram_size) as pyOCD
 * places it, with page buffers of buffer_size bytes (0: its page size):
 * pyOCD's FLASH_ALGO dictionary as JSON, keys as pyOCD names them. */
char *cpm_flash_algorithm_pyocd_json(const uint8_t *bytes, size_t length, const char *name,
                                     uint64_t ram_start, uint64_t ram_size, uint64_t buffer_size);

/* ------------------------------------------------------------------------ */
/* The command line. */

/* Runs the `pack-manager` program with argv[1..argc-1] (argv[0], the
 * program's name, is not parsed), as `pack-manager` would: it prints on
 * standard output and error, and returns the exit status (0, 1 when the
 * command failed, 2 for a usage error) instead of ending the process.
 * Blocks until the command ends; standard output is flushed. A program runs
 * one command at a time: the Python console script calls it in a child
 * process. */
int cpm_cli_main(int argc, const char *const *argv);

#ifdef __cplusplus
}
#endif

#endif
