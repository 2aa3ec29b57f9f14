/// The two QTI versions mlcert writes: the same assessment-item model, spelt differently.
///
/// QTI 3.0 renamed every QTI element `assessmentItem` to `qti-assessment-item` and every attribute
/// `responseIdentifier` to `response-identifier`, moved to new namespaces and resource types, and kept the
/// structure. Writing and reading through one dialect value keeps the two exports the same item by construction.
public enum QTIDialect: Sendable {
    case v2p1, v3p0

    /// The element name in this dialect, from its QTI 2.1 name.
    func element(_ name: String) -> String {
        self == .v2p1 ? name : "qti-" + Self.kebab(name)
    }

    /// The attribute name in this dialect, from its QTI 2.1 name.
    func attribute(_ name: String) -> String {
        self == .v2p1 ? name : Self.kebab(name)
    }

    var itemNamespace: String {
        self == .v2p1 ? "http://www.imsglobal.org/xsd/imsqti_v2p1" : "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
    }

    var itemSchemaLocation: String {
        self == .v2p1
            ? "http://www.imsglobal.org/xsd/imsqti_v2p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
            : "http://www.imsglobal.org/xsd/imsqtiasi_v3p0 https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd"
    }

    var manifestNamespace: String {
        self == .v2p1 ? "http://www.imsglobal.org/xsd/imscp_v1p1" : "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"
    }

    var manifestSchemaLocation: String {
        self == .v2p1
            ? "http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd"
            : "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1 https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd"
    }

    var itemResourceType: String { self == .v2p1 ? "imsqti_item_xmlv2p1" : "imsqti_item_xmlv3p0" }
    var schemaName: String { self == .v2p1 ? "QTIv2.1 Package" : "QTI Package" }
    var schemaVersion: String { self == .v2p1 ? "1.0.0" : "3.0.0" }

    /// `responseIdentifier` to `response-identifier`.
    static func kebab(_ name: String) -> String {
        var out = ""
        for ch in name {
            if ch.isUppercase {
                out += "-" + ch.lowercased()
            } else {
                out.append(ch)
            }
        }
        return out
    }

    /// `qti-simple-choice` to `simpleChoice` and `response-identifier` to `responseIdentifier`: names as QTI 2.1
    /// spells them, whichever version a document uses.
    static func canonical(_ name: String) -> String {
        let base = name.hasPrefix("qti-") ? String(name.dropFirst(4)) : name
        guard base.contains("-") else { return base }
        var out = ""
        var upper = false
        for ch in base {
            if ch == "-" {
                upper = true
            } else {
                out += upper ? ch.uppercased() : String(ch)
                upper = false
            }
        }
        return out
    }
}
