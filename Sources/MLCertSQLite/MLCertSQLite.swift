/// The learner store on SQLite arrives with the practice-engine issue (GRDB, WAL mode, versioned migrations).
/// This target exists now so that the package layout matches `docs/ARCHITECTURE.md`; it declares nothing yet.
enum MLCertSQLiteModule {}
