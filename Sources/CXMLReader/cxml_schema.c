#include "cxml_schema.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cxml_schema {
    xmlSchemaPtr schema;
};

typedef struct report_state {
    cxml_schema_report_fn report;
    void *context;
    xmlParserCtxtPtr parser;
    int refused;
} report_state;

static pthread_once_t schema_once = PTHREAD_ONCE_INIT;

static void init_schema_support(void) {
    xmlInitParser();
    // Schemas may include or import other schema files; libxml2 loads those
    // itself. This loader refuses http:// and ftp:// for every such load.
    xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
}

static void on_silent_generic(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

static void report_problem(report_state *state, int is_error, int line, int column, const char *text) {
    char message[1024];
    snprintf(message, sizeof(message), "%s", text ? text : "XML schema error");
    // libxml2 messages end with a newline; the caller prints one line.
    size_t n = strlen(message);
    while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == ' ')) message[--n] = '\0';
    state->report(state->context, is_error, line, column, message);
}

static void on_structured_error(void *user_data, const xmlError *error) {
    report_state *state = (report_state *)user_data;
    if (state == NULL || error == NULL || error->level == XML_ERR_NONE) return;
    // Namespace warnings (an undeclared xs: prefix, say) say nothing about validity.
    if (error->domain == XML_FROM_NAMESPACE && error->level != XML_ERR_FATAL) return;
    // After a refused entity declaration the parser reports the consequences; the refusal says it all.
    if (state->refused) return;
    report_problem(state, error->level != XML_ERR_WARNING, error->line, error->int2, error->message);
}

static void on_entity_declaration(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                                  const xmlChar *system_id, xmlChar *content) {
    (void)type; (void)public_id; (void)system_id; (void)content;
    xmlParserCtxtPtr parser = (xmlParserCtxtPtr)ctx;
    report_state *state = (report_state *)parser->_private;
    char text[300];
    snprintf(text, sizeof(text),
             "entity declaration '%s' refused: pack files must not declare entities",
             name ? (const char *)name : "?");
    report_problem(state, 1, xmlSAX2GetLineNumber(parser), xmlSAX2GetColumnNumber(parser), text);
    state->refused = 1;
    xmlStopParser(parser);
}

/// The SAX handlers call serror with the parser's userData; the schema
/// functions call it with the pointer given. Both must reach the state.
static void on_parser_error(void *user_data, const xmlError *error) {
    xmlParserCtxtPtr parser = (xmlParserCtxtPtr)user_data;
    on_structured_error(parser ? parser->_private : NULL, error);
}

/// Parses a document (the file at `path`, else `length` bytes) with no network access, no external DTD, no entity
/// substitution, and entity declarations refused. NULL when unusable.
static xmlDocPtr read_document(report_state *state, const char *bytes, size_t length, const char *path,
                               const char *name) {
    xmlParserCtxtPtr parser = xmlNewParserCtxt();
    if (parser == NULL) {
        report_problem(state, 1, 0, 0, "cannot create an XML parser");
        return NULL;
    }
    state->parser = parser;
    parser->_private = state;
    parser->sax->entityDecl = on_entity_declaration;
    // libxml2 calls serror with the parser's userData, which is the parser itself.
    parser->sax->serror = (xmlStructuredErrorFunc)on_parser_error;
    parser->sax->error = NULL;
    parser->sax->warning = NULL;
    xmlSetGenericErrorFunc(NULL, on_silent_generic);

    // BIG_LINES: line numbers past 65535 stay exact (large device packs).
    int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES;
    xmlDocPtr document;
    if (path != NULL) {
        document = xmlCtxtReadFile(parser, path, NULL, options);
    } else {
        document = xmlCtxtReadMemory(parser, bytes != NULL ? bytes : "", (int)length, name, NULL, options);
    }
    int well_formed = parser->wellFormed;
    xmlFreeParserCtxt(parser);
    state->parser = NULL;
    if (document != NULL && (!well_formed || state->refused)) {
        xmlFreeDoc(document);
        document = NULL;
    }
    if (document == NULL && !state->refused && well_formed) {
        report_problem(state, 1, 0, 0, "document could not be read");
    }
    return document;
}

cxml_schema *cxml_schema_load(const char *path, cxml_schema_report_fn report, void *context) {
    pthread_once(&schema_once, init_schema_support);
    report_state state = { report, context, NULL, 0 };
    xmlDocPtr document = read_document(&state, NULL, 0, path, path);
    if (document == NULL) return NULL;

    xmlSchemaParserCtxtPtr parser = xmlSchemaNewDocParserCtxt(document);
    if (parser == NULL) {
        xmlFreeDoc(document);
        report_problem(&state, 1, 0, 0, "cannot create a schema parser");
        return NULL;
    }
    xmlSchemaSetParserStructuredErrors(parser, (xmlStructuredErrorFunc)on_structured_error, &state);
    xmlSchemaPtr schema = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
    // The compiled schema keeps no pointer into the document it came from.
    xmlFreeDoc(document);
    if (schema == NULL) return NULL;

    cxml_schema *result = (cxml_schema *)calloc(1, sizeof(cxml_schema));
    if (result == NULL) {
        xmlSchemaFree(schema);
        return NULL;
    }
    result->schema = schema;
    return result;
}

void cxml_schema_free(cxml_schema *schema) {
    if (schema == NULL) return;
    xmlSchemaFree(schema->schema);
    free(schema);
}

int cxml_schema_validate(const cxml_schema *schema, const char *bytes, size_t length,
                         const char *document_name, cxml_schema_report_fn report, void *context) {
    pthread_once(&schema_once, init_schema_support);
    report_state state = { report, context, NULL, 0 };
    if (length > (size_t)0x7fffffff) {
        report_problem(&state, 1, 0, 0, "document larger than 2 GiB");
        return -1;
    }
    xmlDocPtr document = read_document(&state, bytes, length, NULL, document_name);
    if (document == NULL) return -1;

    xmlSchemaValidCtxtPtr validation = xmlSchemaNewValidCtxt(schema->schema);
    if (validation == NULL) {
        xmlFreeDoc(document);
        report_problem(&state, 1, 0, 0, "cannot create a schema validation context");
        return -2;
    }
    xmlSchemaSetValidStructuredErrors(validation, (xmlStructuredErrorFunc)on_structured_error, &state);
    int status = xmlSchemaValidateDoc(validation, document);
    xmlSchemaFreeValidCtxt(validation);
    xmlFreeDoc(document);
    if (status < 0) return -2;
    return status == 0 ? 0 : 1;
}
