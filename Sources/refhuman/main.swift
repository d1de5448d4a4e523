// refhuman: entry point. Domain errors become one line on stderr and exit status 1;
// argument errors and --help go through ArgumentParser's own reporting.
import Analysis
import ArgumentParser
import Datasets
import Foundation
import HTTPServer
import Imaging
import ModelRuns
import Storage

let arguments = CommandLineArguments.normalised(Array(CommandLine.arguments.dropFirst()))
if let problem = SubcommandCheck.problem(in: arguments) { CommandFailure.exit(problem, status: CommandFailure.usageStatus) }
do {
    var command = try RefHuman.parseAsRoot(arguments)
    try command.run()
} catch let error as ImportError {
    CommandFailure.exit(error.description)
} catch let error as StorageError {
    CommandFailure.exit(error.description)
} catch let error as HTTPServerError {
    CommandFailure.exit(error.description)
} catch let error as ModelRunError {
    CommandFailure.exit(error.description)
} catch let error as ServeLock.Failure {
    CommandFailure.exit(error.description)
} catch let error as SamplePlanError {
    CommandFailure.exit(error.description)
} catch let error as PlanInputError {
    CommandFailure.exit(error.description, status: error.status)
} catch let error as CommandFailure {
    CommandFailure.exit(error.message)
} catch {
    RefHuman.exit(withError: error)
}
