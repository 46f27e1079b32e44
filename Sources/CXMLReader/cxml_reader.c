#include "cxml_reader.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

typedef struct parse_state {
    const cxml_handler *handler;
    xmlParserCtxtPtr parser;
    cxml_result *result;
    int has_message;
    int message_is_fatal;
    int depth;
} parse_state;

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static void init_libxml(void) { xmlInitParser(); }

static void record(parse_state *state, int fatal, int code, int line, int column, const char *text) {
    if (state->has_message && (state->message_is_fatal || !fatal)) return;
    cxml_result *result = state->result;
    snprintf(result->message, sizeof(result->message), "%s", text ? text : "XML error");
    // libxml2 messages end with a newline; the caller prints one line.
    size_t n = strlen(result->message);
    while (n > 0 && (result->message[n - 1] == '\n' || result->message[n - 1] == ' ')) {
        result->message[--n] = '\0';
    }
    result->line = line;
    result->code = code;
    result->column = column;
    state->has_message = 1;
    state->message_is_fatal = fatal;
}

static void on_structured_error(void *user_data, const xmlError *error) {
    parse_state *state = (parse_state *)user_data;
    if (state == NULL || error == NULL) return;
    if (error->level == XML_ERR_WARNING || error->level == XML_ERR_NONE) return;
    // Namespace errors (an undeclared xs: prefix, say) leave the document usable.
    if (error->domain == XML_FROM_NAMESPACE && error->level != XML_ERR_FATAL) return;
    record(state, error->level == XML_ERR_FATAL, error->code, error->line, error->int2, error->message);
}

static void on_silent_generic(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *uri, int namespace_count, const xmlChar **namespaces,
                     int attribute_count, int defaulted_count, const xmlChar **attributes) {
    (void)prefix; (void)namespace_count; (void)namespaces; (void)defaulted_count;
    parse_state *state = (parse_state *)ctx;
    if (++state->depth > CXML_MAX_DEPTH) {
        char text[200];
        snprintf(text, sizeof(text),
                 "elements nested deeper than %d levels (a pack description needs fewer than 20); refused",
                 CXML_MAX_DEPTH);
        state->has_message = 0;  // this reason replaces anything recorded before
        record(state, 1, 0, xmlSAX2GetLineNumber(state->parser), xmlSAX2GetColumnNumber(state->parser), text);
        state->result->refused_depth = 1;
        xmlStopParser(state->parser);
        return;
    }
    state->handler->start_element(state->handler->context, localname, uri, attribute_count,
                                  attributes, xmlSAX2GetLineNumber(state->parser));
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
    (void)localname; (void)prefix; (void)uri;
    parse_state *state = (parse_state *)ctx;
    state->depth--;
    state->handler->end_element(state->handler->context);
}

static void on_characters(void *ctx, const xmlChar *text, int length) {
    parse_state *state = (parse_state *)ctx;
    state->handler->characters(state->handler->context, text, length);
}

static void on_entity_declaration(void *ctx, const xmlChar *name, int type,
                                  const xmlChar *public_id, const xmlChar *system_id,
                                  xmlChar *content) {
    (void)type; (void)public_id; (void)system_id; (void)content;
    parse_state *state = (parse_state *)ctx;
    char text[300];
    snprintf(text, sizeof(text),
             "entity declaration '%s' refused: pack files must not declare entities "
             "(they could read local files or expand without limit)",
             name ? (const char *)name : "?");
    state->has_message = 0;  // this reason replaces anything recorded before
    record(state, 1, 0, xmlSAX2GetLineNumber(state->parser), xmlSAX2GetColumnNumber(state->parser), text);
    state->result->refused_entities = 1;
    xmlStopParser(state->parser);
}

void cxml_parse(const cxml_handler *handler, const char *bytes, size_t length,
                const char *document_name, cxml_result *result) {
    pthread_once(&init_once, init_libxml);
    memset(result, 0, sizeof(*result));

    if (length == 0) {
        snprintf(result->message, sizeof(result->message), "document is empty");
        result->line = 1;
        result->code = XML_ERR_DOCUMENT_EMPTY;
        return;
    }
    if (length > (size_t)0x7fffffff) {
        snprintf(result->message, sizeof(result->message), "document larger than 2 GiB");
        return;
    }

    parse_state state;
    memset(&state, 0, sizeof(state));
    state.handler = handler;
    state.result = result;

    xmlSAXHandler sax;
    memset(&sax, 0, sizeof(sax));
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_characters;
    sax.cdataBlock = on_characters;
    sax.entityDecl = on_entity_declaration;
    // The cast bridges libxml2 releases that differ only in const-ness here.
    sax.serror = (xmlStructuredErrorFunc)on_structured_error;

    xmlSetGenericErrorFunc(NULL, on_silent_generic);

    int head = length < 4 ? (int)length : 4;
    xmlParserCtxtPtr parser = xmlCreatePushParserCtxt(&sax, &state, bytes, head, document_name);
    if (parser == NULL) {
        snprintf(result->message, sizeof(result->message), "cannot create XML parser");
        return;
    }
    state.parser = parser;
    // No network and no external DTD (no externalSubset handler). NOENT only
    // makes attribute values carry decoded predefined entities ("&amp;" as
    // "&", not "&#38;"): every entity declaration is refused above, so no
    // user-defined entity can ever be substituted.
    xmlCtxtUseOptions(parser, XML_PARSE_NONET | XML_PARSE_NOENT);

    xmlParseChunk(parser, bytes + head, (int)(length - (size_t)head), 1);

    int well_formed = parser->wellFormed;
    if (well_formed && !result->refused_entities && !result->refused_depth) {
        result->ok = 1;
    } else if (!state.has_message) {
        snprintf(result->message, sizeof(result->message), "document is not well-formed XML");
        result->line = xmlSAX2GetLineNumber(parser);
        result->column = xmlSAX2GetColumnNumber(parser);
    }
    xmlFreeParserCtxt(parser);
}
