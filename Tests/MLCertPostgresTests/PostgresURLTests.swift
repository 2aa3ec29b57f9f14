#if Postgres
import MLCertPostgres
import Testing

@Suite("PostgreSQL URL")
struct PostgresURLTests {
    @Test("every part is read: user, percent-encoded password, host, port, database, sslmode, schema")
    func fullURL() throws {
        let url = try PostgresURL("postgres://ml%40cert:p%40ss%3Aw%2Frd@db.example.org:6543/learners?sslmode=require&schema=tenant_a")
        #expect(url.user == "ml@cert")
        #expect(url.password == "p@ss:w/rd")
        #expect(url.host == "db.example.org")
        #expect(url.port == 6543)
        #expect(url.database == "learners")
        #expect(url.sslMode == .require)
        #expect(url.schema == "tenant_a")
        #expect(url.socketPath == nil)
    }

    @Test("defaults follow libpq: port 5432, user postgres, database named after the user, sslmode prefer, localhost")
    func defaults() throws {
        let url = try PostgresURL("postgresql://mlcert@")
        #expect(url.port == 5432)
        #expect(url.user == "mlcert")
        #expect(url.database == "mlcert")
        #expect(url.sslMode == .prefer)
        #expect(url.host == "localhost")
        #expect(url.password == nil)
        #expect(try PostgresURL("postgres://h/db").user == "postgres")
    }

    @Test("a socket directory in ?host= replaces the TCP host, and the socket file is named after the port")
    func unixSocket() throws {
        let url = try PostgresURL("postgres://mlcert@/mlcert?host=/run/postgresql/&port=5433")
        #expect(url.host == nil)
        #expect(url.socketDirectory == "/run/postgresql")
        #expect(url.socketPath == "/run/postgresql/.s.PGSQL.5433")
    }

    @Test("IPv6 hosts in brackets, with and without a port")
    func ipv6() throws {
        #expect(try PostgresURL("postgres://u@[::1]:7000/d").host == "::1")
        #expect(try PostgresURL("postgres://u@[::1]:7000/d").port == 7000)
        #expect(try PostgresURL("postgres://u@[fe80::1]/d").port == 5432)
    }

    @Test("the description masks the password", arguments: ["postgres://u:hunter2@h/d", "postgres://u@h/d?password=hunter2"])
    func maskedPassword(text: String) throws {
        let url = try PostgresURL(text)
        #expect(url.password == "hunter2")
        #expect(!url.description.contains("hunter2"))
        #expect(url.description.contains("***"))
    }

    @Test("bad URLs are refused naming the part at fault", arguments: [
        ("mysql://u@h/d", "scheme"),
        ("postgres:/u@h/d", "scheme"),
        ("postgres://u@h:99999/d", "port"),
        ("postgres://u@h:abc/d", "port"),
        ("postgres://u@h/d?sslmode=sometimes", "sslmode"),
        ("postgres://u@h/d?schema=1abc", "schema"),
        ("postgres://u@h/d?schema=a%22b", "schema"),
        ("postgres://u@h/d?schema=", "schema"),
        ("postgres://u@h/d?host=relative/dir", "host"),
        ("postgres://u@h/d?application=x", "application"),
        ("postgres://u@/d?host=/tmp&sslmode=require", "sslmode"),
        ("postgres://u:%zz@h/d", "password"),
        ("postgres://u@[::1/d", "host"),
        ("postgres://u@h/d/e", "database"),
    ])
    func refused(text: String, part: String) {
        #expect {
            _ = try PostgresURL(text)
        } throws: { error in
            guard let error = error as? PostgresURLError else { return false }
            return error.part == part && error.description.contains("(\(part))")
        }
    }

    @Test("isPostgres tells URLs from SQLite paths")
    func detection() {
        #expect(PostgresURL.isPostgres("postgres://h/d"))
        #expect(PostgresURL.isPostgres("postgresql://h/d"))
        #expect(!PostgresURL.isPostgres("/var/lib/mlcert/mlcert.sqlite"))
        #expect(!PostgresURL.isPostgres("postgres.sqlite"))
    }
}
#endif
