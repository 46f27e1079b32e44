// XML Schema validation with libxml2 for the `check` command.
//
// Why C: the structured-error callback type differs between libxml2
// releases (xmlErrorPtr vs const xmlError *), and the safety settings (no
// network, no entity declarations) belong next to the parser calls.
#ifndef CXML_SCHEMA_H
#define CXML_SCHEMA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A compiled schema; read-only once loaded, so one may serve several
/// validations at a time (each call makes its own validation context).
typedef struct cxml_schema cxml_schema;

/// Receives each problem: `is_error` is 0 for warnings; `line` and `column`
/// are 0 when unknown; `message` has no trailing newline.
typedef void (*cxml_schema_report_fn)(void *context, int is_error, int line, int column,
                                      const char *message);

/// Reads and compiles the schema at `path` (a local file: network access is
/// refused, and so is a schema that declares entities). NULL on failure,
/// after reporting the reasons.
cxml_schema *cxml_schema_load(const char *path, cxml_schema_report_fn report, void *context);

void cxml_schema_free(cxml_schema *schema);

/// Validates `length` bytes against the schema, reporting every problem.
/// Returns 0 when the document is valid, 1 when it is not, -1 when it could
/// not be read as XML or declares entities (refused), -2 on an internal failure.
int cxml_schema_validate(const cxml_schema *schema, const char *bytes, size_t length,
                         const char *document_name, cxml_schema_report_fn report, void *context);

#ifdef __cplusplus
}
#endif

#endif
