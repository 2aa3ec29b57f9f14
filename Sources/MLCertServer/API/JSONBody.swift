import Foundation
import Hummingbird
import NIOCore

/// Reads a JSON request body into a `Decodable`, turning every way it can be wrong into a 4xx that names the problem:
/// not JSON (415), too large (413), not parseable (400 `malformed_json`), a missing or mistyped field (400
/// `invalid_field` naming the field in snake_case).
enum JSONBody {
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: AppRequestContext) async throws -> T {
        var request = request
        let buffer = try await collect(&request, context: context)
        guard request.isJSON else { throw APIError.unsupportedMediaType(expected: "application/json") }
        guard buffer.readableBytes > 0 else { throw APIError.malformedJSON("the body is empty; send a JSON object") }
        do {
            return try JSONCoding.decoder.decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw describe(error)
        }
    }

    /// The raw bytes of a JSON body (checked for type and size), for parsers that take `Data`.
    static func raw(_ request: Request, context: AppRequestContext) async throws -> Data {
        var request = request
        let buffer = try await collect(&request, context: context)
        guard request.isJSON else { throw APIError.unsupportedMediaType(expected: "application/json") }
        guard buffer.readableBytes > 0 else { throw APIError.malformedJSON("the body is empty; send a JSON object") }
        return Data(buffer: buffer)
    }

    /// An optional body: nil when the request has none, else decoded as above.
    static func decodeIfPresent<T: Decodable>(_ type: T.Type, from request: Request, context: AppRequestContext) async throws -> T? {
        var request = request
        let buffer = try await collect(&request, context: context)
        if buffer.readableBytes == 0 { return nil }
        return try await decode(type, from: request, context: context)
    }

    private static func collect(_ request: inout Request, context: AppRequestContext) async throws -> ByteBuffer {
        do {
            return try await request.collectBody(upTo: context.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: context.maxBodyBytes)
        }
    }

    static func describe(_ error: DecodingError) -> APIError {
        func path(_ keys: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let all = keys + (last.map { [$0] } ?? [])
            let text = all.map { key in key.intValue.map { "[\($0)]" } ?? snakeCase(key.stringValue) }
                .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
            return text.isEmpty ? "(body)" : text
        }
        switch error {
        case .keyNotFound(let key, let context): return .invalidField(path(context.codingPath, key), "is required")
        case .valueNotFound(_, let context): return .invalidField(path(context.codingPath), "must not be null")
        case .typeMismatch(let type, let context): return .invalidField(path(context.codingPath), "expected \(describe(type))")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return .malformedJSON("the body is not valid JSON") }
            return .invalidField(path(context.codingPath), context.debugDescription)
        @unknown default: return .malformedJSON("the body could not be read")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is UInt64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : String(describing: type).hasPrefix("Dictionary") ? "an object" : "a value of another type"
        }
    }

    static func snakeCase(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase {
                if !out.isEmpty && !(out.last == "_") { out.append("_") }
                out.append(contentsOf: character.lowercased())
            } else {
                out.append(character)
            }
        }
        return out.replacingOccurrences(of: "i_d", with: "id")
    }
}
