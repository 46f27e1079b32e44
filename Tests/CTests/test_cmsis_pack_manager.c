/*
 * Exercises the C interface as a C program would, including error paths and
 * every free function. Run by scripts/test, also under valgrind.
 *
 *   test_cmsis_pack_manager <corpus folder>
 */
#define _DEFAULT_SOURCE
#include "cmsis_pack_manager.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int failures = 0;

#define CHECK(condition, ...)                                         \
    do {                                                              \
        if (!(condition)) {                                           \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);      \
            fprintf(stderr, __VA_ARGS__);                             \
            fprintf(stderr, "\n");                                    \
            failures++;                                               \
        }                                                             \
    } while (0)

static char *read_file(const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    size_t got = fread(text, 1, (size_t)size, file);
    text[got] = 0;
    fclose(file);
    return text;
}

static void write_file(const char *path, const char *text) {
    FILE *file = fopen(path, "wb");
    fputs(text, file);
    fclose(file);
}

static void copy_file(const char *from, const char *to) {
    FILE *in = fopen(from, "rb");
    FILE *out = fopen(to, "wb");
    char buffer[65536];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, in)) > 0) fwrite(buffer, 1, n, out);
    fclose(in);
    fclose(out);
}

/* Replaces the text of <url>…</url> (the first occurrence). */
static char *with_url(const char *text, const char *url) {
    const char *open = strstr(text, "<url>");
    const char *close = strstr(text, "</url>");
    size_t size = strlen(text) + strlen(url) + 1;
    char *result = malloc(size);
    size_t head = (size_t)(open - text) + 5;
    memcpy(result, text, head);
    strcpy(result + head, url);
    strcat(result, close);
    return result;
}

static int progress_calls = 0;
static uint64_t last_total = 0;

static void on_progress(void *user_data, const cpm_progress *progress) {
    int *marker = user_data;
    if (*marker != 42) failures++;
    if (progress->phase == NULL || progress->done > progress->total) failures++;
    progress_calls++;
    last_total = progress->total;
}

/* A loopback port that accepts connections (the kernel's backlog) and
 * never answers: a request to it waits until it is cancelled or times out. */
static int silent_server(int *port) {
    int server = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (server < 0 || bind(server, (struct sockaddr *)&address, length) != 0 || listen(server, 16) != 0 ||
        getsockname(server, (struct sockaddr *)&address, &length) != 0) {
        return -1;
    }
    *port = ntohs(address.sin_port);
    return server;
}

static double seconds_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* cpm_cli_main with standard output and error sent to files; returns the status. */
static int run_cli(int argc, const char *const *argv, const char *out_path, const char *err_path) {
    fflush(stdout);
    fflush(stderr);
    int saved_out = dup(1), saved_err = dup(2);
    int out = open(out_path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    int err = open(err_path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    dup2(out, 1);
    dup2(err, 2);
    int status = cpm_cli_main(argc, argv);
    fflush(stderr);
    dup2(saved_out, 1);
    dup2(saved_err, 2);
    close(out);
    close(err);
    close(saved_out);
    close(saved_err);
    return status;
}

/* Cancels the cache's operations from another thread, 0.3 s after it starts. */
/* Set when the cancelled call has returned. A cancel that arrives before
 * the update has started is dropped by design (see the check below), and on
 * a slow machine (valgrind) the start can take longer than any fixed wait,
 * so the canceller repeats until the call returns. */
static atomic_int cancelled_call_returned;

static void *cancel_later(void *cache) {
    usleep(300000);
    while (!atomic_load(&cancelled_call_returned)) {
        cpm_cache_cancel(cache);
        usleep(100000);
    }
    return NULL;
}

/* Eight threads at once (the header's "Threads"): each runs an update on a
 * cpm_cache, the shared one or its own. */
#define THREADS 8

struct update_job {
    cpm_cache *shared;     /* NULL: the thread makes a cpm_cache of its own */
    char folder[600];
    const char *const *urls;
    int status;
    char *report;
};

static void *update_in_thread(void *argument) {
    struct update_job *job = argument;
    cpm_cache *own = job->shared ? NULL : cpm_cache_new(job->folder, job->folder, NULL);
    job->report = NULL;
    job->status = cpm_cache_descriptors(job->shared ? job->shared : own, job->urls, 1, NULL, NULL, &job->report);
    cpm_cache_free(own);
    return NULL;
}

/* Runs THREADS updates at once, on `folder` (same_folder) or on folder-0 ...
 * folder-7, and checks the reports: on one folder the updates ran one at a
 * time, so one stored the description and the others found it unchanged;
 * on separate folders each stored it. */
static void updates_in_threads(cpm_cache *shared, const char *folder, int same_folder, const char *const *urls,
                               const char *label) {
    struct update_job jobs[THREADS];
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i].shared = shared;
        jobs[i].urls = urls;
        if (same_folder) snprintf(jobs[i].folder, sizeof jobs[i].folder, "%s", folder);
        else snprintf(jobs[i].folder, sizeof jobs[i].folder, "%s-%d", folder, i);
    }
    for (int i = 0; i < THREADS; i++) pthread_create(&threads[i], NULL, update_in_thread, &jobs[i]);
    for (int i = 0; i < THREADS; i++) pthread_join(threads[i], NULL);
    int stored = 0, unchanged = 0;
    for (int i = 0; i < THREADS; i++) {
        CHECK(jobs[i].status == 0, "%s: thread %d status %d: %s", label, i, jobs[i].status, jobs[i].report ? jobs[i].report : "");
        if (jobs[i].report && strstr(jobs[i].report, "\"new\": [\n  \"MyVendor.MyPack\"\n ]")) stored++;
        if (jobs[i].report && strstr(jobs[i].report, "\"unchanged\": 1")) unchanged++;
        cpm_string_free(jobs[i].report);
    }
    if (same_folder) CHECK(stored == 1 && unchanged == THREADS - 1, "%s: %d stored, %d unchanged", label, stored, unchanged);
    else CHECK(stored == THREADS, "%s: %d of %d stored", label, stored, THREADS);
    printf("C interface: %d updates in %d threads, %s: passed\n", THREADS, THREADS, label);
}

/* A hang guard, not a speed check: threads stuck in the library cannot be
 * ended from inside the process. */
static void hung(int signal_number) {
    (void)signal_number;
    static const char message[] = "FAIL: the threads did not end within 10 minutes (a hang)\n";
    if (write(2, message, sizeof message - 1) < 0) _exit(1);
    _exit(1);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s <corpus folder>\n", argv[0]);
        return 2;
    }
    const char *corpus = argv[1];
    setenv("no_proxy", "127.0.0.1,localhost", 1);
    char root[] = "/tmp/cpm-c-test-XXXXXX";
    if (!mkdtemp(root)) return 2;
    char data[512], www[512], path[1024], url[1024];
    snprintf(data, sizeof data, "%s/data", root);
    snprintf(www, sizeof www, "%s/www", root);
    mkdir(www, 0755);

    CHECK(strcmp(cpm_version(), "0.7.0") == 0, "version %s", cpm_version());
    char *no_error = cpm_last_error();
    CHECK(no_error == NULL, "no error yet");
    cpm_string_free(no_error);
    cpm_string_free(NULL);

    /* The index folder follows a data folder given alone (never the default
     * index folder: see "Where files go" in README). */
    cpm_cache *defaults = cpm_cache_new(data, NULL, NULL);
    CHECK(strcmp(cpm_cache_json_path(defaults), data) == 0, "json path follows data: %s", cpm_cache_json_path(defaults));
    cpm_cache_free(defaults);

    cpm_cache *cache = cpm_cache_new(data, data, NULL);
    CHECK(cache != NULL, "cache");
    CHECK(strcmp(cpm_cache_data_path(cache), data) == 0, "data path %s", cpm_cache_data_path(cache));
    CHECK(strcmp(cpm_cache_json_path(cache), data) == 0, "json path");

    /* Errors come back as -1/NULL with a message. */
    char *missing = cpm_device_json(cache, "NoSuchDevice");
    CHECK(missing == NULL, "missing device");
    char *message = cpm_last_error();
    CHECK(message && strstr(message, "no device named 'NoSuchDevice'"), "error message: %s", message ? message : "(null)");
    cpm_string_free(message);
    CHECK(cpm_cache_configure(cache, "colour", "blue") == -1, "unknown option");
    message = cpm_last_error();
    CHECK(message && strstr(message, "colour"), "configure error");
    cpm_string_free(message);
    CHECK(cpm_cache_configure(cache, "attempts", "2") == 0, "configure attempts");
    CHECK(cpm_cache_configure(cache, "timeout", "5") == 0, "configure timeout");

    /* add-packs: a description and a pack file. */
    char pdsc_path[1024], pack_path[1024];
    snprintf(pdsc_path, sizeof pdsc_path, "%s/pdsc/WestBerry.WB32F10x_DFP.pdsc", corpus);
    snprintf(pack_path, sizeof pack_path, "%s/packs/NXP.MK64F12_DFP.11.0.0.pack", corpus);
    const char *paths[] = {pdsc_path, pack_path, "/nonexistent/file.pdsc"};
    char *report = NULL;
    int status = cpm_add_packs(cache, paths, 3, &report);
    CHECK(status == 1, "add_packs status %d (one path is missing)", status);
    CHECK(report && strstr(report, "WestBerry.WB32F10x_DFP.0.1.0") && strstr(report, "nonexistent"), "add report: %s", report);
    cpm_string_free(report);

    char *device = cpm_device_json(cache, "WB32F103CB");
    CHECK(device && strstr(device, "\"name\": \"WB32F103CB\"") && strstr(device, "\"core\": \"CortexM3\""), "device json");
    cpm_string_free(device);
    device = cpm_device_json(cache, "MK64FN1M0VLL12");
    CHECK(device != NULL, "device from the .pack");
    cpm_string_free(device);

    /* The command line inside the library: it returns its status instead of ending the process. */
    char out_path[600], err_path[600];
    snprintf(out_path, sizeof out_path, "%s/cli.out", root);
    snprintf(err_path, sizeof err_path, "%s/cli.err", root);
    const char *version_argv[] = {"pack-manager", "--version"};
    CHECK(run_cli(2, version_argv, out_path, err_path) == 0, "cli --version status");
    char *output = read_file(out_path);
    CHECK(output && strcmp(output, "0.7.0\n") == 0, "cli --version output: %s", output ? output : "(null)");
    free(output);
    const char *find_argv[] = {"pack-manager", "find-part", "--json-path", data, "--data-path", data, "wb32f103"};
    CHECK(run_cli(7, find_argv, out_path, err_path) == 0, "cli find-part status");
    output = read_file(out_path);
    CHECK(output && strstr(output, "- WB32F103CB\n"), "cli find-part output: %s", output ? output : "(null)");
    free(output);
    const char *usage_argv[] = {"pack-manager", "find-part", "--no-such-option", "x"};
    CHECK(run_cli(4, usage_argv, out_path, err_path) == 2, "cli usage error status");
    output = read_file(err_path);
    CHECK(output && strstr(output, "--no-such-option"), "cli usage error message: %s", output ? output : "(null)");
    free(output);

    /* Flash algorithms: bad input gives NULL and a reason naming the file (the
     * valid files are compared with pyOCD by python/tests/test_flash_algo.py). */
    const unsigned char junk[] = "not an ELF file";
    char *algorithm = cpm_flash_algorithm_json(junk, sizeof junk, "junk.FLM");
    CHECK(algorithm == NULL, "junk parsed");
    message = cpm_last_error();
    CHECK(message && strncmp(message, "junk.FLM: not an ELF file", 25) == 0, "junk error: %s", message ? message : "(null)");
    cpm_string_free(message);
    CHECK(cpm_flash_algorithm_json(NULL, 0, NULL) == NULL, "nothing parsed");
    message = cpm_last_error();
    CHECK(message && strstr(message, "flash algorithm: not an ELF file"), "empty error: %s", message ? message : "(null)");
    cpm_string_free(message);
    CHECK(cpm_flash_algorithm_json(NULL, 10, "x.FLM") == NULL, "NULL bytes parsed");
    CHECK(cpm_flash_algorithm_pyocd_json(junk, (size_t)1 << 40, "huge.FLM", 0x20000000, 0x1000, 0) == NULL, "huge parsed");
    message = cpm_last_error();
    CHECK(message && strstr(message, "huge.FLM: 1099511627776 bytes, larger than any flash algorithm"), "huge error: %s", message ? message : "(null)");
    cpm_string_free(message);

    /* A local pack world: an index, a description whose <url> is the folder, and the pack. */
    char *original = NULL;
    snprintf(path, sizeof path, "%s/packs/upstream-test-pack-index/MyVendor.MyPack.pdsc", corpus);
    original = read_file(path);
    CHECK(original != NULL, "read %s", path);
    snprintf(url, sizeof url, "file://%s/", www);
    char *description = with_url(original, url);
    snprintf(path, sizeof path, "%s/MyVendor.MyPack.pdsc", www);
    write_file(path, description);
    free(description);
    free(original);
    snprintf(path, sizeof path, "%s/packs/upstream-test-pack-index/MyVendor.MyPack.1.1.0.pack", corpus);
    char target[1024];
    snprintf(target, sizeof target, "%s/MyVendor.MyPack.1.1.0.pack", www);
    copy_file(path, target);
    snprintf(path, sizeof path, "%s/index.pidx", www);
    write_file(path,
               "<?xml version=\"1.0\"?>\n<index schemaVersion=\"1.1.0\"><vendor>T</vendor><url>./</url><pindex>\n"
               "<pdsc url=\"./\" vendor=\"MyVendor\" name=\"MyPack\" version=\"1.1.0\"/>\n</pindex></index>\n");
    char index_url[1024];
    snprintf(index_url, sizeof index_url, "file://%s/index.pidx", www);
    const char *urls[] = {index_url};

    int marker = 42;
    report = NULL;
    status = cpm_cache_descriptors(cache, urls, 1, on_progress, &marker, &report);
    CHECK(status == 0, "descriptors status %d: %s", status, report ? report : "");
    CHECK(report && strstr(report, "\"new\": [\n  \"MyVendor.MyPack\"\n ]"), "descriptors report: %s", report);
    CHECK(progress_calls > 0 && last_total >= 1, "progress callback called %d times", progress_calls);
    cpm_string_free(report);
    device = cpm_device_json(cache, "MyDevice");
    CHECK(device && strstr(device, "\"pack\": \"MyPack\""), "MyDevice");
    cpm_string_free(device);

    /* Packs by reference. */
    const char *packs[] = {"MyVendor.MyPack.1.1.0", "not a reference", "Other.Pack.1.0.0"};
    report = NULL;
    status = cpm_download_packs(cache, packs, 3, NULL, NULL, &report);
    CHECK(status == 1, "download status %d", status);
    CHECK(report && strstr(report, "\"packs_downloaded\": [\n  \"MyVendor.MyPack.1.1.0\"") && strstr(report, "not a pack reference"),
          "download report: %s", report);
    cpm_string_free(report);
    snprintf(path, sizeof path, "%s/MyVendor/MyPack/1.1.0.pack", data);
    CHECK(access(path, R_OK) == 0, "pack stored at %s", path);

    /* The polling form of the update. */
    cpm_task *task = cpm_task_start_update(cache, urls, 1, 0);
    CHECK(task != NULL, "task");
    cpm_progress progress;
    int polls = 0;
    while (!cpm_task_poll(task, &progress) && polls < 2000) {
        usleep(10000);
        polls++;
    }
    report = NULL;
    status = cpm_task_finish(task, &report);
    CHECK(status == 0, "task status %d", status);
    CHECK(report && strstr(report, "\"unchanged\": 1"), "task report: %s", report);
    cpm_string_free(report);
    cpm_task_free(task);

    /* Cancelling: an update waiting on a server that never answers stops
     * with CPM_CANCELLED (not after the 5 s read time-out set above, which
     * would give 1) and leaves the index as it was. */
    int port = 0;
    int server = silent_server(&port);
    CHECK(server >= 0, "silent server");
    char silent_url[128];
    snprintf(silent_url, sizeof silent_url, "http://127.0.0.1:%d/index.pidx", port);
    const char *silent[] = {silent_url};
    snprintf(path, sizeof path, "%s/index.json", data);
    char *index_before = read_file(path);
    cpm_cache_cancel(cache); /* nothing runs: no effect on what follows */
    pthread_t canceller;
    pthread_create(&canceller, NULL, cancel_later, cache);
    double started = seconds_now();
    report = NULL;
    status = cpm_cache_descriptors(cache, silent, 1, NULL, NULL, &report);
    double elapsed = seconds_now() - started;
    atomic_store(&cancelled_call_returned, 1);
    pthread_join(canceller, NULL);
    CHECK(status == CPM_CANCELLED, "cancelled update status %d", status);
    message = cpm_last_error();
    CHECK(message && strstr(message, "cancelled"), "cancel error: %s", message ? message : "(null)");
    cpm_string_free(message);
    cpm_string_free(report);
    char *index_after = read_file(path);
    CHECK(index_before && index_after && strcmp(index_before, index_after) == 0, "index unchanged by a cancelled update");
    free(index_before);
    free(index_after);
    printf("C interface: cancelled update returned %.2f s after it started (cancels sent from 0.30 s on, every 0.1 s)\n", elapsed);

    /* The same for a task, cancelled by cpm_task_cancel(). */
    task = cpm_task_start_update(cache, silent, 1, 0);
    CHECK(task != NULL, "task to cancel");
    usleep(100000);
    CHECK(cpm_task_poll(task, NULL) == 0, "the task waits for the silent server");
    cpm_task_cancel(task);
    report = NULL;
    status = cpm_task_finish(task, &report);
    CHECK(status == CPM_CANCELLED, "cancelled task status %d", status);
    cpm_string_free(report);
    cpm_task_free(task);
    close(server);

    /* An index that does not exist: -1 is not used, 1 with a report naming it. */
    const char *bad[] = {"file:///nonexistent/index.pidx"};
    report = NULL;
    status = cpm_cache_descriptors(cache, bad, 1, NULL, NULL, &report);
    CHECK(status == 1, "bad index status %d", status);
    message = cpm_last_error();
    CHECK(message && strstr(message, "/nonexistent/index.pidx"), "bad index error: %s", message ? message : "(null)");
    cpm_string_free(message);
    cpm_string_free(report);

    /* Threads: one shared cpm_cache on one folder, a cpm_cache each on one
     * folder, and a cpm_cache each on eight folders. */
    signal(SIGALRM, hung);
    alarm(600);
    char threads_folder[600];
    snprintf(threads_folder, sizeof threads_folder, "%s/threads-shared", root);
    cpm_cache *shared = cpm_cache_new(threads_folder, threads_folder, NULL);
    updates_in_threads(shared, threads_folder, 1, urls, "one shared cache, one folder");
    cpm_cache_free(shared);
    snprintf(threads_folder, sizeof threads_folder, "%s/threads-each", root);
    updates_in_threads(NULL, threads_folder, 1, urls, "a cache each, one folder");
    snprintf(threads_folder, sizeof threads_folder, "%s/threads", root);
    updates_in_threads(NULL, threads_folder, 0, urls, "a cache each, eight folders");
    alarm(0);

    CHECK(cpm_cache_clean(cache) == 0, "clean");
    snprintf(path, sizeof path, "%s/index.json", data);
    CHECK(access(path, F_OK) != 0, "index removed by clean");
    cpm_cache_free(cache);
    cpm_cache_free(NULL);

    char command[600];
    snprintf(command, sizeof command, "rm -rf '%s'", root);
    if (system(command) != 0) fprintf(stderr, "could not remove %s\n", root);
    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("C interface: all checks passed\n");
    return 0;
}
