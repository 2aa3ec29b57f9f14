import Foundation
import Hummingbird
import HummingbirdTesting
import MLCertPractice
@testable import MLCertServer
import Testing

@Suite("Configuration and password hashing")
struct ConfigurationTests {
    @Test("defaults: 127.0.0.1:8080, cookies not Secure, bcrypt cost 12")
    func defaults() throws {
        let configuration = try ServerConfiguration.resolve(environment: [:])
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.secureCookies == false)
        #expect(configuration.bcryptCost == 12)
        #expect(configuration.database == nil)
    }

    @Test("the environment fills what the flags leave out, and flags win")
    func environmentFallbacks() throws {
        let environment = ["MLCERT_HOST": "0.0.0.0", "MLCERT_PORT": "9000", "MLCERT_DATABASE": "/srv/db.sqlite", "MLCERT_CONTENT": "/srv/Content",
                           "MLCERT_SECURE_COOKIES": "true", "MLCERT_BCRYPT_COST": "10"]
        let fromEnvironment = try ServerConfiguration.resolve(environment: environment)
        #expect(fromEnvironment == ServerConfiguration(host: "0.0.0.0", port: 9000, database: "/srv/db.sqlite", contentPath: "/srv/Content",
            secureCookies: true, bcryptCost: 10))
        let flagsWin = try ServerConfiguration.resolve(host: "::1", port: 7000, secureCookies: false, bcryptCost: 11, environment: environment)
        #expect(flagsWin.host == "::1")
        #expect(flagsWin.port == 7000)
        #expect(flagsWin.secureCookies == false)
        #expect(flagsWin.bcryptCost == 11)
    }

    @Test("bad values are errors that name the flag or variable", arguments: [
        (["MLCERT_PORT": "eighty"], "MLCERT_PORT"), (["MLCERT_PORT": "70000"], "port"), (["MLCERT_SECURE_COOKIES": "maybe"], "MLCERT_SECURE_COOKIES"),
        (["MLCERT_BCRYPT_COST": "3"], "bcrypt-cost"), (["MLCERT_BCRYPT_COST": "x"], "MLCERT_BCRYPT_COST"),
    ])
    func badValues(environment: [String: String], field: String) {
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.resolve(environment: environment) }
        do {
            _ = try ServerConfiguration.resolve(environment: environment)
        } catch {
            #expect(error.field == field)
        }
    }

    @Test("passwords are stored as bcrypt at the configured cost, and an older cost is upgraded at the next sign-in", arguments: StoreKind.allCases)
    func bcryptAndRehash(store: StoreKind) async throws {
        let app = try TestApp(store: store)
        try await app.run { client in
            let ada = try await client.register("ada@example.org")
            let stored = try #require(try await app.store.account(id: ada.id))
            #expect(stored.passwordHash.hasPrefix("$2b$04$"))
            #expect(!stored.passwordHash.contains("correct horse"))
        }
        var stronger = app.configuration
        stronger.bcryptCost = 5
        let upgraded = try await buildApplication(configuration: stronger, dependencies: app.dependencies)
        let status = try await upgraded.test(.router) { client in
            try await client.send(.post, "/api/v1/account/login", json: #"{"email": "ada@example.org", "password": "correct horse battery"}"#).status
        }
        #expect(status == .ok)
        #expect(try await app.store.account(email: "ada@example.org")?.passwordHash.hasPrefix("$2b$05$") == true)
    }
}
