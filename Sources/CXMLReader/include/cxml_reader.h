// A thin SAX front end over libxml2 for the Swift core.
//
// Why C: libxml2's structured-error callback changed its signature between
// releases (xmlErrorPtr vs const xmlError *), and entity declarations must be
// refused from inside the parser. Keeping that here gives Swift one stable,
// version-independent entry point.
#ifndef CXML_READER_H
#define CXML_READER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Called for every start tag; `namespace_uri` is NULL for elements in no
/// namespace (all PDSC elements). `attributes` holds `attribute_count` groups of
/// five pointers, as libxml2's SAX2 gives them: local name, prefix, URI,
/// value start, value end (the value is not NUL-terminated).
typedef void (*cxml_start_element_fn)(void *context, const unsigned char *name,
                                      const unsigned char *namespace_uri,
                                      int attribute_count,
                                      const unsigned char **attributes, int line);
typedef void (*cxml_end_element_fn)(void *context);
typedef void (*cxml_characters_fn)(void *context, const unsigned char *text, int length);

typedef struct cxml_handler {
    void *context;
    cxml_start_element_fn start_element;
    cxml_end_element_fn end_element;
    cxml_characters_fn characters;
} cxml_handler;

/// Elements nested deeper than this are refused: a pack description needs
/// fewer than 20 levels, and the Swift side walks trees by recursion, so a
/// hostile document must not reach it.
#define CXML_MAX_DEPTH 256

typedef struct cxml_result {
    /// 1 when the document is well-formed and nothing was refused.
    int ok;
    /// 1 when the document declared entities (refused to prevent external
    /// entity reads and expansion bombs).
    int refused_entities;
    /// 1 when elements were nested deeper than CXML_MAX_DEPTH.
    int refused_depth;
    int line;
    int column;
    /// libxml2's error code (xmlParserErrors), 0 when none was reported.
    int code;
    char message[512];
} cxml_result;

/// Parses `length` bytes. Never reads the network or external files, never
/// expands user-defined entities. Thread-safe (one call per thread at a time).
void cxml_parse(const cxml_handler *handler, const char *bytes, size_t length,
                const char *document_name, cxml_result *result);

#ifdef __cplusplus
}
#endif

#endif
