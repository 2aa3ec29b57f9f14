/// A product name a vendor retired, or a service whose availability changed, so that the bank and the catalog keep to
/// the names the current exam guides use.
///
/// Vendors rename services more often than they revise guides (Vertex AI became Gemini Enterprise Agent Platform in
/// April 2026, two months before Google's PMLE guide switched to the new names). Items written with an old name teach a
/// learner vocabulary the exam no longer uses, and items whose key recommends a service closed to new customers teach
/// an answer a new team cannot follow. Each entry is confirmed on a vendor page.
public struct ProductRename: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, StrictEnum {
        case renamed
        /// Existing customers keep using it; new customers cannot start (SageMaker Model Monitor, Debugger).
        case closedToNewCustomers = "closed_to_new_customers"
        /// Being withdrawn; `endsOn` gives the last day, where the vendor states one (Vertex Explainable AI).
        case deprecated
    }

    /// The name that is no longer current, as it appears in text.
    public let old: String
    /// The name that replaced it; nil when only the service's availability changed.
    public let current: String?
    public let vendor: String
    public let status: Status
    /// The day of the change, where the vendor states it.
    public let on: Day?
    /// Where it does not: a day by which the change was in effect.
    public let by: Day?
    public let endsOn: Day?
    public let source: String
    public let note: String?

    public init(
        old: String, current: String? = nil, vendor: String, status: Status, on: Day? = nil, by: Day? = nil, endsOn: Day? = nil,
        source: String, note: String? = nil
    ) {
        self.old = old
        self.current = current
        self.vendor = vendor
        self.status = status
        self.on = on
        self.by = by
        self.endsOn = endsOn
        self.source = source
        self.note = note
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case old, current, vendor, status, on, by, source, note
        case endsOn = "ends_on"
    }

    /// Whether new customers can no longer adopt the service.
    public var isUnavailableToNewCustomers: Bool { status != .renamed }
}
