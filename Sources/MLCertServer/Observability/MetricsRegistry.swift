import Foundation
import MLCertPractice
import NIOConcurrencyHelpers

/// Request latency, kept per process, and its Prometheus text rendering together with the store's counts.
///
/// Latency is a histogram by method, route template (`/api/v1/sessions/{id}`, never the raw path, so ids do not
/// explode the label set) and status class (`2xx`, `4xx`, ...). Sessions in progress, answers recorded and accounts
/// are read from the store at scrape time, so every process behind one database reports the same figures.
public final class MetricsRegistry: Sendable {
    /// Upper bounds in seconds; the last bucket (`+Inf`) is implicit.
    public static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct Key: Hashable, Comparable {
        let method: String
        let route: String
        let statusClass: String

        static func < (a: Key, b: Key) -> Bool { (a.route, a.method, a.statusClass) < (b.route, b.method, b.statusClass) }
    }

    struct Series {
        var bucketCounts = [Int](repeating: 0, count: MetricsRegistry.buckets.count)
        var count = 0
        var sum = 0.0
    }

    private let series = NIOLockedValueBox<[Key: Series]>([:])

    public init() {}

    /// Records one finished request.
    public func observe(method: String, route: String, status: Int, seconds: Double) {
        let key = Key(method: method, route: route, statusClass: "\(status / 100)xx")
        series.withLockedValue { all in
            var entry = all[key] ?? Series()
            entry.count += 1
            entry.sum += seconds
            for (i, bound) in Self.buckets.enumerated() where seconds <= bound { entry.bucketCounts[i] += 1 }
            all[key] = entry
        }
    }

    /// The calibrated parameter set a credential uses (version 0: none yet, every item on its writer's estimate).
    public struct ParameterSetInUse: Sendable {
        public let credentialID: String
        public let version: Int
        public let itemsInUse: Int
        public let learners: Int
        public init(credentialID: String, version: Int, itemsInUse: Int, learners: Int) {
            self.credentialID = credentialID
            self.version = version
            self.itemsInUse = itemsInUse
            self.learners = learners
        }
    }

    /// The Prometheus text exposition (version 0.0.4) of the latency histogram, the store counts and the parameter
    /// sets in use.
    public func render(counts: PracticeCounts, parameterSets: [ParameterSetInUse] = []) -> String {
        var out = ""
        out += "# HELP mlcert_http_request_duration_seconds Time from request head to response, by method, route and status class.\n"
        out += "# TYPE mlcert_http_request_duration_seconds histogram\n"
        let snapshot = series.withLockedValue { $0 }
        for key in snapshot.keys.sorted() {
            guard let entry = snapshot[key] else { continue }
            let labels = "method=\"\(Self.escape(key.method))\",route=\"\(Self.escape(key.route))\",status=\"\(key.statusClass)\""
            for (i, bound) in Self.buckets.enumerated() {
                out += "mlcert_http_request_duration_seconds_bucket{\(labels),le=\"\(Self.format(bound))\"} \(entry.bucketCounts[i])\n"
            }
            out += "mlcert_http_request_duration_seconds_bucket{\(labels),le=\"+Inf\"} \(entry.count)\n"
            out += "mlcert_http_request_duration_seconds_sum{\(labels)} \(Self.format(entry.sum))\n"
            out += "mlcert_http_request_duration_seconds_count{\(labels)} \(entry.count)\n"
        }
        out += "# HELP mlcert_sessions_in_progress Practice sessions not finished and not past their deadline (from the store).\n"
        out += "# TYPE mlcert_sessions_in_progress gauge\n"
        out += "mlcert_sessions_in_progress \(counts.sessionsInProgress)\n"
        out += "# HELP mlcert_answers_recorded Answers recorded over all sessions (from the store).\n"
        out += "# TYPE mlcert_answers_recorded gauge\n"
        out += "mlcert_answers_recorded \(counts.answersRecorded)\n"
        out += "# HELP mlcert_accounts Registered accounts (from the store).\n"
        out += "# TYPE mlcert_accounts gauge\n"
        out += "mlcert_accounts \(counts.accounts)\n"
        let gauges: [(String, String, (ParameterSetInUse) -> Int)] = [
            ("mlcert_parameter_set_version", "Calibrated item-parameter set in use, by credential (0: writers' estimates only; from the store).", \.version),
            ("mlcert_parameter_set_items_in_use", "Items whose calibration the set in use applies, by credential.", \.itemsInUse),
            ("mlcert_parameter_set_learners", "Learners whose first attempts calibrated the set in use, by credential.", \.learners),
        ]
        for (name, help, value) in gauges where !parameterSets.isEmpty {
            out += "# HELP \(name) \(help)\n"
            out += "# TYPE \(name) gauge\n"
            for set in parameterSets { out += "\(name){credential=\"\(Self.escape(set.credentialID))\"} \(value(set))\n" }
        }
        return out
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
