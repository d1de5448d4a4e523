// CatchSource+ExpressibleByArgument: `--catch-source auto|catch|shown` on `studies create` and `edit`.
import ArgumentParser
import Storage

extension CatchSource: ExpressibleByArgument {}
