import Foundation

/// What the advisor and planner know about a person. Every field has a documented default so that a partial profile
/// still gets advice; the JSON keys are a public contract (see the README).
public struct Profile: Hashable, Sendable {
    public enum Cloud: String, Hashable, StrictEnum { case gcp, aws, azure, databricks, multi, none }
    public enum EmployerType: String, Hashable, StrictEnum {
        case enterprise, consulting
        case cloudVendor = "cloud_vendor"
        case startup
        case midsizeProduct = "midsize_product"
        case researchLab = "research_lab"
    }
    public enum TargetRole: String, Hashable, StrictEnum {
        case mlEngineer = "ml_engineer"
        case mlResearch = "ml_research"
        case appliedScientist = "applied_scientist"
        case dataScientist = "data_scientist"
        case aiAppDeveloper = "ai_app_developer"
    }
    public enum Background: String, Hashable, StrictEnum {
        case softwareEngineering = "software_engineering"
        case dataAnalytics = "data_analytics"
        case ml, other
    }
    public enum MLKnowledge: String, Hashable, StrictEnum { case none, foundations, working }

    public var cloud: Cloud = .none
    public var employerType: EmployerType = .enterprise
    public var targetRole: TargetRole = .mlEngineer
    public var background: Background = .softwareEngineering
    public var mlKnowledge: MLKnowledge = .working
    public var productionMLYears: Double = 0
    public var employerReimburses = false
    public var payBandRecognizesCerts = false
    public var hrFiltersOnCredentials = false
    public var choosingPortfolioOverPrep = false
    public var weeklyStudyHours: Double = 8

    public init() {}

    /// The JSON keys, in questionnaire order.
    public enum Key: String, CaseIterable, Sendable {
        case cloud
        case employerType = "employer_type"
        case targetRole = "target_role"
        case background
        case mlKnowledge = "ml_knowledge"
        case productionMLYears = "production_ml_years"
        case employerReimburses = "employer_reimburses"
        case payBandRecognizesCerts = "pay_band_recognizes_certs"
        case hrFiltersOnCredentials = "hr_filters_on_credentials"
        case choosingPortfolioOverPrep = "choosing_portfolio_over_prep"
        case weeklyStudyHours = "weekly_study_hours"
    }
}

/// A profile value that cannot be used, naming the key and what is allowed.
public struct ProfileError: Error, Equatable, CustomStringConvertible {
    public let key: String
    public let message: String
    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }
    public var description: String { "profile key '\(key)': \(message)" }
}

extension Profile {
    /// Sets one field from its text form, as typed at a prompt or given as a flag; errors name the key and the
    /// allowed values.
    public mutating func set(_ key: Key, text: String) throws(ProfileError) {
        let value = text.trimmingCharacters(in: .whitespaces)
        func choice<E: StrictEnum>(_: E.Type) throws(ProfileError) -> E {
            guard let v = E(rawValue: value.lowercased()) else {
                throw ProfileError(key: key.rawValue, message: "'\(value)' is not allowed; expected one of: \(E.allowedValues)")
            }
            return v
        }
        func flag() throws(ProfileError) -> Bool {
            switch value.lowercased() {
            case "true", "yes", "y", "1": return true
            case "false", "no", "n", "0": return false
            default: throw ProfileError(key: key.rawValue, message: "'\(value)' is not allowed; expected yes or no (true or false)")
            }
        }
        func number(_ range: ClosedRange<Double>) throws(ProfileError) -> Double {
            guard let n = Double(value), n.isFinite, range.contains(n) else {
                throw ProfileError(key: key.rawValue, message: "'\(value)' is not allowed; expected a number from \(Int(range.lowerBound)) to \(Int(range.upperBound))")
            }
            return n
        }
        switch key {
        case .cloud: cloud = try choice(Cloud.self)
        case .employerType: employerType = try choice(EmployerType.self)
        case .targetRole: targetRole = try choice(TargetRole.self)
        case .background: background = try choice(Background.self)
        case .mlKnowledge: mlKnowledge = try choice(MLKnowledge.self)
        case .productionMLYears: productionMLYears = try number(0...60)
        case .employerReimburses: employerReimburses = try flag()
        case .payBandRecognizesCerts: payBandRecognizesCerts = try flag()
        case .hrFiltersOnCredentials: hrFiltersOnCredentials = try flag()
        case .choosingPortfolioOverPrep: choosingPortfolioOverPrep = try flag()
        case .weeklyStudyHours: weeklyStudyHours = try number(1...80)
        }
    }

    /// The current value of a field in its text form.
    public func text(_ key: Key) -> String {
        func num(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
        switch key {
        case .cloud: return cloud.rawValue
        case .employerType: return employerType.rawValue
        case .targetRole: return targetRole.rawValue
        case .background: return background.rawValue
        case .mlKnowledge: return mlKnowledge.rawValue
        case .productionMLYears: return num(productionMLYears)
        case .employerReimburses: return employerReimburses ? "yes" : "no"
        case .payBandRecognizesCerts: return payBandRecognizesCerts ? "yes" : "no"
        case .hrFiltersOnCredentials: return hrFiltersOnCredentials ? "yes" : "no"
        case .choosingPortfolioOverPrep: return choosingPortfolioOverPrep ? "yes" : "no"
        case .weeklyStudyHours: return num(weeklyStudyHours)
        }
    }

    /// Parses profile JSON. Missing keys keep their defaults; unknown keys and bad values are errors that name the key.
    public static func parse(json data: Data) throws(ProfileError) -> Profile {
        let dict: [String: JSONScalar]
        do {
            dict = try JSONDecoder().decode([String: JSONScalar].self, from: data)
        } catch let DecodingError.typeMismatch(_, context) where !context.codingPath.isEmpty {
            throw ProfileError(key: context.codingPath[0].stringValue, message: "expected a string, number or boolean")
        } catch {
            throw ProfileError(key: "(document)", message: "expected a JSON object of profile keys (\(error))")
        }
        var profile = Profile()
        let allowed = Key.allCases.map(\.rawValue)
        for name in dict.keys.sorted() {
            guard let key = Key(rawValue: name) else {
                throw ProfileError(key: name, message: "unknown key" + Suggestions.didYouMean(Suggestions.closest(to: name, among: allowed))
                    + "; allowed keys: \(allowed.joined(separator: ", "))")
            }
            let isBoolKey = [Key.employerReimburses, .payBandRecognizesCerts, .hrFiltersOnCredentials, .choosingPortfolioOverPrep].contains(key)
            let isNumberKey = key == .productionMLYears || key == .weeklyStudyHours
            switch dict[name]! {
            case .bool(let b) where isBoolKey: try profile.set(key, text: b ? "true" : "false")
            case .number(let n) where isNumberKey: try profile.set(key, text: String(n))
            case .string(let s) where !isBoolKey && !isNumberKey: try profile.set(key, text: s)
            default:
                throw ProfileError(key: name, message: isBoolKey ? "expected true or false" : isNumberKey ? "expected a number" : "expected a string")
            }
        }
        return profile
    }

    /// The profile as JSON-ready key/value pairs, with every key present.
    public var jsonObject: [String: String] {
        Dictionary(uniqueKeysWithValues: Key.allCases.map { ($0.rawValue, text($0)) })
    }
}

/// One JSON value of a flat object; JSONDecoder keeps booleans and numbers apart, which the profile needs.
enum JSONScalar: Decodable {
    case bool(Bool), number(Double), string(String)
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else { self = .string(try c.decode(String.self)) }
    }
}
