// The C interface is implemented in Swift (Sources/CMSISPackManagerABI);
// this target only carries the public header, so both sides share its types.
#include "cmsis_pack_manager.h"
