import ArgumentParser

/// The `mlcert` command: advice on ML-engineering certifications, study plans and exam practice.
@main
struct MLCert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlcert",
        abstract: "Decide whether to get an ML-engineering certification, which one, and prepare until you are ready.",
        subcommands: [ServeCommand.self, CatalogCommand.self, AdviseCommand.self, PlanCommand.self, PracticeCommand.self, ExamCommand.self, DiagnoseCommand.self, ReviewCommand.self, ProgressCommand.self, HistoryCommand.self, ContentCommand.self, CalibrateCommand.self, ResponsesCommand.self, SimulateCommand.self, SRSCommand.self]
    )
}
