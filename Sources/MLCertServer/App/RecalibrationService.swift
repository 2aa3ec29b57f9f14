import Foundation
import Logging
import MLCertPractice
import ServiceLifecycle

/// Recalibrates every exam credential's bank from the learner store every `interval`, inside the application's
/// service group (`mlcert serve --recalibrate-interval SECONDS`).
///
/// Each round calibrates a credential only when its first attempts have changed since its newest parameter set, and
/// saves the result as the next set, which every request then uses (the sets live in the store, so every process
/// behind one database switches together). A failed round is logged and the next one tried; a graceful shutdown
/// stops the loop between rounds.
public struct RecalibrationService: Service {
    public let calibration: StoreCalibration
    public let credentialIDs: [String]
    public let interval: Duration
    public let logger: Logger

    public init(calibration: StoreCalibration, credentialIDs: [String], interval: Duration, logger: Logger) {
        self.calibration = calibration
        self.credentialIDs = credentialIDs
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { return }
                await recalibrateAll()
            }
        }
    }

    /// One round over every credential.
    public func recalibrateAll() async {
        for id in credentialIDs {
            do {
                switch try await calibration.recalibrate(credentialID: id, force: false) {
                case .saved(let set):
                    logger.info("recalibrated", metadata: ["credential": "\(id)", "set": "\(set.version)", "learners": "\(set.learners)",
                        "responses": "\(set.responses)", "items_in_use": "\(set.itemsInUse)", "converged": "\(set.converged)"])
                case .unchanged, .noResponses:
                    continue
                }
            } catch {
                logger.warning("recalibration failed", metadata: ["credential": "\(id)", "error": "\(error)"])
            }
        }
    }
}
