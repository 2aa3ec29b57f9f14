import MLCertCore

/// One rendered instance of a family: the item a learner answers, the working that shows how the key was computed,
/// and the figure and table a page can draw beside the scenario.
public struct FamilyInstance: Sendable, Hashable {
    public let familyID: String
    public let seed: UInt64
    public let item: Item
    /// The computation, step by step, as a learner would redo it; shown with the explanation after answering.
    public let working: [String]
    /// Numbers the scenario refers to, drawn as a chart by the web app (with `table` beside it for screen readers).
    public let figure: FamilyFigure?
    /// The same numbers as a table: the scenario's data, always present when a figure is.
    public let table: FamilyTable?

    public init(familyID: String, seed: UInt64, item: Item, working: [String], figure: FamilyFigure? = nil, table: FamilyTable? = nil) {
        self.familyID = familyID
        self.seed = seed
        self.item = item
        self.working = working
        self.figure = figure
        self.table = table
    }
}

/// Data for a chart. The renderer decides the drawing; the family decides what the numbers are.
public enum FamilyFigure: Sendable, Hashable {
    /// Two distributions over the same bins, e.g. training and serving shares of a feature.
    case histogramPair(title: String, bins: [String], first: (label: String, values: [Double]), second: (label: String, values: [Double]))
    /// One or more curves over a shared x axis, e.g. a precision-recall curve or a latency profile.
    case curves(title: String, xLabel: String, yLabel: String, x: [Double], series: [(label: String, values: [Double])])
    /// Bars by category, e.g. a metric per group.
    case bars(title: String, categories: [String], series: [(label: String, values: [Double])])

    public static func == (lhs: FamilyFigure, rhs: FamilyFigure) -> Bool { lhs.fingerprint == rhs.fingerprint }
    public func hash(into hasher: inout Hasher) { hasher.combine(fingerprint) }

    /// A textual form that identifies the figure's content, for equality and hashing (tuples are neither).
    var fingerprint: String {
        switch self {
        case .histogramPair(let title, let bins, let first, let second):
            "h|\(title)|\(bins)|\(first.label)|\(first.values)|\(second.label)|\(second.values)"
        case .curves(let title, let xLabel, let yLabel, let x, let series):
            "c|\(title)|\(xLabel)|\(yLabel)|\(x)|" + series.map { "\($0.label)=\($0.values)" }.joined(separator: "|")
        case .bars(let title, let categories, let series):
            "b|\(title)|\(categories)|" + series.map { "\($0.label)=\($0.values)" }.joined(separator: "|")
        }
    }
}

/// A small table of the scenario's numbers.
public struct FamilyTable: Sendable, Hashable, Codable {
    public let caption: String
    public let headers: [String]
    public let rows: [[String]]

    public init(caption: String, headers: [String], rows: [[String]]) {
        self.caption = caption
        self.headers = headers
        self.rows = rows
    }
}
