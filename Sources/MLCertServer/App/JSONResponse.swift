import Foundation
import Hummingbird

/// JSON responses in the API's conventions (see `JSONCoding`).
enum JSONResponse {
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        do {
            let data = try JSONCoding.encoder.encode(value)
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        } catch {
            return ErrorMiddleware.json(.internal)
        }
    }
}
