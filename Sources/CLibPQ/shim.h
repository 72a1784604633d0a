// libpq, the PostgreSQL client library, as seen by Swift (the SwitchboardPostgres target wraps it).
#ifndef SWITCHBOARD_CLIBPQ_SHIM_H
#define SWITCHBOARD_CLIBPQ_SHIM_H

#include <libpq-fe.h>

#endif
