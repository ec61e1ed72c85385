/* record.c -- the names of the shared records' enumerations (record.h). */
#include "record.h"

const char *record_modality_name(sr_modality m)
{
    static const char *const names[] = {"asserted", "planned", "hypothetical", "negated"};
    return names[m];
}
