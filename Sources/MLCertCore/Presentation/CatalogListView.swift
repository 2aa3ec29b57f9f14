/// The `mlcert catalog` listing: one row per credential, retired ones marked with their successor.
public struct CatalogListView: Sendable {
    /// One credential as `mlcert catalog --format json` prints it. The keys are a documented contract.
    public struct Row: Codable, Sendable, Equatable {
        public let id: String
        public let name: String
        public let vendor: String
        public let kind: String
        public let level: String
        public let status: String
        public let retiredOn: Day?
        public let successor: String?
        public let priceUSD: Double?
        public let durationMinutes: Int?
        public let currentBlueprint: String?
        /// The exam code a candidate sits today, which follows the guide in force (MLA-C02 for `aws-mla-c01`).
        public let examCode: String?

        enum CodingKeys: String, CodingKey {
            case id, name, vendor, kind, level, status, successor
            case examCode = "exam_code"
            case retiredOn = "retired_on"
            case priceUSD = "price_usd"
            case durationMinutes = "duration_minutes"
            case currentBlueprint = "current_blueprint"
        }
    }

    public let rows: [Row]

    public init(catalog: Catalog) {
        rows = catalog.credentials.sorted { ($0.isRetired ? 1 : 0, $0.vendor, $0.id) < ($1.isRetired ? 1 : 0, $1.vendor, $1.id) }.map { c in
            let price = c.facts.price.flatMap { $0.value.currency == "USD" ? $0.value.amount : nil }
            return Row(
                id: c.id, name: c.name, vendor: c.vendor, kind: c.kind.rawValue, level: c.level.rawValue,
                status: c.status.state.rawValue, retiredOn: c.status.retiredOn, successor: c.status.successor,
                priceUSD: price, durationMinutes: c.kind == .exam ? c.facts.durationMinutes?.value : nil,
                currentBlueprint: c.currentBlueprint?.version, examCode: c.examCodeInForce)
        }
    }

    public func renderTable() -> String {
        var table = TextTable(headers: ["ID", "CREDENTIAL", "STATUS", "PRICE", "TIME", "GUIDE"])
        for row in rows {
            let status: String
            if row.status == "retired" {
                status = "retired \(row.retiredOn.map(\.description) ?? "")" + (row.successor.map { " -> \($0)" } ?? "")
            } else {
                status = row.kind == "course_certificate" ? "course completion" : "active"
            }
            table.rows.append([
                row.id, row.name.count > 58 ? String(row.name.prefix(57)) + "…" : row.name, status,
                row.priceUSD.map { "$\(Int($0))" } ?? "-", row.durationMinutes.map { "\($0) min" } ?? "-",
                row.currentBlueprint ?? "-",
            ])
        }
        return table.render()
            + "\n\nRetired credentials cannot be earned any more; take the successor shown. `mlcert catalog show ID` gives details and sources."
    }
}
