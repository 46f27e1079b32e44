/*
 * ICU's common data, empty: what ICU's own "stubdata" library defines
 * (icu4c/source/stubdata/stubdata.cpp), under the entry point of the ICU
 * that Swift's Foundation carries (ICU 76, in lib_FoundationICU.a).
 *
 * scripts/wheel links this object before lib_FoundationICU.a, so the
 * archive's 34 MB icu_packaged_data.cpp.o is never pulled in. ICU then finds
 * no locale, calendar, time zone, collation, break-iterator or converter
 * data: the calls that need it fail with U_MISSING_RESOURCE_ERROR. The code
 * we ship does not make such calls (dates through CivilTime, regular
 * expressions through Swift's Regex, text conversion by libxml2 through
 * glibc's iconv); scripts/test runs the Python and C tests against the
 * wheel to show it.
 */
#include <stdint.h>

struct icu_data_header {
    uint16_t header_size;
    uint8_t magic1, magic2;
    struct {
        uint16_t size, reserved_word;
        uint8_t is_big_endian, charset_family, sizeof_uchar, reserved_byte;
        uint8_t data_format[4], format_version[4], data_version[4];
    } info;
    char padding[8];
    uint32_t count, reserved;
    struct { uint32_t name_offset, data_offset; } toc[1];
};

__attribute__((visibility("hidden")))
const struct icu_data_header icudt76_dat = {
    32, 0xda, 0x27,
    {20, 0, 0 /* little-endian */, 0 /* ASCII family */, 2, 0,
     {0x54, 0x6f, 0x43, 0x50} /* "ToCP" */, {1, 0, 0, 0}, {0, 0, 0, 0}},
    {0}, 0, 0, {{0, 0}},
};
