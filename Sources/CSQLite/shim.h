// The system SQLite (apt libsqlite3-dev): the registry's index (docs/registry.md, "Indexes").
#include <sqlite3.h>
