import CablewatchPostgres
import Foundation
import Testing

@testable import CablewatchService

/// `storage:`: SQLite by default, PostgreSQL with `storage.url`, whose password never sits in the configuration.
@Suite struct StorageConfigurationTests {
    static func yaml(_ storage: String) -> String {
        ConfigurationFixtures.minimal + "\nstorage:\n"
            + storage.split(separator: "\n").map { "  " + $0 }
            .joined(separator: "\n") + "\n"
    }

    @Test func sqliteStaysTheDefault() throws {
        let configuration = try ConfigurationFixtures.load(ConfigurationFixtures.minimal)
        #expect(configuration.storage.postgres == nil)
        #expect(configuration.storage.location == "/var/lib/cablewatch/cablewatch.sqlite3")
    }

    @Test func aPostgresURLNamesServerUserAndDatabase() throws {
        let configuration = try ConfigurationFixtures.load(
            Self.yaml("url: postgresql://cablewatch@db.example.org:5433/archive\npasswordFile: /etc/cablewatch/pg"))
        #expect(
            configuration.storage.postgres
                == PostgresServer(host: "db.example.org", port: 5433, username: "cablewatch", database: "archive"))
        #expect(configuration.storage.password == .file("/etc/cablewatch/pg"))
        #expect(configuration.storage.location == "postgresql://cablewatch@db.example.org:5433/archive")
        let defaultPort = try ConfigurationFixtures.load(Self.yaml("url: postgres://u@h/d"))
        #expect(defaultPort.storage.postgres?.port == 5432)
    }

    @Test func aPasswordInTheURLIsRefusedWithoutEchoingIt() {
        let error = ConfigurationFixtures.error(Self.yaml("url: postgresql://cablewatch:hunter2@db:5432/archive"))
        #expect(error?.keyPath == "storage.url")
        #expect(error?.location == .line(4))
        let text = error?.description ?? ""
        #expect(text.contains("holds a password"), "\(text)")
        #expect(text.contains("storage.passwordFile or storage.passwordCredential"), "\(text)")
        #expect(!text.contains("hunter2"), "\(text)")
    }

    @Test func badURLsAndConflictingKeysSayWhatIsValid() {
        for (storage, problem) in [
            ("url: mysql://u@h/d", "has an unsupported scheme"),
            ("url: postgresql://h/d", "names no user"),
            ("url: postgresql://u@h/", "names no database"),
            ("url: postgresql://u@h/d?sslmode=require", "has options"),
            ("passwordFile: /etc/pg", "is set without storage.url"),
        ] {
            let error = ConfigurationFixtures.error(Self.yaml(storage))
            #expect(error?.description.contains(problem) == true, "\(storage): \(String(describing: error))")
            #expect(error?.description.contains("postgresql://USER@HOST[:PORT]/DATABASE") == true)
        }
        let both = ConfigurationFixtures.error(Self.yaml("path: /tmp/a.sqlite3\nurl: postgresql://u@h/d"))
        #expect(both?.description.contains("storage.path (SQLite) or storage.url (PostgreSQL)") == true)
        let twoPasswords = ConfigurationFixtures.error(
            Self.yaml("url: postgresql://u@h/d\npasswordFile: /a\npasswordCredential: pg"))
        #expect(twoPasswords?.description.contains("one of passwordFile and passwordCredential") == true)
    }

    @Test func thePasswordIsReadFromAPrivateFileOrACredential() throws {
        let directory = NSTemporaryDirectory() + "cablewatch-pgpass-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/pg.password"
        try "s3cret\n".write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let server = PostgresServer(host: "h", port: 5432, username: "u", database: "d")
        let fromFile = CablewatchConfiguration.StorageConfiguration(postgres: server, password: .file(file))
        #expect(try fromFile.readPassword(configPath: directory + "/c.yaml", environment: [:]) == "s3cret")
        let credential = CablewatchConfiguration.StorageConfiguration(
            postgres: server, password: .credential("pg.password"))
        #expect(
            try credential.readPassword(
                configPath: "/elsewhere/c.yaml", environment: ["CREDENTIALS_DIRECTORY": directory]) == "s3cret")
        #expect(try credential.readPassword(configPath: directory + "/c.yaml", environment: [:]) == "s3cret")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect {
            try fromFile.readPassword(configPath: directory + "/c.yaml", environment: [:])
        } throws: { error in
            "\(error)".contains("chmod 600") || "\(error)".contains("0644")
        }
    }
}
