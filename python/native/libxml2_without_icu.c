/*
 * The wheel links Debian's static libxml2 (libxml2.a from libxml2-dev), which
 * was built with ICU: libxml2 reads UTF-8, UTF-16, ISO-8859-1 and ASCII
 * itself, asks the C library's iconv for any other encoding, and asks ICU
 * only when iconv does not know the name either. Linking ICU for that last
 * resort would add its 31 MB data library to a wheel whose input (pack
 * descriptions and indexes) is UTF-8, ASCII or Latin-1. These definitions
 * take ICU's place: every ICU converter is unavailable, so a document in an
 * encoding that neither libxml2 nor iconv knows gets libxml2's "unsupported
 * encoding" error, naming the file (python/tests/test_wheel.py checks it).
 *
 * ICU renames its functions with its major version (ucnv_open_72); the build
 * passes that suffix as ICU_SUFFIX, read from the undefined symbols of
 * libxml2.a (python/native_build.py).
 */
#include <stddef.h>

#ifndef ICU_SUFFIX
#error "define ICU_SUFFIX as the ICU version suffix of libxml2.a's symbols, e.g. _72"
#endif

#define CONCATENATE(name, suffix) name##suffix
#define VERSIONED(name, suffix) CONCATENATE(name, suffix)
#define ICU(name) VERSIONED(name, ICU_SUFFIX)

typedef int UErrorCode;
typedef struct UConverter UConverter;

/* U_MISSING_RESOURCE_ERROR: what ICU reports for a converter it has no data for. */
enum { missingResource = 2 };

static void fail(UErrorCode *error) {
    if (error != NULL && *error <= 0) *error = missingResource;
}

UConverter *ICU(ucnv_open)(const char *name, UErrorCode *error) {
    (void)name;
    fail(error);
    return NULL;
}

void ICU(ucnv_close)(UConverter *converter) {
    (void)converter;
}

/* libxml2 calls the following only on a converter ucnv_open returned, which
 * never happens; they fail like ICU would without data. */
void ICU(ucnv_setToUCallBack)(UConverter *converter, const void *action, const void *context,
                              const void **oldAction, const void **oldContext, UErrorCode *error) {
    (void)converter, (void)action, (void)context, (void)oldAction, (void)oldContext;
    fail(error);
}

void ICU(ucnv_setFromUCallBack)(UConverter *converter, const void *action, const void *context,
                                const void **oldAction, const void **oldContext, UErrorCode *error) {
    (void)converter, (void)action, (void)context, (void)oldAction, (void)oldContext;
    fail(error);
}

void ICU(ucnv_convertEx)(UConverter *target, UConverter *source, char **targetText, const char *targetLimit,
                         const char **sourceText, const char *sourceLimit, void *pivotStart, void **pivotSource,
                         void **pivotTarget, const void *pivotLimit, signed char reset, signed char flush,
                         UErrorCode *error) {
    (void)target, (void)source, (void)targetText, (void)targetLimit, (void)sourceText, (void)sourceLimit;
    (void)pivotStart, (void)pivotSource, (void)pivotTarget, (void)pivotLimit, (void)reset, (void)flush;
    fail(error);
}

/* libxml2 passes the address of these callbacks to the two functions above. */
void ICU(UCNV_TO_U_CALLBACK_STOP)(void) {}
void ICU(UCNV_FROM_U_CALLBACK_STOP)(void) {}
