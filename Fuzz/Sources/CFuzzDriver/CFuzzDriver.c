// The C target only exists to declare LLVMFuzzerRunDriver (see include/CFuzzDriver.h).
#include "CFuzzDriver.h"
