import Foundation
import Hummingbird

/// JSON responses in the API's conventions (see `JSONCoding`).
enum JSONResponse {
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        respond(status: status, headers: headers) { ByteBuffer(bytes: try JSONCoding.encoder.encode(value)) }
    }

    /// The same response for a payload that writes its own JSON text (see `JSONText`): the same bytes, for less work.
    static func make<T: JSONTextEncodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        respond(status: status, headers: headers) {
            var text = JSONText()
            try value.write(to: &text)
            return ByteBuffer(bytes: text.bytes)
        }
    }

    private static func respond(status: HTTPResponse.Status, headers: HTTPFields, body: () throws -> ByteBuffer) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        do {
            return Response(status: status, headers: headers, body: .init(byteBuffer: try body()))
        } catch {
            return ErrorMiddleware.json(.internal)
        }
    }
}
