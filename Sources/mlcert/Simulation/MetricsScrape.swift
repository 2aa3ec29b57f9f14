/// A Prometheus text scrape of `mlcert serve`'s `/metrics`, read by `mlcert simulate api` to see what the server
/// did: the parameter set each exam uses, the answers stored, and whether any request got a 5xx.
struct MetricsScrape {
    /// Each sample line as its name with labels (`name{a="b"}`) and its value; comments dropped.
    let samples: [(series: Substring, value: Double)]

    init(_ text: String) {
        samples = text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { return nil }
            return (line[..<space], value)
        }
    }

    /// The value of an unlabelled series, or one labelled by credential only; 0 when absent.
    func value(_ name: String, credential: String? = nil) -> Int {
        let series = credential.map { "\(name){credential=\"\($0)\"}" } ?? name
        return samples.first { $0.series == series }.map { Int($0.value) } ?? 0
    }

    /// Parameter set in use for a credential (0: writers' estimates only).
    func parameterSetVersion(credential: String) -> Int { value("mlcert_parameter_set_version", credential: credential) }

    /// Requests the server answered with a 5xx since it started, over every route.
    var serverErrors: Int {
        samples.filter { $0.series.hasPrefix("mlcert_http_request_duration_seconds_count{") && $0.series.contains("status=\"5xx\"") }
            .reduce(0) { $0 + Int($1.value) }
    }
}
