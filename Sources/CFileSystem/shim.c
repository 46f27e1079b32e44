// The header is all there is; SwiftPM needs one source file in a C target.
#include "cfilesystem.h"
