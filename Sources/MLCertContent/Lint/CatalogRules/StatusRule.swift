import MLCertCore

/// Retired credentials must say when they stopped and point onwards, so that nobody is advised towards a dead exam.
public struct StatusRule: LintRule {
    public let id = "catalog.status"
    public let summary = "Retired credentials carry retired_on and a successor that is not itself the same credential; active ones carry no retired_on."
    public init() {}

    public func check(_ content: LoadedContent) -> [ContentProblem] {
        var problems: [ContentProblem] = []
        for credential in content.catalog.credentials {
            let key = Origin.Key.credential(credential.id)
            let status = credential.status
            switch status.state {
            case .retired:
                if status.retiredOn == nil {
                    problems.append(content.problem(key, at: [.key("status")], "a retired credential needs retired_on (the last day it could be taken)", rule: id))
                }
                if credential.kind == .exam && status.successor == nil {
                    problems.append(content.problem(key, at: [.key("status")], "a retired exam needs a successor (the credential to take instead)", rule: id))
                }
                if status.successor == credential.id {
                    problems.append(content.problem(key, at: [.key("status"), .key("successor")], "a credential cannot succeed itself", rule: id))
                }
            case .active:
                if status.retiredOn != nil {
                    problems.append(content.problem(key, at: [.key("status"), .key("retired_on")], "an active credential has no retired_on; set state: retired", rule: id))
                }
            }
        }
        return problems
    }
}
