#ifndef CFILESYSTEM_H
#define CFILESYSTEM_H
// Constants the Swift overlay of glibc does not export.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>

/// O_TMPFILE where the system has it (Linux), else 0: an unnamed file in a
/// folder, linked to a name only once it is complete.
static inline int cfs_o_tmpfile(void) {
#ifdef O_TMPFILE
    return O_TMPFILE;
#else
    return 0;
#endif
}
#endif
